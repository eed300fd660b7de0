import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { bundleEntry, makeBundleWorkDir } from '../../bench/bundle.ts';
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

/**
 * Every case runs twice: on the handler as the source defines it, and on the function's bundle as the
 * construct builds it (esbuild, the same options), which has other Headers, Request and Response
 * classes (infra/cdk/fetch-without-undici.ts) and the zod and transliterate aliases.
 */
const handlers: Partial<Record<'source' | 'bundle', Handler>> = {};
let drop: () => Promise<void>;
let bundleDir: string;

beforeAll(async () => {
  const table = await createTestTable();
  drop = table.drop;
  process.env.TABLE_NAME = table.tableName;
  process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.SIGNING_SECRET = 'test-signing-secret';
  process.env.MEMBER_CLIENT_ID = testMemberClientId;
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  handlers.source = (
    (await import('../../functions/members-api.ts')) as unknown as { handler: Handler }
  ).handler;
  bundleDir = makeBundleWorkDir();
  const bundle = await bundleEntry('functions/members-api.ts', bundleDir);
  handlers.bundle = ((await import(pathToFileURL(bundle.file).href)) as { handler: Handler }).handler;
}, 60_000);
afterAll(async () => {
  await drop();
  rmSync(bundleDir, { recursive: true, force: true });
});

const context = {
  functionName: 'members-api',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:members-api',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

describe.each(['source', 'bundle'] as const)('the members Lambda handler (%s)', (kind) => {
  const handler: Handler = (event, context) => handlers[kind]!(event, context);

  it('creates and reads a member from a real HTTP API v2 event with authorizer claims', async () => {
    const created = (await handler(
      httpApiEvent('POST', '/v1/members', staffClaims, {
        name: `АО «Лямбда Водоканал ${kind}»`,
        country: 'RU',
        region: 'RU-MOW',
        taxId: withInnCheckDigits(kind === 'source' ? '770100001' : '770100002'),
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
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.headers['x-content-type-options']).toBe('nosniff');

    const patch = (ifMatch: string | undefined, body: unknown) => {
      const event = httpApiEvent('PATCH', `/v1/members/${member.id}`, staffClaims, body);
      const headers = { ...event.headers, 'content-type': 'application/merge-patch+json' };
      return handler(
        { ...event, headers: ifMatch ? { ...headers, 'if-match': ifMatch } : headers },
        context,
      ) as Promise<{
        statusCode: number;
        headers: Record<string, string>;
        body: string;
      }>;
    };
    expect((await patch(undefined, { website: 'https://vodokanal.example' })).statusCode).toBe(428);
    const invalid = await patch('"1"', { website: 'not a url' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(invalid.body)).toMatchObject({
      status: 422,
      errors: expect.arrayContaining([expect.objectContaining({ path: 'website' })]),
    });
    const patched = await patch('"1"', { website: 'https://vodokanal.example' });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    expect(JSON.parse(patched.body)).toMatchObject({ id: member.id, website: 'https://vodokanal.example' });
    expect((await patch('"1"', { website: 'https://other.example' })).statusCode).toBe(412);
  });

  it('imports a CSV body and exports CSV', async () => {
    const taxId = withInnCheckDigits(kind === 'source' ? '770100003' : '770100004');
    const event = httpApiEvent('POST', '/v1/members/import', staffClaims);
    const imported = (await handler(
      {
        ...event,
        headers: { ...event.headers, 'content-type': 'text/csv; charset=utf-8' },
        body: `name,country,taxId,sectors\nООО «Импорт ${kind}»,RU,${taxId},energy\n`,
      },
      context,
    )) as { statusCode: number; body: string };
    expect(imported.statusCode).toBe(200);
    expect(JSON.parse(imported.body)).toMatchObject({ summary: { created: 1 } });

    const exported = (await handler(
      { ...httpApiEvent('GET', '/v1/members/export.csv', staffClaims), rawQueryString: 'country=RU' },
      context,
    )) as { statusCode: number; body: string; headers: Record<string, string>; isBase64Encoded: boolean };
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = exported.isBase64Encoded
      ? Buffer.from(exported.body, 'base64').toString('utf8')
      : exported.body;
    expect(text).toContain(`ООО «Импорт ${kind}»`);
  });

  it('answers an unknown route and a malformed body with problems', async () => {
    const unknown = (await handler(httpApiEvent('GET', '/v1/members/x/y/z', staffClaims), context)) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const malformed = (await handler(
      { ...httpApiEvent('POST', '/v1/members', staffClaims), body: '{"name": ' },
      context,
    )) as { statusCode: number; headers: Record<string, string> };
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
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

  // Powertools writes through the global console only under POWERTOOLS_DEV (set above); otherwise
  // through a console of its own, which this spy would not see.
  it('writes no warning to the log for a request it answers', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const list = (await handler(httpApiEvent('GET', '/v1/members', staffClaims), context)) as {
        statusCode: number;
      };
      expect(list.statusCode).toBe(200);
      expect(warn.mock.calls).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('the bundle and the source', () => {
  it('give the same answer, headers and body, to the same reads', async () => {
    const events = [
      httpApiEvent('GET', '/v1/members', staffClaims),
      {
        ...httpApiEvent('GET', '/v1/members', staffClaims),
        rawQueryString: 'q=%D0%BB%D1%8F%D0%BC%D0%B1%D0%B4%D0%B0',
      },
      httpApiEvent('GET', '/v1/members', undefined),
      httpApiEvent('GET', '/v1/tiers', staffClaims),
      httpApiEvent('GET', '/v1/nothing-here', staffClaims),
      // Refused by validation: the bundle keeps no OpenAPI metadata, and answers the same.
      { ...httpApiEvent('GET', '/v1/members', staffClaims), rawQueryString: 'limit=0' },
      { ...httpApiEvent('GET', '/v1/members', staffClaims), rawQueryString: 'tier=small&sector=energy' },
      httpApiEvent('GET', '/v1/members/not-a-ulid', staffClaims),
      httpApiEvent('POST', '/v1/members', staffClaims, { name: '', country: 'XX', sectors: ['nope'] }),
    ];
    for (const event of events) {
      const fromSource = await handlers.source!(event, context);
      const fromBundle = await handlers.bundle!(event, context);
      expect(fromBundle, `${event.rawPath}?${event.rawQueryString}`).toEqual(fromSource);
    }
  });
});
