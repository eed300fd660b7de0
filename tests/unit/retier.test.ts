import { describe, expect, it } from 'vitest';
import { defaultRateTable, type RateTable } from '../../shared/domain/exchange-rates.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import { seedTierTable, type TierTable, tierTableSchema } from '../../shared/domain/tiers.ts';
import { retierActor, retiered, retierTarget } from '../../shared/members/retier-member.ts';

const at = new Date('2026-03-01T00:00:00Z');
const MILLION_RUB = 100_000_000;
const seed = { tiers: seedTierTable, rates: defaultRateTable };

/** The seed table with the micro/small boundary moved from 120 to 200 million RUB. */
const widerMicro: TierTable = tierTableSchema.parse({
  ...seedTierTable,
  tiers: seedTierTable.tiers.map((tier) =>
    tier.name === 'micro'
      ? { ...tier, upperBound: 200 * MILLION_RUB }
      : tier.name === 'small'
        ? { ...tier, lowerBound: 200 * MILLION_RUB }
        : tier,
  ),
});

const dearerDollar: RateTable = {
  ...defaultRateTable,
  rates: [...defaultRateTable.rates, { currency: 'USD', perUnit: '120', validFrom: '2026-02-01' }],
};

function member(overrides: Partial<Member> = {}): Member {
  return {
    id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
    name: 'ООО «Владкон»',
    country: 'RU',
    taxId: '7700000000',
    sectors: [],
    interests: [],
    targetMarkets: [],
    languages: ['ru'],
    status: 'active',
    joinedOn: '2025-01-01',
    offers: [],
    needs: [],
    matchmakingVisible: false,
    verifiedRevenue: { amount: 150 * MILLION_RUB, currency: 'RUB' },
    tier: 'small',
    tierRevenue: { amount: 150 * MILLION_RUB, currency: 'RUB' },
    contacts: [],
    version: 3,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('retierTarget', () => {
  it('leaves a member that already has the right tier alone', () => {
    expect(retierTarget(member(), seed, at)).toBeUndefined();
  });

  it('moves a member across a moved boundary', () => {
    expect(retierTarget(member(), { ...seed, tiers: widerMicro }, at)).toEqual({
      tier: 'micro',
      tierRevenue: { amount: 150 * MILLION_RUB, currency: 'RUB' },
    });
  });

  it('rewrites the tier revenue of a foreign-currency member when a rate changes, even within its tier', () => {
    const usd = member({
      verifiedRevenue: { amount: 10_000_000_00, currency: 'USD' },
      tier: 'medium',
      tierRevenue: { amount: 925 * MILLION_RUB, currency: 'RUB' },
    });
    expect(retierTarget(usd, seed, at)).toBeUndefined();
    expect(retierTarget(usd, { ...seed, rates: dearerDollar }, at)).toEqual({
      tier: 'medium',
      tierRevenue: { amount: 1_200 * MILLION_RUB, currency: 'RUB' },
    });
  });

  it('gives no tier to a member without verified revenue, and treats a missing tier as none', () => {
    const unassessed = member({ verifiedRevenue: undefined, tierRevenue: undefined, tier: null });
    expect(retierTarget(unassessed, seed, at)).toBeUndefined();
    const { tier: _tier, ...withoutTierAttribute } = unassessed;
    expect(retierTarget(withoutTierAttribute as Member, seed, at)).toBeUndefined();
    expect(retierTarget(member({ verifiedRevenue: undefined }), seed, at)).toEqual({
      tier: null,
      tierRevenue: undefined,
    });
  });
});

describe('retiered', () => {
  it('bumps the version and records tier and tier revenue as the system re-tier actor', () => {
    const before = member({
      verifiedRevenue: { amount: 1_500_000_00, currency: 'USD' },
      tierRevenue: { amount: 138_750_000_00, currency: 'RUB' },
    });
    const target = retierTarget(before, { tiers: widerMicro, rates: dearerDollar }, at)!;
    const { after, history } = retiered(before, target, at, '01JD5Z7Q8N3V2K4M6P8R0T2W50');
    expect(after).toEqual({
      ...before,
      tier: 'micro',
      tierRevenue: { amount: 180 * MILLION_RUB, currency: 'RUB' },
      version: 4,
      updatedAt: at.toISOString(),
    });
    expect(history).toEqual({
      id: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
      memberId: before.id,
      at: at.toISOString(),
      actor: retierActor,
      action: 'retier',
      changes: [
        { field: 'tier', old: 'small', new: 'micro' },
        {
          field: 'tierRevenue',
          old: { amount: 138_750_000_00, currency: 'RUB' },
          new: { amount: 180 * MILLION_RUB, currency: 'RUB' },
        },
      ],
    });
    expect(retierActor).toEqual({ sub: 'system:retier', role: 'admin' });
  });
});
