import { type Contact, type Member, memberProfileFields } from '../domain/member-schema.ts';
import { sameValue } from '../domain/same-value.ts';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Contacts are diffed one by one below; the derived fields are recorded because staff ask "why did my tier change". */
const trackedFields: (keyof Member & string)[] = [
  ...memberProfileFields.filter((field) => field !== 'contacts'),
  'resignedOn',
  'tier',
  'erasedAt',
];

const contactFields = ['name', 'email', 'phone', 'position', 'language', 'emailStatus', 'erasedAt'] as const;

/** The audit trail says `null` for "not set", whether the member held `undefined`, nothing, or null. */
const orNull = (value: unknown) => (value === undefined ? null : value);
const same = (a: unknown, b: unknown) => sameValue(orNull(a), orNull(b));

/** What changed between two states of a member, field by field, for the audit trail. */
export function memberChanges(before: Member | undefined, after: Member): FieldChange[] {
  return companyChanges(before, after, trackedFields);
}

/**
 * What changed between two states of a company (a member or a partner): each of `fields`, then its
 * contacts one by one. Contacts are addressed by id (`contacts.<id>.email`) so an erasure can find and
 * tombstone every value that belonged to one person.
 */
export function companyChanges<T extends { contacts: Contact[] }>(
  before: T | undefined,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!same(before?.[field], after[field])) {
      changes.push({ field, old: orNull(before?.[field]), new: orNull(after[field]) });
    }
  }
  const oldContacts = new Map((before?.contacts ?? []).map((c) => [c.id, c]));
  const newContacts = new Map(after.contacts.map((c) => [c.id, c]));
  for (const [id, contact] of newContacts) {
    const old = oldContacts.get(id);
    if (!old) {
      changes.push({ field: `contacts.${id}`, old: null, new: contact });
      continue;
    }
    for (const field of contactFields) {
      if (!same(old[field], contact[field])) {
        changes.push({
          field: `contacts.${id}.${field}`,
          old: orNull(old[field]),
          new: orNull(contact[field]),
        });
      }
    }
    for (const purpose of ['outreach', 'news'] as const) {
      if (!same(old.consent[purpose], contact.consent[purpose])) {
        changes.push({
          field: `contacts.${id}.consent.${purpose}`,
          old: old.consent[purpose],
          new: contact.consent[purpose],
        });
      }
    }
  }
  for (const [id, contact] of oldContacts) {
    if (!newContacts.has(id))
      changes.push({ field: `contacts.${id}`, old: contact satisfies Contact, new: null });
  }
  return changes;
}
