/**
 * Revenue at its bound (10^15 minor units per amount) and tier lines beyond what a JSON number holds
 * exactly (2^53 − 1): an amount above the bound is a 422, while a line that adds up past 2^53 is
 * written, summed as a bigint and reported exactly with a flag, never refused or rounded. Its own
 * table: these lines would swamp any other test's report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../shared/domain/member-schema.ts';
import { maxMinorUnits } from '../../shared/domain/money.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import type { TierReport } from '../../shared/reports/tier-report.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

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
function company(amount: number, currency = 'RUB') {
  const inn = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Предел ${inn}»`,
    country: 'RU',
    taxId: inn,
    sectors: ['energy'],
    verifiedRevenue: { amount, currency },
    contacts: [{ name: 'Пётр', email: `p.${inn}@limit.example`, language: 'ru' }],
  };
}

const create = (amount: number, currency?: string) =>
  t.call('POST', '/v1/members', { token: staff, body: company(amount, currency) });

async function report(query = ''): Promise<TierReport> {
  const response = await t.call('GET', `/v1/reports/tiers${query}`, { token: staff });
  expect(response.status).toBe(200);
  return (await response.json()) as TierReport;
}

async function lines() {
  const aggregates = await new MemberRepository(t.db).tierAggregates();
  return Object.fromEntries(
    aggregates.map((a) => [a.tier, { memberCount: a.memberCount, revenue: a.revenue }]),
  );
}

describe('the revenue bound and tier lines beyond 2^53', () => {
  const atBound: Member[] = [];

  it('refuses an amount above 10^15 minor units in any currency with a 422 naming it, writing nothing', async () => {
    for (const currency of ['RUB', 'VND']) {
      const response = await create(maxMinorUnits + 1, currency);
      const problem = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(response.status).toBe(422);
      expect(problem.errors).toEqual([
        { path: 'verifiedRevenue.amount', message: expect.stringContaining('at most 1000000000000000') },
      ]);
    }
    expect(await lines()).toEqual({});
  });

  it('adds members at the bound past 2^53 and reports the line exactly, flagged, in any currency', async () => {
    // Ten members at 10^15 kopecks: nine still fit a JSON number exactly, the tenth takes the line past it.
    for (let i = 0; i < 10; i++) {
      const response = await create(maxMinorUnits);
      expect(response.status).toBe(201);
      atBound.push((await response.json()) as Member);
    }
    expect(await lines()).toEqual({ large: { memberCount: 10, revenue: 10n ** 16n } });

    const inRub = await report();
    expect(inRub.tiers.find((l) => l.tier === 'large')).toMatchObject({
      memberCount: 10,
      revenue: { amount: null, exactAmount: '10000000000000000', currency: 'RUB' },
      duesExpected: { amount: 900_000_000, currency: 'RUB' },
      beyondSafeInteger: true,
    });
    expect(inRub.tiers.filter((l) => l.beyondSafeInteger).map((l) => l.tier)).toEqual(['large']);
    expect(inRub.totals).toMatchObject({
      revenue: { amount: null, exactAmount: '10000000000000000' },
      beyondSafeInteger: true,
    });
    // In dollars the same line fits (a rouble is about a cent); in dong it is 2.7 times larger still.
    expect((await report('?currency=USD')).totals).toMatchObject({
      revenue: { amount: 108_108_108_108_108, currency: 'USD' },
      beyondSafeInteger: false,
    });
    expect((await report('?currency=VND')).totals.revenue).toEqual({
      amount: null,
      exactAmount: '27027027027027027',
      currency: 'VND',
    });
  });

  it('gives the line back as a number when a member leaves it', async () => {
    const resigned = await t.call('DELETE', `/v1/members/${atBound[0]!.id}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(resigned.status).toBe(200);
    const large = (await report()).tiers.find((l) => l.tier === 'large');
    expect(large).toMatchObject({ revenue: { amount: 9 * maxMinorUnits }, beyondSafeInteger: false });
    expect(large!.revenue).not.toHaveProperty('exactAmount');
  });
});
