import type { FC } from 'hono/jsx';
import { type Partner, partnerProfileFields } from '../../../domain/partner-schema.ts';
import {
  Check,
  Choice,
  type Errors,
  type FormValues,
  many,
  TextArea,
  TextInput,
  trimmed,
} from '../../components/form-fields.tsx';
import type { Locale } from '../../i18n/locales.ts';
import { placeCodeOf, placeList, placesText, placeText } from '../../i18n/place-lookup.ts';
import { websiteAsTyped } from '../../i18n/typed-text.ts';
import { PlaceFields, ReachFields, topicOptions } from '../member/member-form-views.tsx';
import { changedEntries } from '../member/member-forms.ts';
import { memberMessages } from '../member/member-messages.ts';
import { partnerMessages } from './partner-messages.ts';

/**
 * A partner's profile as a form, for a new partner and an edit: input names are the API's fields, so
 * a zod issue's path names the input it belongs beside; places show by name in the reader's language
 * and read back from a name or a code.
 */

/** The profile's inputs (its offers, needs and contacts are lists of their own), in the API's order. */
export const partnerProfileInputs = partnerProfileFields.filter(
  (field) => !['offers', 'needs', 'contacts'].includes(field),
);
export const partnerListInputs = new Set(['sectors', 'languages']);
/** What a partner may be without: emptied in an edit, the field is removed. */
const optionalFields = ['region', 'taxId', 'website', 'description', 'notes'] as const;

/** The profile as stored, as the form shows it. */
export function partnerProfileValuesOf(partner: Partner, locale: Locale): FormValues {
  return {
    name: partner.name,
    latinName: partner.latinName,
    country: placeText('country', partner.country, locale),
    region: partner.region ? placeText('region', partner.region, locale) : '',
    taxId: partner.taxId ?? '',
    sectors: partner.sectors,
    targetMarkets: placesText('country', partner.targetMarkets, locale),
    languages: partner.languages,
    website: partner.website ?? '',
    description: partner.description ?? '',
    notes: partner.notes ?? '',
    matchmakingVisible: partner.matchmakingVisible ? 'on' : '',
  };
}

/**
 * The profile's entries as the API's fields: a place typed by name as its code (placeErrors says
 * when it names none), an optional field left empty as undefined.
 */
export function partnerProfileEntries(values: FormValues): Record<string, unknown> {
  const entered = (name: string) => trimmed(values, name) || undefined;
  const website = entered('website');
  const place = (kind: 'country' | 'region', name: string) => {
    const typed = trimmed(values, name);
    return typed ? (placeCodeOf(kind, typed) ?? typed) : undefined;
  };
  return {
    name: trimmed(values, 'name'),
    latinName: trimmed(values, 'latinName'),
    country: place('country', 'country') ?? '',
    region: place('region', 'region'),
    taxId: entered('taxId'),
    sectors: many(values, 'sectors'),
    targetMarkets: placeList('country', trimmed(values, 'targetMarkets')).codes,
    languages: many(values, 'languages'),
    website: website ? websiteAsTyped(website) : undefined,
    description: entered('description'),
    notes: entered('notes'),
    matchmakingVisible: trimmed(values, 'matchmakingVisible') === 'on',
  };
}

/**
 * The merge patch of an edit: each entry that differs from the partner as stored (an emptied optional
 * field as null, removed), so an untouched field is neither written nor recorded in the history.
 */
export function partnerProfilePatch(partner: Partner, values: FormValues): Record<string, unknown> {
  const entries = partnerProfileEntries(values);
  for (const field of optionalFields) entries[field] ??= null;
  return changedEntries(entries, partner);
}

/** The profile's inputs, without the form around them. */
export const PartnerProfileInputs: FC<{ values: FormValues; errors: Errors; locale: Locale }> = ({
  values,
  errors,
  locale,
}) => {
  const m = memberMessages[locale];
  const p = partnerMessages[locale];
  return (
    <>
      <TextInput name="name" label={m.name} values={values} errors={errors} required />
      <TextInput
        name="latinName"
        label={p.latinName}
        values={values}
        errors={errors}
        hint={p.latinNameHint}
        required
      />
      <PlaceFields values={values} errors={errors} locale={locale} />
      <Choice
        name="sectors"
        label={m.sectors}
        values={values}
        errors={errors}
        options={topicOptions(locale)}
        multiple
      />
      <ReachFields values={values} errors={errors} locale={locale} />
      <TextArea name="notes" label={p.notes} values={values} errors={errors} />
      <Check name="matchmakingVisible" label={m.matchmakingVisible} values={values} errors={errors} />
    </>
  );
};
