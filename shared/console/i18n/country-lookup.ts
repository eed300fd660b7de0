import { countryCodes } from '../../domain/country-codes.ts';
import { intlTags } from '../../domain/languages.ts';
import { type Locale, locales } from './locales.ts';
import { countryName } from './names.ts';
import { fold, keyOf } from './typed-text.ts';

/**
 * Countries as people type them, by ISO code or by name in any of the console's languages, without
 * regard to case and diacritics ("viet nam", "Việt Nam", "Вьетнам", "Vietnam"): the place fields'
 * look-up (place-lookup.ts) and the import report's advice. Apart from the regions' names, which a
 * function that names no region need not bundle.
 */

/** Whether ICU names a two-letter code, as countrySchema asks of a member's country. */
const isNamedCountry = (code: string) => {
  const name = countryName(code, 'en');
  return name !== code && name !== 'Unknown Region';
};

let namedCountries: readonly string[] | undefined;

/**
 * Every code a member's country may be: the 249 assigned ones first, then those ICU also names (XK,
 * EU, UK…), which countrySchema takes too, so that whatever is stored reads back by its name.
 */
function countriesByName(): readonly string[] {
  if (!namedCountries) {
    const assigned = countryCodes();
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    const more = letters.flatMap((a) =>
      letters.map((b) => a + b).filter((code) => !assigned.includes(code) && isNamedCountry(code)),
    );
    namedCountries = [...assigned, ...more];
  }
  return namedCountries;
}

const shortNames = new Map<Locale, Intl.DisplayNames>();

/** ICU's short name of a country ("Гонконг" for "Гонконг (САР)", "UK"), where it has one. */
export function shortCountryName(code: string, locale: Locale): string {
  let names = shortNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([intlTags[locale]], { type: 'region', style: 'short' });
    shortNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

let countriesByKey: ReadonlyMap<string, string> | undefined;

/**
 * Built on the first look-up of a process: ~2,000 country names from ICU (each code's name, short name
 * and name without its bracket in three languages). A name two codes share is the assigned code's.
 */
function countryNames(): ReadonlyMap<string, string> {
  if (!countriesByKey) {
    const map = new Map<string, string>();
    for (const code of countriesByName()) {
      for (const locale of locales) {
        const long = countryName(code, locale);
        for (const name of [long, long.replace(/\s*\(.*\)$/, ''), shortCountryName(code, locale)]) {
          const key = keyOf(fold(name));
          if (!map.has(key)) map.set(key, code);
        }
      }
    }
    countriesByKey = map;
  }
  return countriesByKey;
}

/** What a typed country code looks like, in either case (a list field splits "VN TH" by it too). */
export const countryCodeShape = /^[a-z]{2}$/i;

/** A typed country as its code, or undefined where it names none ICU knows. */
export function countryCodeOf(typed: string): string | undefined {
  const entry = typed.trim();
  if (countryCodeShape.test(entry) && isNamedCountry(entry.toUpperCase())) return entry.toUpperCase();
  return countryNames().get(keyOf(fold(entry)));
}
