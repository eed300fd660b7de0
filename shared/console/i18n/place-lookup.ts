import { countryCodes } from '../../domain/country-codes.ts';
import { countriesWithRegions, isKnownRegion } from '../../domain/region-codes.ts';
import { regionsOf } from '../../domain/regions.ts';
import { locales } from './locales.ts';
import { countryName } from './names.ts';

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

/** Built on the first look-up of a process: ~750 country names from ICU, ~290 region names. */
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
        for (const name of [region.name, region.localName]) {
          const folded = fold(name);
          map.set(folded, region.code);
          // As people say them: "Hồ Chí Minh", "Татарстан".
          const short = folded.replace(/^(thanh pho|tinh|республика) /, '');
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
