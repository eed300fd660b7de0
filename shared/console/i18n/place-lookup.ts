import { countryCodes } from '../../domain/country-codes.ts';
import { countriesWithRegions, isKnownRegion } from '../../domain/region-codes.ts';
import { regionsOf } from '../../domain/regions.ts';
import { type Locale, locales } from './locales.ts';
import { countryName } from './names.ts';
import { regionName } from './region-names.ts';

/**
 * Places as people type them into a list field (a campaign's audience): by name, in any of the
 * console's languages, or by ISO code. Names match without regard to case and diacritics
 * ("viet nam", "Việt Nam", "Вьетнам", "Vietnam"); scripts are not transliterated, but every place has
 * an English name beside its own.
 */
export type PlaceKind = 'country' | 'region';

/** Lowercase, diacritics and punctuation gone, spaces single: the form a typed name is matched in. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/giu, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byName = new Map<PlaceKind, ReadonlyMap<string, string>>();

/** Built on the first look-up of a process: ~750 country names from ICU, ~440 region names. */
function namesOf(kind: PlaceKind): ReadonlyMap<string, string> {
  let names = byName.get(kind);
  if (!names) {
    const map = new Map<string, string>();
    if (kind === 'country') {
      for (const code of countryCodes()) {
        for (const locale of locales) map.set(fold(countryName(code, locale)), code);
      }
    } else {
      for (const region of countriesWithRegions.flatMap((country) => regionsOf(country))) {
        for (const name of [region.name, region.localName, region.partnerName]) {
          const folded = fold(name);
          map.set(folded, region.code);
          // As people say them: "Hồ Chí Minh", "Татарстан", "Vladimir".
          const short = folded.replace(/^(thanh pho|tinh|vung|cong hoa|республика) /, '');
          if (!map.has(short)) map.set(short, region.code);
        }
      }
    }
    names = map;
    byName.set(kind, names);
  }
  return names;
}

const looksLikeCode: Record<PlaceKind, RegExp> = {
  country: /^[a-z]{2}$/i,
  region: /^[a-z]{2}-[a-z0-9]{1,3}$/i,
};

/** A typed country or region as its code, or undefined where it names none we know. */
export function placeCodeOf(kind: PlaceKind, typed: string): string | undefined {
  const entry = typed.trim();
  if (looksLikeCode[kind].test(entry)) {
    const code = entry.toUpperCase();
    const known = kind === 'country' ? countryCodes().includes(code) : isKnownRegion(code);
    if (known) return code;
  }
  return namesOf(kind).get(fold(entry));
}

/**
 * A list field's text as codes, and what it named that is no place: entries separated by commas,
 * semicolons or lines, and codes by spaces too ("VN TH"), as the field was first written.
 */
export function placeList(kind: PlaceKind, text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const piece of text.split(/[,;\n]+/)) {
    const entry = piece.trim();
    if (entry === '') continue;
    const words = entry.split(/\s+/);
    const entries = words.length > 1 && words.every((w) => looksLikeCode[kind].test(w)) ? words : [entry];
    for (const one of entries) {
      const code = placeCodeOf(kind, one);
      if (code === undefined) unknown.push(one);
      else if (!codes.includes(code)) codes.push(code);
    }
  }
  return { codes, unknown };
}

/**
 * A place as a form shows it, by its name for the reader, which the form reads back; by its code where
 * the name holds a list's separator (ICU's Russian name of BQ has a comma) or is no name at all.
 */
export function placeText(kind: PlaceKind, code: string, locale: Locale): string {
  const name = kind === 'region' ? regionName(code, locale) : countryName(code, locale);
  return /[,;]/.test(name) ? code : name;
}

/** Places as a list field shows them: by name, separated by commas. */
export const placesText = (kind: PlaceKind, codes: readonly string[], locale: Locale) =>
  codes.map((code) => placeText(kind, code, locale)).join(', ');

/**
 * A place field's text as a comparison shows it: its places by name for the reader (what it named
 * that is no place as typed), so "VN" typed and "Vietnam" stored read alike.
 */
export function typedPlaces(kind: PlaceKind, text: string, locale: Locale): string {
  const { codes, unknown } = placeList(kind, text);
  return [placesText(kind, codes, locale), ...unknown].filter(Boolean).join(', ');
}

const unknownPlaceTexts: Record<Locale, Record<PlaceKind, (entries: string) => string>> = {
  en: {
    country: (entries) => `Not a country we know: ${entries}. Type its name or its ISO code.`,
    region: (entries) =>
      `Not a region of Russia or Vietnam we know: ${entries}. Type its name or its ISO 3166-2 code.`,
  },
  ru: {
    country: (entries) => `Такой страны мы не знаем: ${entries}. Введите её название или код ISO.`,
    region: (entries) =>
      `Такого региона России или Вьетнама мы не знаем: ${entries}. Введите его название или код ISO 3166-2.`,
  },
  vi: {
    country: (entries) => `Không có quốc gia nào như vậy: ${entries}. Hãy nhập tên hoặc mã ISO của quốc gia.`,
    region: (entries) =>
      `Không có vùng nào của Nga hoặc Việt Nam như vậy: ${entries}. Hãy nhập tên hoặc mã ISO 3166-2.`,
  },
};

/** What a place field says of entries that name no place: each quoted, in the reader's language. */
export const unknownPlaces = (kind: PlaceKind, entries: readonly string[], locale: Locale) =>
  unknownPlaceTexts[locale][kind](entries.map((entry) => `«${entry}»`).join(', '));
