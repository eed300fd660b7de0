import { type Member, staffActorLabel } from '../domain/member-schema.ts';
import type { Role } from '../identity/principal.ts';
import type { HistoryEntry } from './history-entry.ts';

/*
 * Staff see which of them did what, so they know whom to ask. A member reading its own record learns
 * only that the association's staff acted: a staff user's id (their token `sub`) identifies one of the
 * association's accounts, which is not the member's data. The re-tier job, which acts on a staff
 * change to tiers or rates, reads the same way. The ids of the member's own users stay.
 */

export function memberSeenBy(viewer: Role, member: Member): Member {
  // Only staff verify revenue (a member may not patch verifiedRevenue), so this id is always staff's.
  if (viewer !== 'member' || member.revenueVerifiedBy === undefined) return member;
  return { ...member, revenueVerifiedBy: staffActorLabel };
}

export function historyEntrySeenBy(viewer: Role, entry: HistoryEntry): HistoryEntry {
  if (viewer !== 'member' || entry.actor.role === 'member') return entry;
  return { ...entry, actor: { ...entry.actor, sub: staffActorLabel } };
}
