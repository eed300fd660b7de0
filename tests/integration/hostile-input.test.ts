/**
 * No 5xx from input: every operation the OpenAPI document lists under /v1/ gets hostile bodies and
 * query strings (deep nesting, huge arrays, every Unicode plane, lone surrogates, numbers at the
 * edges, the schema's own field names holding the wrong things) from an admin, so that authorization
 * lets them through to validation and the handlers. Each must answer below 500. A member's data must
 * not change from a refused body.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxTransactionItems, transactWrite } from '../../shared/data/transact.ts';
import { ValidationError } from '../../shared/domain/errors.ts';
import { memberProfileFields } from '../../shared/domain/member-schema.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { toProblem } from '../../shared/http/problem.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface OperationObject {
  requestBody?: { content: Record<string, unknown> };
}

const t: TestApp = await createTestApp();
const doc = (await (await t.call('GET', '/openapi.json')).json()) as {
  paths: Record<string, Record<string, OperationObject>>;
};
const operations = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/v1/'))
  .flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, object]) => ({ method: method.toUpperCase(), path, object })),
  );

let admin: string;
let memberId: string;
let memberToken: string;
let jobId: string;

beforeAll(async () => {
  admin = await t.token('admin');
  const inn = withInnCheckDigits('640000001');
  const created = await t.call('POST', '/v1/members', {
    token: admin,
    body: {
      name: 'ООО «Стойкость»',
      country: 'RU',
      taxId: inn,
      sectors: ['energy'],
      contacts: [{ name: 'Олег Крепкий', email: `oleg.${inn}@firm.ru`, language: 'ru' }],
    },
  });
  memberId = ((await created.json()) as { id: string }).id;
  memberToken = await t.token('member', memberId);
  // A re-tier job, for the job routes' path id.
  const tiers = await t.call('GET', '/v1/tiers', { token: admin });
  const saved = await t.call('PUT', '/v1/tiers', {
    token: admin,
    body: await tiers.json(),
    headers: { 'if-match': tiers.headers.get('etag')! },
  });
  jobId = ((await saved.json()) as { job?: { id: string } }).job?.id ?? memberId;
  await t.jobs.idle();
});
afterAll(() => t.drop());

const nested = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Values that have broken parsers, recursion, number handling or string handling somewhere. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\u202E',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    '<script>alert(1)</script>',
    "'; DROP TABLE members; --",
    '=cmd|" /C calc"!A0',
    '../../etc/passwd',
    '__proto__',
    '%00',
  ),
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER,
  ),
  fc.constantFrom(null, true, false, [], {}),
  fc.array(fc.integer(), { maxLength: 20 }),
);

const fieldNames = [
  ...memberProfileFields,
  ...[
    'tiers',
    'rates',
    'amount',
    'currency',
    'email',
    'consent',
    'id',
    'version',
    '__proto__',
    'constructor',
  ],
];

/** Bodies that broke or could break something; every route gets each of them, then random ones. */
const knownHostileBodies = [
  nested(6_000, '{"a":', '}'),
  nested(6_000, '[', ']'),
  `{"declaredRevenue":${nested(6_000, '{"a":', '}')}}`,
  `{"contacts":[${nested(6_000, '{"consent":', '}', '{}')}]}`,
  `{"tiers":${nested(6_000, '[', ']')}}`,
  `{"contacts":${nested(3_000, '[', ']', '{}')}}`,
  `{"sectors":[${Array.from({ length: 12_000 }, () => '"energy"').join(',')}]}`,
  JSON.stringify({ contacts: Array.from({ length: 500 }, () => ({ name: 'x', email: 'a@b.cd' })) }),
  `{"declaredRevenue":{"amount":${'9'.repeat(400)},"currency":"RUB"}}`,
  '{"name":"\\ud800"}',
  '{"name": "a", "name": "b"}',
  '',
  'null',
  '[]',
  '"string"',
  '{',
  '\uFEFF{}',
];

/** Whole bodies as text: some are not JSON at all, some are JSON no schema here accepts. */
const hostileBody: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.constantFrom(...knownHostileBodies),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('limit', 'cursor', 'q', 'tier', 'sector', 'status', 'region', 'country', 'currency'),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', 'NaN', '%')),
      { maxKeys: 3 },
    )
    .map((query) => `?${new URLSearchParams(query as Record<string, string>)}`),
);

function pathOf(template: string): string {
  return template.replace('{id}', template.startsWith('/v1/jobs') ? jobId : memberId);
}

describe('hostile input to every route', () => {
  for (const { method, path, object } of operations) {
    it(`${method} ${path}: never a 5xx`, async () => {
      const types = Object.keys(object.requestBody?.content ?? {});
      const contentType = types.includes('application/json') ? 'application/json' : (types[0] ?? undefined);
      await fc.assert(
        fc.asyncProperty(hostileBody, hostileQuery, async (body, query) => {
          const token = path.startsWith('/v1/me') ? memberToken : admin;
          const response = await t.app.request(`${pathOf(path)}${query}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              'if-match': '*',
              ...(contentType ? { 'content-type': contentType } : {}),
            },
            ...(contentType ? { body } : {}),
          });
          await response.arrayBuffer();
          expect(response.status, `${method} ${path}${query} ${body.slice(0, 120)}`).toBeLessThan(500);
        }),
        { numRuns: 12, examples: knownHostileBodies.map((body) => [body, '']) },
      );
    });
  }
});

describe('what used to be a 500', () => {
  it('a body nested 6,000 or 10,000 levels deep is a 422 and changes nothing', async () => {
    const before = await (await t.call('GET', `/v1/members/${memberId}`, { token: admin })).text();
    for (const depth of [6_000, 10_000]) {
      for (const body of [
        `{"declaredRevenue":${nested(depth, '{"a":', '}')}}`,
        `{"contacts":${nested(depth, '[', ']')}}`,
      ]) {
        const response = await t.call('PATCH', `/v1/members/${memberId}`, {
          token: admin,
          body,
          headers: { 'if-match': '*' },
        });
        expect(response.status).toBe(422);
        expect(await response.json()).toMatchObject({
          errors: [{ path: '(body)', message: expect.stringMatching(/Nested deeper than 32 levels/) }],
        });
      }
    }
    expect(await (await t.call('GET', `/v1/members/${memberId}`, { token: admin })).text()).toBe(before);
  });

  it('a write of more than 100 items is a 422 problem and writes nothing', async () => {
    const legs = Array.from({ length: maxTransactionItems + 1 }, (_, i) => ({
      Put: { TableName: t.db.tableName, Item: { pk: `HOSTILE#${i}`, sk: 'X' } },
    }));
    const error = await transactWrite(t.db, legs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(toProblem(error)).toMatchObject({ status: 422, errors: [{ path: '(body)' }] });
    const stored = await t.db.doc.send(
      new GetCommand({
        TableName: t.db.tableName,
        Key: { pk: 'HOSTILE#0', sk: 'X' },
      }),
    );
    expect(stored.Item).toBeUndefined();
  });
});
