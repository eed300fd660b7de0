import { countryCodes } from '../../domain/country-codes.ts';
import { countryName, displayName } from '../../domain/display-names.ts';
import { topicLabels } from '../../domain/topic-labels.ts';
import type { Topic } from '../../domain/topics.ts';
import type { Locale } from './locales.ts';
import { typedSpelling } from './typed-text.ts';

/** A company as stored, in its own script, with its Latin name beside where it has another one. */
export function companyName(company: { name: string; latinName?: string | null } | undefined): string {
  if (!company) return '';
  return company.latinName && company.latinName !== company.name
    ? `${company.name} (${company.latinName})`
    : company.name;
}

/** A topic's name in the reader's language; a stored value no longer in the catalogue as it is. */
export function topicName(topic: string, locale: Locale): string {
  return topicLabels[topic as Topic]?.[locale] ?? topic;
}

/** A country's name in the reader's language; the code itself where Intl has no name for it. */
export { countryName };

/**
 * A spoken language (a delegate's, an interpreter's pair: any ISO 639 code) in the reader's language,
 * as ICU writes it mid-sentence (lowercase in Russian); the code itself where it has no name.
 */
export const spokenLanguageName = (code: string, locale: Locale): string =>
  displayName('language', code, locale);

/** A place as a picker offers it: its code, its name for the reader, and that name as typed without its letters. */
export interface PlaceChoice {
  code: string;
  name: string;
  typed?: string;
}

const countryChoicesByLocale = new Map<Locale, readonly PlaceChoice[]>();

/** Every ISO 3166-1 country as a picker offers it. */
export function countryChoices(locale: Locale): readonly PlaceChoice[] {
  let choices = countryChoicesByLocale.get(locale);
  if (!choices) {
    choices = countryCodes().map((code) => {
      const name = countryName(code, locale);
      const typed = typedSpelling(name, countryName(code, 'en'));
      return { code, name, ...(typed ? { typed } : {}) };
    });
    countryChoicesByLocale.set(locale, choices);
  }
  return choices;
}
