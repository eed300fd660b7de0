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
  if (viewer !== 'member') return member;
  return {
    ...member,
    // Only staff verify revenue (a member may not patch verifiedRevenue), so this id is always staff's.
    ...(member.revenueVerifiedBy === undefined ? {} : { revenueVerifiedBy: staffActorLabel }),
    // A conflict says another member holds the address: the member reads it as still unconfirmed.
    contacts: member.contacts.map((c) =>
      c.emailStatus === 'conflict' ? { ...c, emailStatus: 'unverified' } : c,
    ),
  };
}

export function historyEntrySeenBy(viewer: Role, entry: HistoryEntry): HistoryEntry {
  if (viewer !== 'member') return entry;
  const unconflicted = (value: unknown) => (value === 'conflict' ? 'unverified' : value);
  const changes = entry.changes.map((c) =>
    c.field.endsWith('.emailStatus') ? { ...c, old: unconflicted(c.old), new: unconflicted(c.new) } : c,
  );
  const actor = entry.actor.role === 'member' ? entry.actor : { ...entry.actor, sub: staffActorLabel };
  return { ...entry, actor, changes };
}
