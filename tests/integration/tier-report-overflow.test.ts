/**
 * Revenue at the edge of what a Money amount holds (Number.MAX_SAFE_INTEGER minor units): every member
 * write keeps its tier's report line within that bound, and the report answers a clear 422, never a
 * 500, when a figure it has to show (a total, a conversion, an aggregate written before the bound was
 * enforced) is beyond it. Its own table: these lines would swamp any other test's report.
 */
import { NumberValue, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierAggregateKey } from '../../shared/data/keys.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const MILLION = 100_000_000; // kopecks

let t: TestApp;
let staff: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date('2026-03-01T09:00:00Z') });
  staff = await t.token('staff');
  admin = await t.token('admin');
});
afterAll(() => t.drop());

let innBody = 790_000_000;
function company(amount: number) {
  const inn = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Предел ${inn}»`,
    country: 'RU',
    taxId: inn,
    sectors: ['energy'],
    verifiedRevenue: { amount, currency: 'RUB' },
    contacts: [{ name: 'Пётр', email: `p.${inn}@limit.example`, language: 'ru' }],
  };
}

interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

async function problem(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return JSON.parse(text) as Problem;
}

const create = (amount: number) => t.call('POST', '/v1/members', { token: staff, body: company(amount) });
const report = (query = '') => t.call('GET', `/v1/reports/tiers${query}`, { token: staff });

async function lines() {
  const aggregates = await new MemberRepository(t.db).tierAggregates();
  return Object.fromEntries(
    aggregates.map((a) => [a.tier, { memberCount: a.memberCount, revenue: a.revenue }]),
  );
}

describe('tier lines near Number.MAX_SAFE_INTEGER', () => {
  let giant: Member;

  it('accepts one member at the largest amount and reports it exactly', async () => {
    const response = await create(MAX);
    expect(response.status).toBe(201);
    giant = (await response.json()) as Member;
    expect(giant.tier).toBe('large');
    const ok = await report();
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { tiers: { tier: string; revenue: { amount: number } }[] };
    expect(body.tiers.find((l) => l.tier === 'large')!.revenue.amount).toBe(MAX);
  });

  it('refuses a member whose revenue would push its tier line past it: 422 on verifiedRevenue, nothing written', async () => {
    const refused = await problem(await create(MAX), 422);
    expect(refused.errors).toEqual([
      {
        path: 'verifiedRevenue',
        message: expect.stringContaining('would exceed what the report can express'),
      },
    ]);
    expect(await lines()).toEqual({ large: { memberCount: 1, revenue: MAX } });
    expect((await report()).status).toBe(200);
  });

  it('refuses a patch that moves a member into the full line, and keeps it where it was', async () => {
    const response = await create(900 * MILLION);
    expect(response.status).toBe(201);
    const medium = (await response.json()) as Member;
    expect(medium.tier).toBe('medium');
    const moved = await t.call('PATCH', `/v1/members/${medium.id}`, {
      token: staff,
      body: { verifiedRevenue: { amount: 3_000 * MILLION, currency: 'RUB' } },
      headers: { 'if-match': '"1"' },
    });
    expect((await problem(moved, 422)).errors?.[0]?.path).toBe('verifiedRevenue');
    const stored = (await (
      await t.call('GET', `/v1/members/${medium.id}`, { token: staff })
    ).json()) as Member;
    expect(stored).toMatchObject({ version: 1, tier: 'medium' });
    expect(await lines()).toEqual({
      large: { memberCount: 1, revenue: MAX },
      medium: { memberCount: 1, revenue: 900 * MILLION },
    });
  });

  it('answers 422, not 500, when the total of the lines is beyond a Money amount, in the table currency or another', async () => {
    // large holds MAX and medium 900 million RUB: each line fits, their sum does not.
    const total = await problem(await report(), 422);
    expect(total.errors?.[0]?.path).toBe('totals.revenue');
    expect(total.errors?.[0]?.message).toMatch(/outside what a Money amount can hold/);
    // In dollars every figure fits (a rouble is about a cent); in dong the line alone does not.
    expect((await report('?currency=USD')).status).toBe(200);
    const inVnd = await problem(await report('?currency=VND'), 422);
    expect(inVnd.errors?.[0]?.path).toBe('currency');
  });

  it('frees the room again when the member leaves the line', async () => {
    const resigned = await t.call('DELETE', `/v1/members/${giant.id}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(resigned.status).toBe(200);
    expect((await create(MAX)).status).toBe(201);
  });

  it('reads an aggregate beyond the safe range exactly and answers 422 for it, not a rounded figure or a 500', async () => {
    // An aggregate written before lines were bounded: the SDK returns it as a bigint, never rounded.
    const beyond = 2n ** 53n + 1n;
    await t.db.doc.send(
      new PutCommand({
        TableName: t.db.tableName,
        Item: {
          ...tierAggregateKey('small'),
          type: 'tierAggregate',
          tier: 'small',
          memberCount: 2,
          revenue: NumberValue.from(beyond.toString()),
        },
      }),
    );
    expect((await lines()).small).toEqual({ memberCount: 2, revenue: beyond });
    const response = await problem(await report(), 422);
    expect(response.errors?.[0]).toEqual({
      path: 'tiers.small.revenue',
      message: expect.stringContaining(String(beyond)),
    });
  });
});
