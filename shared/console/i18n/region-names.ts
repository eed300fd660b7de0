import { countriesWithRegions } from '../../domain/region-codes.ts';
import { regionName } from '../../domain/region-names.ts';
import { findRegion, regionsOf } from '../../domain/regions.ts';
import type { Locale } from './locales.ts';
import type { PlaceChoice } from './names.ts';
import { typedSpelling } from './typed-text.ts';

/** A subdivision's name for the reader; the code itself where it is not one we list (other countries). */
export { regionName };

/** Where a Vietnamese province merged in 2025 is now, in the reader's language. */
const mergedNote: Record<Locale, (into: string) => string> = {
  en: (into) => `part of ${into} since 2025`,
  ru: (into) => `с 2025 года входит в ${into}`,
  vi: (into) => `từ năm 2025 thuộc ${into}`,
};

/** What a reader is told of a subdivision that has since become part of another, if it has. */
export function regionNote(code: string, locale: Locale): string | undefined {
  const into = findRegion(code)?.mergedInto;
  return into ? mergedNote[locale](regionName(into, locale)) : undefined;
}

/** Subdivisions named in a sentence, each with its code: "Bình Dương (VN-57), Bà Rịa – Vũng Tàu (VN-43)". */
export const regionsNamed = (codes: readonly string[], locale: Locale): string =>
  codes.map((code) => `${regionName(code, locale)} (${code})`).join(', ');

/**
 * A subdivision as a record shows it: its name with its code, which the filters and the API take, and
 * for a Vietnamese province merged in 2025, the one it is part of now.
 */
export function regionLabel(code: string, locale: Locale): string {
  const name = regionName(code, locale);
  if (name === code) return code;
  const note = regionNote(code, locale);
  return note ? `${name} (${code}; ${note})` : `${name} (${code})`;
}

type RegionChoice = PlaceChoice & { note?: string };

const regionChoicesByLocale = new Map<Locale, readonly RegionChoice[]>();

/**
 * Every listed subdivision as a picker offers it, with a note where it has been merged into another;
 * the subdivisions as they are now first, the merged ones after. Made once per language in a process.
 */
export function regionChoices(locale: Locale): readonly RegionChoice[] {
  let choices = regionChoicesByLocale.get(locale);
  if (!choices) {
    const all = countriesWithRegions.flatMap((country) =>
      regionsOf(country).map((region): RegionChoice => {
        const name = regionName(region.code, locale);
        const typed = typedSpelling(name, region.name);
        const note = regionNote(region.code, locale);
        return { code: region.code, name, ...(typed ? { typed } : {}), ...(note ? { note } : {}) };
      }),
    );
    choices = [...all.filter((c) => !c.note), ...all.filter((c) => c.note)];
    regionChoicesByLocale.set(locale, choices);
  }
  return choices;
}
