import { countriesWithRegions } from '../../domain/region-codes.ts';
import { findRegion, type Region, regionsOf } from '../../domain/regions.ts';
import type { Locale } from './locales.ts';

/**
 * The language each listed country's subdivisions are named in locally: a reader of that language
 * reads them so (Москва, Hà Nội), a reader of the other country's language in theirs (Tỉnh Vladimir,
 * Ханой), an English reader in English.
 */
const localLanguage: Record<string, Locale> = { RU: 'ru', VN: 'vi' };

const nameFor = (region: Region, locale: Locale) =>
  localLanguage[region.country] === locale
    ? region.localName
    : locale === 'en'
      ? region.name
      : region.partnerName;

/** A subdivision's name for the reader; the code itself where it is not one we list (other countries). */
export function regionName(code: string, locale: Locale): string {
  const region = findRegion(code);
  return region ? nameFor(region, locale) : code;
}

/** A subdivision as a record shows it: its name with its code, which the filters and the API take. */
export function regionLabel(code: string, locale: Locale): string {
  const name = regionName(code, locale);
  return name === code ? code : `${name} (${code})`;
}

/** Every listed subdivision as a picker offers it: its code, and its name for the reader. */
export function regionChoices(locale: Locale): { code: string; name: string }[] {
  return countriesWithRegions.flatMap((country) =>
    regionsOf(country).map((region) => ({ code: region.code, name: nameFor(region, locale) })),
  );
}
