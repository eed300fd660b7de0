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
