import type { Member } from '../../../domain/member-schema.ts';
import type { FieldChange } from '../../../members/member-changes.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatMoney } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { regionLabel } from '../../i18n/region-names.ts';
import { type MemberMessages, memberMessages } from './member-messages.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** One old or new value of a change as a line of text: money, yes/no, a consent, a contact, a list. */
function valueText(value: unknown, locale: Locale): string {
  const common = commonMessages[locale];
  if (value === null || value === undefined || value === '') return common.none;
  if (typeof value === 'boolean') return value ? common.yes : common.no;
  if (Array.isArray(value)) {
    return value.length === 0 ? common.none : value.map((v) => valueText(v, locale)).join(', ');
  }
  if (isRecord(value)) {
    if (typeof value.amount === 'number' && typeof value.currency === 'string') {
      return formatMoney(locale, value as Parameters<typeof formatMoney>[1]);
    }
    if (typeof value.granted === 'boolean') return valueText(value.granted, locale);
    if (typeof value.name === 'string') return value.name;
    if (typeof value.state === 'string') return value.state;
    if (typeof value.topic === 'string' && typeof value.text === 'string')
      return `${value.topic}: ${value.text}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** A field path of the history (`contacts.<id>.email`, `accounts.<id>`) in the reader's words. */
function fieldText(member: Member, field: string, m: MemberMessages): string {
  const [head = '', id, ...rest] = field.split('.');
  const label = (key: string) =>
    key in m && typeof m[key as keyof MemberMessages] === 'string'
      ? String(m[key as keyof MemberMessages])
      : key;
  if (head === 'contacts' && id) {
    const contact = member.contacts.find((c) => c.id === id);
    const who = contact && !contact.erasedAt ? contact.name : m.contact;
    return rest.length === 0 ? who : `${who} · ${rest.map(label).join(' · ')}`;
  }
  if (head === 'accounts') return m.accounts;
  return label(head);
}

/** What one change of a history entry did (the field, its old value and its new one), if it shows any. */
export function historyChangeText(member: Member, change: FieldChange, locale: Locale): string | undefined {
  const m = memberMessages[locale];
  // A status is one of a few words, which the reader reads in their language.
  const named = change.field === 'status' || change.field.endsWith('.emailStatus');
  const topical = change.field === 'sectors' || change.field === 'interests';
  const text = (value: unknown): string => {
    if (named && typeof value === 'string' && value in m) return String(m[value as keyof MemberMessages]);
    if (change.field === 'region' && typeof value === 'string') return regionLabel(value, locale);
    if (change.field === 'country' && typeof value === 'string') return countryName(value, locale);
    if (topical && Array.isArray(value)) {
      return valueText(
        value.map((t) => topicName(String(t), locale)),
        locale,
      );
    }
    return valueText(value, locale);
  };
  const [from, to] = [text(change.old), text(change.new)];
  // A field a new member was created without (an empty list) is no change to show.
  return from === to ? undefined : m.changeFromTo(fieldText(member, change.field, m), from, to);
}
