import { type Member, staffActorLabel } from '../domain/member-schema.ts';
import { sameValue } from '../domain/same-value.ts';
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

/**
 * A change's value with a conflict read as unconfirmed, as `memberSeenBy` reads the record: the status
 * itself (`contacts.<id>.emailStatus`), or inside a whole contact added or removed (`contacts.<id>`).
 */
function unconflicted(field: string, value: unknown): unknown {
  if (field.endsWith('.emailStatus')) return value === 'conflict' ? 'unverified' : value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const contact = value as Record<string, unknown>;
  return contact.emailStatus === 'conflict' ? { ...contact, emailStatus: 'unverified' } : value;
}

/**
 * A history entry as the viewer may read it; undefined where a member would read nothing but what it
 * must not learn: an address confirmed while another member holds it changes nothing it can see, and
 * an entry that still said "unverified → unverified" would tell it so.
 */
export function historyEntrySeenBy(viewer: Role, entry: HistoryEntry): HistoryEntry | undefined {
  if (viewer !== 'member') return entry;
  const changes = entry.changes
    .map((c) => ({ ...c, old: unconflicted(c.field, c.old), new: unconflicted(c.field, c.new) }))
    .filter((c) => !sameValue(c.old, c.new));
  if (entry.changes.length > 0 && changes.length === 0) return undefined;
  const actor = entry.actor.role === 'member' ? entry.actor : { ...entry.actor, sub: staffActorLabel };
  return { ...entry, actor, changes };
}
