import { type Contact, type Member, memberStatuses } from '../../../domain/member-schema.ts';
import { type Currency, currencies, formatMajorUnits, parseMajorUnits } from '../../../domain/money.ts';
import { phoneE164 } from '../../../domain/phone.ts';
import { sameValue } from '../../../domain/same-value.ts';
import { contactInputsOf, profileOf } from '../../../members/member-state.ts';
import {
  type FormValues,
  many,
  type PostedBody,
  trimmed,
  valuesFrom,
} from '../../components/form-fields.tsx';
import type { Locale } from '../../i18n/locales.ts';
import {
  type PlaceKind,
  placeCodeOf,
  placeList,
  placesText,
  placeText,
  unknownPlaces,
} from '../../i18n/place-lookup.ts';
import { websiteAsTyped } from '../../i18n/typed-text.ts';

/**
 * The member record's edit forms as plain values: read from the member (the form as first shown) or
 * from a posted body (the form as sent back, on an error or a conflict), and turned into the JSON merge
 * patch `PATCH /v1/members/{id}` would take. Input names are the API's field paths, so a zod issue's
 * path names the input it belongs beside. Places show by their names for the reader and read back from
 * a name in any of the console's languages or a code; amounts show grouped as the reader writes them.
 */

export const revenueFields = ['verifiedRevenue', 'declaredRevenue'] as const;

/** The profile form's inputs, in the order the form and the conflict page show them. */
export const profileInputs = [
  'name',
  'country',
  'region',
  'taxId',
  'status',
  'sectors',
  'interests',
  'targetMarkets',
  'languages',
  'website',
  'description',
  'joinedOn',
  'verifiedRevenue.amount',
  'verifiedRevenue.currency',
  'declaredRevenue.amount',
  'declaredRevenue.currency',
  'matchmakingVisible',
] as const;
/** The profile's inputs that come as lists (a box each). */
export const memberListInputs: ReadonlySet<string> = new Set(['sectors', 'interests', 'languages']);

export const contactInputs = [
  'name',
  'email',
  'phone',
  'position',
  'language',
  'consent.outreach',
  'consent.news',
] as const;

/** How each language writes a long amount: its thousands' separator and its decimal mark (money.ts reads all three). */
const amountMarks: Record<Locale, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  ru: { group: ' ', decimal: ',' },
  vi: { group: '.', decimal: ',' },
};

