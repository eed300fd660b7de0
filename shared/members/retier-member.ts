import type { Member } from '../domain/member-schema.ts';
import { currencySchema, type Money } from '../domain/money.ts';
import type { Settings } from '../settings/settings-repository.ts';
import type { Actor } from './actor.ts';
import type { HistoryEntry } from './history-entry.ts';
import type { FieldChange } from './member-changes.ts';
import { type TierContext, tierOf } from './member-state.ts';

/**
 * Moving one member to the tier the current settings give it: the re-tier job does this to every
 * member after a settings change, and a member write does it to its own member when a change landed
 * while it was in flight.
 */
export const retierActor: Actor = { sub: 'system:retier', role: 'admin' };

type TierFields = Pick<Member, 'tier' | 'tierRevenue'>;
export type Tiered = Pick<Member, 'verifiedRevenue' | 'tier' | 'tierRevenue'>;

const sameMoney = (a: Member['tierRevenue'], b: Member['tierRevenue']) =>
  a?.amount === b?.amount && a?.currency === b?.currency;

/** The tier fields a member should have under `context`, or undefined when it already has them. */
export function retierTarget(member: Tiered, context: TierContext, at: Date): TierFields | undefined {
  // Parsing the stored currency turns it back into the Currency type and refuses an item someone edited
  // by hand. The amount is taken as stored: one written before the 10^15 bound is still converted.
  const stored = member.verifiedRevenue;
  const revenue: Money | undefined = stored && { ...stored, currency: currencySchema.parse(stored.currency) };
  const target = tierOf(revenue, context, at);
  const unchanged =
    target.tier === (member.tier ?? null) && sameMoney(target.tierRevenue, member.tierRevenue);
  return unchanged ? undefined : target;
}

/** The member after re-tiering and the history entry that records it. */
export function retiered(
  before: Member,
  target: TierFields,
  now: Date,
  entryId: string,
): { after: Member; history: HistoryEntry } {
  const at = now.toISOString();
  const after: Member = { ...before, ...target, version: before.version + 1, updatedAt: at };
  // tierRevenue is not a profile field the audit trail tracks elsewhere; here it is the reason for the
  // write (a rate change can move it without moving the tier), so it is recorded alongside the tier.
  const changes: FieldChange[] = [];
  if (before.tier !== after.tier) changes.push({ field: 'tier', old: before.tier, new: after.tier });
  if (!sameMoney(before.tierRevenue, after.tierRevenue)) {
    changes.push({ field: 'tierRevenue', old: before.tierRevenue ?? null, new: after.tierRevenue ?? null });
  }
  return {
    after,
    history: { id: entryId, memberId: before.id, at, actor: retierActor, action: 'retier', changes },
  };
}

export const contextOf = (settings: Settings): TierContext => ({
  tiers: settings.tiers.value,
  rates: settings.rates.value,
});

export const sameVersions = (a: Settings, b: Settings) =>
  a.tiers.version === b.tiers.version && a.rates.version === b.rates.version;
