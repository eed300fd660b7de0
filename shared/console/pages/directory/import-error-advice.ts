import { countryCodes } from '../../../domain/country-codes.ts';
import { languages } from '../../../domain/languages.ts';
import { memberStatuses } from '../../../domain/member-schema.ts';
import { topics } from '../../../domain/topics.ts';
import type { RowError } from '../../../members/member-csv.ts';
import { languageName, memberStatusLabels } from '../../i18n/domain-labels.ts';
import { type Locale, locales } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { fold } from '../../i18n/typed-text.ts';
import { allowedValues, expectedForm, meantValue } from './import-columns.ts';

/** The code of `candidates` that `typed` names, in any of the console's languages or as the code itself. */
function codeNamed<C extends string>(
  typed: string,
  candidates: readonly C[],
  nameOf: (code: C, locale: Locale) => string,
): C | undefined {
  const key = fold(typed);
  return candidates.find((code) => fold(code) === key || locales.some((l) => fold(nameOf(code, l)) === key));
}

/**
 * The code a refused cell names in words, with its name for the reader: "Vietnam" in `country` is
 * VN (Вьетнам), "Сельское хозяйство" in `sectors` is agriculture. The file takes codes, as the export
 * writes them, so the cell is not read as the code; the report says which code to write. Not for a
 * region: its names (domain/regions.ts, ~12 KB) would take this function past the 450 KB bar, and the
 * column's form names the codes.
 */
function meantCode(path: string, value: string, locale: Locale): string | undefined {
  const field = /^contacts\.\d+\.language$/.test(path) ? 'languages' : path.split('.')[0];
  const named = (code: string | undefined, name: (code: string) => string) =>
    code === undefined || code === value ? undefined : `${code} (${name(code)})`;
  switch (field) {
    case 'country':
    case 'targetMarkets':
      return named(codeNamed(value, countryCodes(), countryName), (code) => countryName(code, locale));
    case 'sectors':
    case 'interests':
      return named(codeNamed(value, topics, topicName), (code) => topicName(code, locale));
    case 'languages':
      return named(
        codeNamed(value, languages, (code, l) => languageName(l, code)),
        (code) => languageName(locale, code as (typeof languages)[number]),
      );
    case 'status':
      return named(
        codeNamed(value, memberStatuses, (code, l) => memberStatusLabels[l][code]),
        (code) => memberStatusLabels[locale][code as (typeof memberStatuses)[number]],
      );
    default:
      return undefined;
  }
}

/**
 * What the import report adds to a row error's message, for whoever fixes the file: the code the
 * refused value most likely meant, and what the column takes (its allowed values, or its form).
 */
export function importErrorAdvice(error: RowError, locale: Locale): string[] {
  const { reason, column, value } = error;
  if (reason?.code !== 'choice' && reason?.code !== 'format' && reason?.code !== 'date') return [];
  const meant = value === undefined ? undefined : meantCode(error.path, value, locale);
  const takes =
    reason.code === 'choice'
      ? reason.values && allowedValues(reason.values, locale)
      : column && expectedForm(column, locale);
  return [...(meant ? [meantValue(meant, locale)] : []), ...(takes ? [takes] : [])];
}