const money = (value: { amount: number; currency: string } | undefined, locale: Locale) => {
  if (!value || !(currencies as readonly string[]).includes(value.currency))
    return { amount: value ? String(value.amount) : '', currency: value?.currency ?? 'RUB' };
  const { group, decimal } = amountMarks[locale];
  const [whole = '', fraction] = formatMajorUnits(value.amount, value.currency as Currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  return {
    amount: fraction === undefined ? grouped : `${grouped}${decimal}${fraction}`,
    currency: value.currency,
  };
};

/**
 * An amount as typed, as the form would show it stored: `450000000.00` and `450 000 000,00` read
 * alike on the conflict page; as typed where it is no amount in that currency.
 */
export function amountForReading(typed: string, currency: string, locale: Locale): string {
  if (!(currencies as readonly string[]).includes(currency)) return typed;
  const minor = parseMajorUnits(typed.trim(), currency as Currency);
  return typeof minor === 'number' ? money({ amount: minor, currency }, locale).amount : typed;
}

export function profileValuesOf(member: Member, locale: Locale): FormValues {
  const values: FormValues = {
    name: member.name,
    country: placeText('country', member.country, locale),
    region: member.region ? placeText('region', member.region, locale) : '',
    taxId: member.taxId,
    status: member.status,
    sectors: member.sectors,
    interests: member.interests,
    targetMarkets: placesText('country', member.targetMarkets, locale),
    languages: member.languages,
    website: member.website ?? '',
    description: member.description ?? '',
    joinedOn: member.joinedOn,
    matchmakingVisible: member.matchmakingVisible ? 'on' : '',
  };
  for (const field of revenueFields) {
    const { amount, currency } = money(member[field], locale);
    values[`${field}.amount`] = amount;
    values[`${field}.currency`] = currency;
  }
  return values;
}

export function contactValuesOf(contact: Contact): FormValues {
  return {
    name: contact.name,
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    position: contact.position ?? '',
    language: contact.language,
    'consent.outreach': contact.consent.outreach.granted ? 'on' : '',
    'consent.news': contact.consent.news.granted ? 'on' : '',
  };
}

/** The posted values of `inputs`: a list input as every value sent, any other as its one string. */
export const memberValuesFrom = (body: PostedBody, inputs: readonly string[]): FormValues =>
  valuesFrom(body, inputs, memberListInputs);

/** An optional field left empty is removed, as a merge patch's `null` says. */
const optional = (value: string) => (value === '' ? null : value);

function revenueOf(values: FormValues, field: (typeof revenueFields)[number]) {
  const amount = trimmed(values, `${field}.amount`);
  if (amount === '') return null;
  const currency = trimmed(values, `${field}.currency`);
  const minor = (currencies as readonly string[]).includes(currency)
    ? parseMajorUnits(amount, currency as Currency)
    : Number.NaN;
  // An amount that does not parse fails the schema's number check, which says so in the reader's language.
  return { amount: typeof minor === 'number' ? minor : Number.NaN, currency };
}

/** The profile's lists that are sets: the form lists them in its own order, which changes nothing. */
const setInputs = new Set([...memberListInputs, 'targetMarkets']);

const sameEntry = (field: string, entered: unknown, stored: unknown) =>
  setInputs.has(field) && Array.isArray(entered) && Array.isArray(stored)
    ? sameValue([...entered].sort(), [...stored].sort())
    : sameValue(entered, stored);

/** A place typed by name or code as its code; as typed where it names none (placeErrors says so). */
const placeCode = (kind: PlaceKind, typed: string) => placeCodeOf(kind, typed) ?? typed;

/** The profile form's fields as the API names them; `null` for an optional one left empty. */
function profileEntered(values: FormValues): Record<string, unknown> {
  return {
    name: trimmed(values, 'name'),
    country: placeCode('country', trimmed(values, 'country')),
    region: optional(placeCode('region', trimmed(values, 'region'))),
    taxId: trimmed(values, 'taxId'),
    status: trimmed(values, 'status'),
    sectors: many(values, 'sectors'),
    interests: many(values, 'interests'),
    targetMarkets: placeList('country', trimmed(values, 'targetMarkets')).codes,
    languages: many(values, 'languages'),
    website: optional(websiteAsTyped(trimmed(values, 'website'))),
    description: optional(trimmed(values, 'description')),
    joinedOn: trimmed(values, 'joinedOn'),
    verifiedRevenue: revenueOf(values, 'verifiedRevenue'),
    declaredRevenue: revenueOf(values, 'declaredRevenue'),
    matchmakingVisible: trimmed(values, 'matchmakingVisible') === 'on',
  };
}

/**
 * The merge patch of the profile form: each field whose entry differs from the member as stored, so an
 * untouched field is neither written nor recorded in the history.
 */
export function profilePatch(member: Member, values: FormValues): Record<string, unknown> {
  return changedEntries(profileEntered(values), profileOf(member));
}

/**
 * The entries of a form that differ from what is stored (`null`: an optional field emptied), the lists
 * that are sets (sectors, languages...) compared whatever their order: a merge patch that writes, and
 * records in the history, only what the user changed.
 */
export function changedEntries(
  entered: Record<string, unknown>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entered).filter(([field, value]) => !sameEntry(field, value ?? undefined, stored[field])),
  );
}

/** The profile form's places that name none we know, by input, in the reader's language. */
export function placeErrors(values: FormValues, locale: Locale): [string, string][] {
  const typed = (name: string) => trimmed(values, name);
  const unknown: [string, PlaceKind, string[]][] = [
    ['country', 'country', [typed('country')].filter((t) => t !== '' && !placeCodeOf('country', t))],
    ['region', 'region', [typed('region')].filter((t) => t !== '' && !placeCodeOf('region', t))],
    ['targetMarkets', 'country', placeList('country', typed('targetMarkets')).unknown],
  ];
  return unknown
    .filter(([, , entries]) => entries.length > 0)
    .map(([name, kind, entries]) => [name, unknownPlaces(kind, entries, locale)]);
}

/** What a new member must have, sent even when empty so that the schema says so beside the input. */
const requiredOfNew = new Set(['name', 'country', 'taxId']);

/** The profile form of a new member as `POST /v1/members` takes it: what was left empty, left out. */
export function newMemberBody(values: FormValues): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(profileEntered(values)).filter(
      ([field, value]) => requiredOfNew.has(field) || (value !== null && value !== ''),
    ),
  );
}

/** A new member's form as first shown: a Russian company, active; joining today unless a date is given. */
export function newMemberValues(locale: Locale): FormValues {
  return {
    name: '',
    country: placeText('country', 'RU', locale),
    region: '',
    taxId: '',
    status: 'active',
    sectors: [],
    interests: [],
    targetMarkets: '',
    languages: ['ru'],
    website: '',
    description: '',
    joinedOn: '',
    'verifiedRevenue.amount': '',
    'verifiedRevenue.currency': 'RUB',
    'declaredRevenue.amount': '',
    'declaredRevenue.currency': 'RUB',
    matchmakingVisible: '',
  };
}

/**
 * The merge patch of one contact's form: the member's live contacts as they are, this one as entered
 * (arrays replace in a merge patch), or added after them when `contactId` is undefined. Resolves to
 * undefined when the contact is not a live one of the member; `index` is its place in the patch, which
 * the schema's issue paths name.
 */
