import { suppressionKey } from '../data/keys.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import type { Contact } from '../domain/member-schema.ts';

export const erasedMarker = '[erased]';

/** What an erased contact keeps: its id, its language and the record that it withdrew every consent. */
export function tombstoneContact(contact: Contact, at: string): Contact {
  return {
    id: contact.id,
    name: erasedMarker,
    email: null,
    language: contact.language,
    consent: {
      outreach: { granted: false, at, source: 'staff' },
      news: { granted: false, at, source: 'staff' },
    },
    erasedAt: at,
  };
}

/** The suppression entries of erased contacts' addresses, hashed under the key that is never rotated. */
export function erasureSuppressions(erased: readonly Contact[], hasher: EmailHasher, at: string) {
  return erased
    .filter((c) => c.email)
    .map((c) => ({ ...suppressionKey(hasher.hash(c.email!)), type: 'suppression', reason: 'erased', at }));
}

/**
 * A company (a member or a partner) with every live contact erased at `at`: the next state, the
 * contacts erased, and the changes its history records (only the fact and time of each erasure).
 * Undefined when there is nothing left to erase: erasing again changes nothing, and the record of
 * the first erasure (its time, its history) stays.
 */
export function erasureOf<
  T extends { contacts: Contact[]; erasedAt?: string | undefined; version: number; updatedAt: string },
>(
  before: T,
  at: string,
): { after: T; erased: Contact[]; changes: { field: string; old: null; new: string }[] } | undefined {
  const erased = before.contacts.filter((c) => !c.erasedAt);
  if (before.erasedAt && erased.length === 0) return undefined;
  return {
    after: {
      ...before,
      contacts: before.contacts.map((c) => (c.erasedAt ? c : tombstoneContact(c, at))),
      erasedAt: at,
      version: before.version + 1,
      updatedAt: at,
    },
    erased,
    changes: erased.map((c) => ({ field: `contacts.${c.id}.erasedAt`, old: null, new: at })),
  };
}
