/**
 * Arbitrary input to the partner and lead write routes on DynamoDB Local (fast-check): whatever
 * arrives, never a 5xx; every 4xx is a problem document; a refused request stores nothing; an accepted
 * one stores what reads back valid against the read schema.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerSchema } from '../../shared/domain/partner-schema.ts';
import { leadSchema } from '../../shared/leads/lead-schema.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let memberId: string;
let partnerId: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  const member = await t.call('POST', '/v1/members', { token: staff, body: company({ contacts: [] }) });
  memberId = ((await member.json()) as { id: string }).id;
  const partner = await t.call('POST', '/v1/partners', {
    token: staff,
    body: { name: 'Base', latinName: 'Base', country: 'VN', sectors: ['trade'] },
  });
  partnerId = ((await partner.json()) as { id: string }).id;
});
afterAll(() => t.drop());

/** Text as people and attackers type it: scripts, controls, lone surrogates, very long. */
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', 'บริษัท สยาม', 'Công ty Việt', '\u0000x', '\ud800', 'ООО «Тест»', 'x'.repeat(300)),
);
const anyValue = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyText, { maxLength: 3 }),
);

/** A valid body with some fields replaced by arbitrary values or removed. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...keys, 'unknownField'), anyValue, { maxKeys: 3 }),
      drop: fc.subarray(keys, { maxLength: 2 }),
    })
    .map(({ replace, drop }) => {
      const body: Record<string, unknown> = { ...valid, ...replace };
      for (const key of drop) delete body[key];
      return body;
    });
}

async function count(path: string): Promise<number> {
  const response = await t.call('GET', path, { token: staff });
  return ((await response.json()) as { items: unknown[] }).items.length;
}

async function checkWrite(
  path: string,
  body: unknown,
  listPath: string,
  schema: { safeParse(v: unknown): { success: boolean } },
) {
  const before = await count(listPath);
  const response = await t.call('POST', path, { token: staff, body });
  expect(response.status, JSON.stringify(body)).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { status: number; title: string; detail: string };
    expect(problem.status).toBe(response.status);
    expect(await count(listPath)).toBe(before);
    return;
  }
  const created = (await response.json()) as { id: string };
  const read = await t.call('GET', `${path}/${created.id}`, { token: staff });
  expect(schema.safeParse(await read.json()).success).toBe(true);
}

describe('arbitrary partner and lead bodies', () => {
  it('POST /v1/partners: no 5xx, problems on refusal with nothing stored, valid records on success', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        mutated({
          name: 'Đối tác',
          latinName: 'Doi Tac',
          country: 'VN',
          sectors: ['trade'],
          confirmNotDuplicate: true,
        }),
        async (body) => {
          n++;
          await checkWrite('/v1/partners', body, '/v1/partners?limit=100&country=VN', partnerSchema);
        },
      ),
      { numRuns: 40, seed: 20261202 },
    );
    expect(n).toBe(40);
  });

  it('POST /v1/leads: the same', async () => {
    const topics = ['trade', 'energy', 'mining', 'tourism', 'logistics', 'education'];
    let i = 0;
    await fc.assert(
      fc.asyncProperty(
        mutated({ memberId, partnerId, topic: 'trade', source: { type: 'inbound' } }),
        async (body) => {
          // A fresh topic each run where the body keeps a valid one, so the open-lead guard is not what refuses.
          const withTopic = body.topic === 'trade' ? { ...body, topic: topics[i++ % topics.length] } : body;
          await checkWrite('/v1/leads', withTopic, `/v1/leads?limit=100&memberId=${memberId}`, leadSchema);
        },
      ),
      { numRuns: 40, seed: 20261203 },
    );
  });
});
