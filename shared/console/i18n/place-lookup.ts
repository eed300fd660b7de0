import { countryCodes } from '../../domain/country-codes.ts';
import { quoted } from '../../domain/quoted.ts';
import { countriesWithRegions, isKnownRegion } from '../../domain/region-codes.ts';
import { regionsOf } from '../../domain/regions.ts';
import { countryCodeOf, countryCodeShape, shortCountryName } from './country-lookup.ts';
import type { Locale } from './locales.ts';
import { countryName } from './names.ts';
import { regionName } from './region-names.ts';
import { fold, keyOf } from './typed-text.ts';

/**
 * Places as people type them into a list field (a campaign's audience): by name, in any of the
 * console's languages, or by ISO code. Names match without regard to case and diacritics
 * ("viet nam", "Việt Nam", "Вьетнам", "Vietnam"); scripts are not transliterated, but every place has
 * an English name beside its own.
 */
export type PlaceKind = 'country' | 'region';

/** A region's name without its kind before it ("Thành phố", "TP.", "Tỉnh", "Vùng", "Республика"). */
const withoutKind = (folded: string) => folded.replace(/^(thanh pho|tp|tinh|vung|cong hoa|республика) /, '');

/** Regions by the names people use beside the listed ones (a city's old name, an abbreviation). */
const regionAliases: Record<string, string> = {
  HCM: 'VN-SG',
  'Sài Gòn': 'VN-SG',
  Saigon: 'VN-SG',
  'Thừa Thiên Huế': 'VN-26',
  'Thua Thien Hue': 'VN-26',
  Moskva: 'RU-MOW',
  Питер: 'RU-SPE',
  СПб: 'RU-SPE',
  Приморье: 'RU-PRI',
  Кузбасс: 'RU-KEM',
  Югра: 'RU-KHM',
};

let regionsByName: ReadonlyMap<string, string> | undefined;

/**
 * Built on the first region look-up of a process: ~440 region names, and each without its kind. A
 * name two regions share is the first's.
 */
function regionNames(): ReadonlyMap<string, string> {
  if (!regionsByName) {
    const map = new Map<string, string>();
    const named = countriesWithRegions
      .flatMap((country) => regionsOf(country))
      .flatMap((region) =>
        [region.name, region.localName, region.partnerName].map((name) => [fold(name), region.code] as const),
      );
    for (const [folded, code] of named) if (!map.has(keyOf(folded))) map.set(keyOf(folded), code);
    for (const [alias, code] of Object.entries(regionAliases)) map.set(keyOf(fold(alias)), code);
    // Without its kind too, as people say them ("Hồ Chí Minh", "Татарстан", "Vladimir"), where that
    // names no other region.
    for (const [folded, code] of named) {
      const key = keyOf(withoutKind(folded));
      if (!map.has(key)) map.set(key, code);
    }
    regionsByName = map;
  }
  return regionsByName;
}

const looksLikeCode: Record<PlaceKind, RegExp> = {
  country: countryCodeShape,
  region: /^[a-z]{2}-[a-z0-9]{1,3}$/i,
};

/** A region as a record shows it (regionLabel), its code in brackets: "Хошимин (VN-SG)". */
const labelledRegion = /\(([a-z]{2}-[a-z0-9]{1,3})(?:;[^)]*)?\)$/i;

/** A typed country or region as its code, or undefined where it names none we know. */
export function placeCodeOf(kind: PlaceKind, typed: string): string | undefined {
  if (kind === 'country') return countryCodeOf(typed);
  const entry = typed.trim();
  const labelled = labelledRegion.exec(entry)?.[1]?.toUpperCase();
  if (labelled && isKnownRegion(labelled)) return labelled;
  if (looksLikeCode.region.test(entry) && isKnownRegion(entry.toUpperCase())) return entry.toUpperCase();
  const folded = fold(entry);
  return regionNames().get(keyOf(folded)) ?? regionNames().get(keyOf(withoutKind(folded)));
}

/**
 * A list field's text as codes, and what it named that is no place: entries separated by commas,
 * semicolons or lines, and codes by spaces too ("VN TH"), as the field was first written; an entry
 * that is a name as a whole is that name, though its words look like codes (Vietnamese "Na Uy" is
 * Norway, not NA and UY).
 */
export function placeList(kind: PlaceKind, text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const piece of text.split(/[,;\n]+/)) {
    const entry = piece.trim();
    if (entry === '') continue;
    const words = entry.split(/\s+/);
    const entries =
      words.length > 1 && words.every((w) => looksLikeCode[kind].test(w)) && !placeCodeOf(kind, entry)
        ? words
        : [entry];
    for (const one of entries) {
      const code = placeCodeOf(kind, one);
      if (code === undefined) unknown.push(one);
      else if (!codes.includes(code)) codes.push(code);
    }
  }
  return { codes, unknown };
}

/**
 * A place as a form shows it, by its name for the reader, which the form reads back; where the name
 * holds a list's separator (ICU's Russian name of BQ, Vietnamese of HK) or reads back as another
 * code, by ICU's short name, or else by its code, as where it has no name at all.
 */
export function placeText(kind: PlaceKind, code: string, locale: Locale): string {
  const separates = (name: string) => /[,;]/.test(name);
  if (kind === 'region') {
    const name = regionName(code, locale);
    return separates(name) ? code : name;
  }
  // A name read back as another code (a withdrawn code ICU names as its successor: AN as Curaçao) is
  // no name for this one. An assigned code's names are its own (names take the assigned codes first;
  // the unit test reads every one back), so only the others build the ~20 ms look-up to ask.
  const assigned = countryCodes().includes(code);
  const readsBack = (name: string) => !separates(name) && (assigned || placeCodeOf('country', name) === code);
  const name = countryName(code, locale);
  if (readsBack(name)) return name;
  const short = shortCountryName(code, locale);
  return readsBack(short) ? short : code;
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
      `Not a region we know: ${entries}. Type the name of a region of Russia or Vietnam, or any region's ISO 3166-2 code (US-CA).`,
  },
  ru: {
    country: (entries) => `Такой страны мы не знаем: ${entries}. Введите её название или код ISO.`,
    region: (entries) =>
      `Такого региона мы не знаем: ${entries}. Введите название региона России или Вьетнама либо код ISO 3166-2 любого региона (US-CA).`,
  },
  vi: {
    country: (entries) => `Không tìm thấy quốc gia ${entries}. Hãy nhập tên hoặc mã ISO của quốc gia.`,
    region: (entries) =>
      `Không tìm thấy vùng ${entries}. Hãy nhập tên một vùng của Nga hoặc Việt Nam, hoặc mã ISO 3166-2 của bất kỳ vùng nào (US-CA).`,
  },
};

/** What a place field says of entries that name no place: each quoted, in the reader's language. */
export const unknownPlaces = (kind: PlaceKind, entries: readonly string[], locale: Locale) =>
  unknownPlaceTexts[locale][kind](entries.map(quoted[locale]).join(', '));
