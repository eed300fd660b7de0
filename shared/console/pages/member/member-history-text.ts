import { type Language, languages } from '../../../domain/languages.ts';
import type { Member } from '../../../domain/member-schema.ts';
import type { Tier } from '../../../domain/tiers.ts';
import type { FieldChange } from '../../../members/member-changes.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName, tierName } from '../../i18n/domain-labels.ts';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
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
      return `${topicName(value.topic, locale)}: ${value.text}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** A code of a field, or each of a list of them, in the reader's words; anything else as it is. */
type CodeText = (code: string, locale: Locale, tiers: readonly Tier[]) => string;

const memberWord: CodeText = (code, locale) => {
  const m = memberMessages[locale];
  return code in m ? String(m[code as keyof MemberMessages]) : code;
};
const language: CodeText = (code, locale) =>
  (languages as readonly string[]).includes(code) ? languageName(locale, code as Language) : code;
const dateTime: CodeText = (value, locale) => formatDateTime(locale, value);

/** The fields whose values are codes, dates or words: by the field, or by a contact's field name. */
const codeTexts: Record<string, CodeText> = {
  status: memberWord,
  country: (code, locale) => countryName(code, locale),
  region: (code, locale) => regionLabel(code, locale),
  targetMarkets: (code, locale) => countryName(code, locale),
  languages: language,
  sectors: (topic, locale) => topicName(topic, locale),
  interests: (topic, locale) => topicName(topic, locale),
  tier: (name, locale, tiers) => tierName(name, locale, tiers),
  joinedOn: (day, locale) => formatDate(locale, day),
  resignedOn: (day, locale) => formatDate(locale, day),
  erasedAt: dateTime,
};
const contactCodeTexts: Record<string, CodeText> = {
  language,
  emailStatus: memberWord,
  erasedAt: dateTime,
};

/** How the values of `field` read: its code text where it has one (`contacts.<id>.<name>` by name). */
function codeTextOf(field: string): CodeText | undefined {
  const [head = '', id, name] = field.split('.');
  if (head === 'contacts') return id && name ? contactCodeTexts[name] : undefined;
  return Object.hasOwn(codeTexts, head) ? codeTexts[head] : undefined;
}

/** A field path of the history (`contacts.<id>.email`, `accounts.<id>`) in the reader's words. */
function fieldText(
  member: Pick<Member, 'contacts'>,
  field: string,
  m: MemberMessages,
  own?: (field: string) => string | undefined,
): string {
  const [head = '', id, ...rest] = field.split('.');
  const label = (key: string) =>
    key in m && typeof m[key as keyof MemberMessages] === 'string'
      ? String(m[key as keyof MemberMessages])
      : key;
  const named = own?.(head);
  if (named) return named;
  if (head === 'contacts' && id) {
    const contact = member.contacts.find((c) => c.id === id);
    const who = contact && !contact.erasedAt ? contact.name : m.contact;
    return rest.length === 0 ? who : `${who} · ${rest.map(label).join(' · ')}`;
  }
  if (head === 'accounts') return m.accounts;
  return label(head);
}

/**
 * What one change of a history entry did (the field, its old value and its new one), if it shows any.
 * `tiers` is the tier table, by whose labels a tier reads.
 */
export function historyChangeText(
  member: Pick<Member, 'contacts'>,
  change: FieldChange,
  locale: Locale,
  tiers: readonly Tier[],
  /** A field's name where the member's words have none (a partner's Latin name, say). */
  fieldLabel?: (field: string) => string | undefined,
): string | undefined {
  const m = memberMessages[locale];
  const [head, id, ...rest] = change.field.split('.');
  if (head === 'contacts' && id && rest.length === 0) {
    // A whole contact added or removed: by the name it had.
    const named = (value: unknown) =>
      value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string'
        ? (value as { name: string }).name
        : m.contact;
    if (change.old === undefined || change.old === null) return m.contactAddedText(named(change.new));
    if (change.new === undefined || change.new === null) return m.contactRemovedText(named(change.old));
  }
  const codeText = codeTextOf(change.field);
  const text = (value: unknown): string => {
    if (codeText && typeof value === 'string' && value !== '') return codeText(value, locale, tiers);
    if (codeText && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      return valueText(
        value.map((v) => codeText(v, locale, tiers)),
        locale,
      );
    }
    return valueText(value, locale);
  };
  const [from, to] = [text(change.old), text(change.new)];
  // A field a new member was created without (an empty list) is no change to show.
  return from === to ? undefined : m.changeFromTo(fieldText(member, change.field, m, fieldLabel), from, to);
}
