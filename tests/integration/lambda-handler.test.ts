import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import {
  asAuthorizerClaims,
  cognitoClaims,
  httpApiEvent,
  staffClaims,
  testMemberClientId,
} from '../support/api-gateway-event.ts';
import { createTestTable } from '../support/test-table.ts';

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

let handler: Handler;
let drop: () => Promise<void>;

beforeAll(async () => {
  const table = await createTestTable();
  drop = table.drop;
  process.env.TABLE_NAME = table.tableName;
  process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.SIGNING_SECRET = 'test-signing-secret';
  process.env.MEMBER_CLIENT_ID = testMemberClientId;
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  ({ handler } = (await import('../../functions/members-api.ts')) as unknown as { handler: Handler });
});
afterAll(() => drop());

const context = {
  functionName: 'members-api',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:members-api',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

describe('the members Lambda handler', () => {
  it('creates and reads a member from a real HTTP API v2 event with authorizer claims', async () => {
    const created = (await handler(
      httpApiEvent('POST', '/v1/members', staffClaims, {
        name: 'АО «Лямбда Водоканал»',
        country: 'RU',
        region: 'RU-MOW',
        taxId: withInnCheckDigits('770100001'),
        sectors: ['industrial-water-treatment'],
      }),
      context,
    )) as { statusCode: number; body: string; headers: Record<string, string> };
    expect(created.statusCode).toBe(201);
    const member = JSON.parse(created.body) as { id: string };

    const read = (await handler(httpApiEvent('GET', `/v1/members/${member.id}`, staffClaims), context)) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
  });

  it('applies the same role checks to authorizer claims as to local tokens', async () => {
    const memberClaims = asAuthorizerClaims(cognitoClaims('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y'));
    const list = (await handler(httpApiEvent('GET', '/v1/members', memberClaims), context)) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(list.statusCode).toBe(403);
    expect(list.headers['content-type']).toContain('application/problem+json');
    const anonymous = (await handler(httpApiEvent('GET', '/v1/members', undefined), context)) as {
      statusCode: number;
    };
    expect(anonymous.statusCode).toBe(401);
  });

  it('takes member tokens only as access tokens from the members app client, with member_id', async () => {
    const status = async (claims: Record<string, string>) =>
      ((await handler(httpApiEvent('GET', '/v1/me', claims), context)) as { statusCode: number }).statusCode;
    const memberId = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
    const access = cognitoClaims('member', memberId);
    // Passes authentication and authorization; the member itself was never created.
    expect(await status(asAuthorizerClaims(access))).toBe(404);
    expect(await status(asAuthorizerClaims({ ...access, client_id: staffClaims.client_id }))).toBe(403);
    const { member_id: _dropped, ...withoutMemberId } = access;
    expect(await status(asAuthorizerClaims(withoutMemberId))).toBe(403);
    // What an ID token of the same user carries: the attribute, an audience, token_use "id".
    const idToken = {
      ...withoutMemberId,
      token_use: 'id',
      aud: testMemberClientId,
      'custom:memberId': memberId,
    };
    expect(await status(asAuthorizerClaims(idToken))).toBe(401);
  });
});
