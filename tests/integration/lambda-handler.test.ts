import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
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
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_TRACE_DISABLED = 'true';
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

/** An HTTP API payload v2 event as API Gateway sends it after its JWT authorizer accepted a Cognito token. */
function event(method: string, path: string, claims: Record<string, string> | undefined, body?: unknown) {
  return {
    version: '2.0',
    routeKey: 'ANY /v1/{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.eu-central-1.amazonaws.com',
      'content-type': 'application/json',
      authorization: 'Bearer eyJraWQiOi...',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'Xyz-req',
      routeKey: 'ANY /v1/{proxy+}',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(body ? { body: JSON.stringify(body), isBase64Encoded: false } : { isBase64Encoded: false }),
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

// Claims exactly as the JWT authorizer flattens a Cognito access token: groups become "[staff]".
const staffClaims = {
  sub: '5f1c2a4e-0000-4000-8000-000000000001',
  'cognito:groups': '[staff]',
  iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_example',
  client_id: 'example-client',
  token_use: 'access',
  exp: '1795003600',
};

describe('the members Lambda handler', () => {
  it('creates and reads a member from a real HTTP API v2 event with authorizer claims', async () => {
    const created = (await handler(
      event('POST', '/v1/members', staffClaims, {
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

    const read = (await handler(event('GET', `/v1/members/${member.id}`, staffClaims), context)) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
  });

  it('applies the same role checks to authorizer claims as to local tokens', async () => {
    const memberClaims = {
      ...staffClaims,
      'cognito:groups': '[member]',
      'custom:memberId': '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
    };
    const list = (await handler(event('GET', '/v1/members', memberClaims), context)) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(list.statusCode).toBe(403);
    expect(list.headers['content-type']).toContain('application/problem+json');
    const anonymous = (await handler(event('GET', '/v1/members', undefined), context)) as {
      statusCode: number;
    };
    expect(anonymous.statusCode).toBe(401);
  });
});
