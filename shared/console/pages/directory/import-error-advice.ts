import { languages } from '../../../domain/languages.ts';
import { memberStatuses } from '../../../domain/member-schema.ts';
import { topics } from '../../../domain/topics.ts';
import type { RowError } from '../../../members/member-csv.ts';
import { countryCodeOf } from '../../i18n/country-lookup.ts';
import { languageName, memberStatusLabels } from '../../i18n/domain-labels.ts';
import { type Locale, locales } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { fold } from '../../i18n/typed-text.ts';
import { allowedValues, expectedForm, meantValue } from './import-columns.ts';

/**
 * The code of a short list (topics, languages, statuses) that `typed` names, in any of the console's
 * languages or as the code itself in another case.
 */
function codeNamed<C extends string>(
  typed: string,
  candidates: readonly C[],
  nameOf: (code: C, locale: Locale) => string,
): C | undefined {
  const key = fold(typed);
  return candidates.find((code) => fold(code) === key || locales.some((l) => fold(nameOf(code, l)) === key));
}

/**
 * A label's name in the middle of a sentence: Russian and Vietnamese write a common noun's first letter
 * small ("действующий", "tiếng Nga"); English keeps its labels' capitals, which a language's name needs.
 */
const midSentence = (name: string, locale: Locale) =>
  locale === 'en' ? name : name.charAt(0).toLocaleLowerCase(locale) + name.slice(1);

/** The code a cell of `field` names in words, and that code's name for the reader. */
function namedCode(field: string, value: string, locale: Locale): readonly [string, string] | undefined {
  const pair = (code: string | undefined, name: (code: string) => string) =>
    code === undefined ? undefined : ([code, name(code)] as const);
  switch (field) {
    case 'country':
    case 'targetMarkets':
      return pair(countryCodeOf(value), (code) => countryName(code, locale));
    case 'sectors':
    case 'interests':
      return pair(codeNamed(value, topics, topicName), (code) =>
        midSentence(topicName(code, locale), locale),
      );
    case 'languages':
      return pair(
        codeNamed(value, languages, (code, l) => languageName(l, code)),
        (code) => midSentence(languageName(locale, code as (typeof languages)[number]), locale),
      );
    case 'status':
      return pair(
        codeNamed(value, memberStatuses, (code, l) => memberStatusLabels[l][code]),
        (code) => midSentence(memberStatusLabels[locale][code as (typeof memberStatuses)[number]], locale),
      );
    default:
      return undefined;
  }
}

/**
 * The code a refused cell names in words, with its name for the reader: "Vietnam" in `country` is
 * VN (Вьетнам), "Сельское хозяйство" in `sectors` is agriculture. The file takes codes, as the export
 * writes them, so the cell is not read as the code; the report says which code to write, if the
 * column takes it there (a new member is never `resigned`). Not for a region: its names
 * (domain/regions.ts, ~12 KB) would take this function past the 450 KB bar, and the column's form
 * names the codes.
 */
function meantCode(error: RowError, value: string, locale: Locale): string | undefined {
  const field = /^contacts\.\d+\.language$/.test(error.path) ? 'languages' : error.path.split('.')[0]!;
  const named = namedCode(field, value, locale);
  if (!named || named[0] === value) return undefined;
  const allowed = error.reason?.code === 'choice' ? error.reason.values?.split(', ') : undefined;
  return allowed && !allowed.includes(named[0]) ? undefined : `${named[0]} (${named[1]})`;
}

/**
 * What the import report adds to a row error's message, for whoever fixes the file: the code the
 * refused value most likely meant, and what the column takes (its allowed values, or its form).
 */
export function importErrorAdvice(error: RowError, locale: Locale): string[] {
  const { reason, column, value } = error;
  if (reason?.code !== 'choice' && reason?.code !== 'format' && reason?.code !== 'date') return [];
  const meant = value === undefined ? undefined : meantCode(error, value, locale);
  const takes =
    reason.code === 'choice'
      ? reason.values && allowedValues(reason.values, locale)
      : column && expectedForm(column, locale);
  return [...(meant ? [meantValue(meant, locale)] : []), ...(takes ? [takes] : [])];
}
