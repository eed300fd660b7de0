import type { Member } from '../domain/member-schema.ts';

export interface TierDelta {
  tier: string;
  memberCount: number;
  revenue: number;
}

/**
 * What one member adds to its tier's report line. Resigned members and members without verified
 * revenue count nowhere: they owe no dues.
 */
function contribution(member: Member | undefined): TierDelta | undefined {
  if (!member || member.status === 'resigned' || !member.tier || !member.tierRevenue) return undefined;
  return { tier: member.tier, memberCount: 1, revenue: member.tierRevenue.amount };
}

/** The changes to the per-tier aggregates that moving from `before` to `after` implies, zero lines left out. */
export function tierDeltas(before: Member | undefined, after: Member | undefined): TierDelta[] {
  const byTier = new Map<string, TierDelta>();
  const add = (delta: TierDelta | undefined, sign: 1 | -1) => {
    if (!delta) return;
    const line = byTier.get(delta.tier) ?? { tier: delta.tier, memberCount: 0, revenue: 0 };
    line.memberCount += sign * delta.memberCount;
    line.revenue += sign * delta.revenue;
    byTier.set(delta.tier, line);
  };
  add(contribution(before), -1);
  add(contribution(after), 1);
  return [...byTier.values()].filter((d) => d.memberCount !== 0 || d.revenue !== 0);
}

export interface CurrencyUsageDelta {
  currency: string;
  memberCount: number;
}

/**
 * The change to the number of members whose verified revenue is in each currency. Every member counts,
 * resigned ones too: a resigned member is still re-tiered and may be reinstated, so its currency still
 * needs a rate. The exchange-rate table may not drop a currency whose count is above zero.
 */
export function currencyUsageDeltas(
  before: Member | undefined,
  after: Member | undefined,
): CurrencyUsageDelta[] {
  const from = before?.verifiedRevenue?.currency;
  const to = after?.verifiedRevenue?.currency;
  if (from === to) return [];
  return [
    ...(from ? [{ currency: from, memberCount: -1 }] : []),
    ...(to ? [{ currency: to, memberCount: 1 }] : []),
  ];
}