export function contactPatch(
  member: Pick<Member, 'contacts' | 'country'>,
  contactId: string | undefined,
  values: FormValues,
): { patch: Record<string, unknown>; index: number } | undefined {
  // Not the stored shape: an address left empty is left out, for the schema to say it is required.
  const contacts: Record<string, unknown>[] = contactInputsOf(member.contacts);
  const index = contactId === undefined ? contacts.length : contacts.findIndex((c) => c.id === contactId);
  if (index < 0) return undefined;
  const email = trimmed(values, 'email');
  const phone = trimmed(values, 'phone');
  const position = trimmed(values, 'position');
  contacts[index] = {
    ...(contactId === undefined ? {} : { id: contactId }),
    name: trimmed(values, 'name'),
    // The schema lowercases an address; a person may type it in capitals.
    ...(email ? { email } : {}),
    // As staff copy it from a card: the member's country reads a number dialled at home.
    ...(phone ? { phone: phoneE164(phone, member.country) } : {}),
    ...(position ? { position } : {}),
    language: trimmed(values, 'language') as Contact['language'],
    consent: {
      outreach: trimmed(values, 'consent.outreach') === 'on',
      news: trimmed(values, 'consent.news') === 'on',
    },
  };
  return { patch: { contacts }, index };
}

/**
 * A contact to be added, its form as it opens: empty, nobody's consent until it is given, in the
 * company's first language, which its delegates' programme and its campaigns then reach the contact
 * in unless staff choose another.
 */
export const newContactValues = (company: { languages: readonly string[] }): FormValues => ({
  name: '',
  email: '',
  phone: '',
  position: '',
  language: company.languages[0] ?? 'en',
  'consent.outreach': '',
  'consent.news': '',
});

export const offerLists = ['offers', 'needs'] as const;
/** The schema's bound on each list: the form never offers more rows. */
const maxOffers = 10;
const blankRows = 2;

/** The offers and needs as rows of the form: `offers.0.topic`, `offers.0.text` and so on. */
export function offersNeedsValuesOf(member: Pick<Member, 'offers' | 'needs'>): FormValues {
  const values: FormValues = {};
  for (const list of offerLists) {
    member[list].forEach((entry, i) => {
      values[`${list}.${i}.topic`] = entry.topic;
      values[`${list}.${i}.text`] = entry.text;
    });
  }
  return values;
}

/** How many rows of `list` the form shows for `values`: those filled in, and a few blank ones to add. */
export function offerRows(values: FormValues, list: (typeof offerLists)[number]): number {
  let filled = 0;
  for (let i = 0; i < maxOffers; i++) {
    if (trimmed(values, `${list}.${i}.topic`) || trimmed(values, `${list}.${i}.text`)) filled = i + 1;
  }
  return Math.min(maxOffers, filled + blankRows);
}

/** Every row input the form can post (the most the schema takes), for reading a posted body. */
export const offersNeedsInputs = offerLists.flatMap((list) =>
  Array.from({ length: maxOffers }, (_, i) => [`${list}.${i}.topic`, `${list}.${i}.text`]).flat(),
);

/** The merge patch of the offers and needs form: each list as its rows filled in, in their order. */
export function offersNeedsPatch(
  member: Pick<Member, 'offers' | 'needs'>,
  values: FormValues,
): Record<string, unknown> {
  const entered = Object.fromEntries(
    offerLists.map((list) => [
      list,
      Array.from({ length: maxOffers }, (_, i) => ({
        topic: trimmed(values, `${list}.${i}.topic`),
        text: trimmed(values, `${list}.${i}.text`),
      })).filter((entry) => entry.topic || entry.text),
    ]),
  );
  return Object.fromEntries(
    Object.entries(entered).filter(([list, value]) => !sameValue(value, member[list as 'offers' | 'needs'])),
  );
}

/**
 * Errors by the input they belong beside: an error inside a list or an amount goes to the input that
 * holds it (`sectors.2` to `sectors`); `prefix` strips the path to the contact being edited. Errors no
 * input holds are kept under `(form)`. `errors` are path and message pairs: `localizeIssues`' for the
 * schema's issues, the service's own for what only a write finds (a tax id another member holds).
 */
export function inputErrors(
  errors: Iterable<readonly [string, string]>,
  inputs: readonly string[],
  prefix = '',
): Map<string, string> {
  const byInput = new Map<string, string>();
  for (const [path, message] of errors) {
    const local = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    const input =
      inputs.find((name) => local === name || local.startsWith(`${name}.`)) ??
      inputs.find((name) => name.startsWith(`${local}.`)) ??
      '(form)';
    if (!byInput.has(input)) byInput.set(input, message);
  }
  return byInput;
}

/**
 * The statuses a staff form offers: a member resigns through its own action, never by this form; a new
 * member (`undefined`) is active or suspended, as `POST /v1/members` takes.
 */
export function statusChoices(member: Member | undefined) {
  return memberStatuses.filter((status) => status !== 'resigned' || member?.status === 'resigned');
}
