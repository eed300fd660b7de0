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
