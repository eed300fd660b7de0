import type { FieldChange } from './member-changes.ts';

/**
 * The entries of a company's history (a member's or a partner's) that still hold values of the given
 * contacts, with each such value replaced by `marker`; `'all'` means every contact the company has
 * ever had, including ones removed before the erasure. An entry already tombstoned is left out, so an
 * erasure run again (retried) rewrites nothing.
 */
export function tombstoned<E extends { changes: FieldChange[] }>(
  entries: readonly E[],
  contactIds: Set<string> | 'all',
  marker: string,
): E[] {
  const belongs = (field: string) =>
    contactIds === 'all'
      ? field.startsWith('contacts.')
      : [...contactIds].some((id) => field === `contacts.${id}` || field.startsWith(`contacts.${id}.`));
  const personal = (field: string) => belongs(field) && !field.endsWith('.erasedAt');
  const tombstone = (value: unknown) => (value === null ? null : marker);
  const holdsData = (c: FieldChange) =>
    personal(c.field) && (tombstone(c.old) !== c.old || tombstone(c.new) !== c.new);
  return entries
    .filter((entry) => entry.changes.some(holdsData))
    .map((entry) => ({
      ...entry,
      changes: entry.changes.map((c) =>
        personal(c.field) ? { field: c.field, old: tombstone(c.old), new: tombstone(c.new) } : c,
      ),
    }));
}
