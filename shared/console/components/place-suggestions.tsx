import type { FC } from 'hono/jsx';
import type { Locale } from '../i18n/locales.ts';

/** The ids an input names (`list`) to be offered countries or the listed subdivisions. */
export const countryListId = 'country-list';
export const regionListId = 'region-list';

/** The lists of places a field may suggest, as `/console/places/{list}` serves them. */
export const placeLists = ['countries', 'regions'] as const;
export type PlaceList = (typeof placeLists)[number];

/** What a chosen suggestion puts in the input: its code (a filter's), or its name (a form that reads names). */
export type SuggestedBy = 'code' | 'name';

/** Where a page's list of places comes from: one URL per list, language and kind, which browsers keep. */
export const placeListPath = (list: PlaceList, locale: Locale, by: SuggestedBy): string =>
  `/console/places/${list}?${new URLSearchParams({ lang: locale, by })}`;

interface SuggestionsProps {
  locale: Locale;
  by?: SuggestedBy;
}

/**
 * An empty `<datalist>` that console.js fills from `data-src` when a field naming it is first focused:
 * every country and every listed subdivision are ~400 options (~22 KB of a page), the same on every
 * page of a language, so the browser fetches them once and keeps them instead of each page carrying
 * them, and a page's cold start does not build them. Without scripts the field takes what is typed.
 */
const Suggestions: FC<{ id: string; src: string }> = ({ id, src }) => <datalist id={id} data-src={src} />;

/** The ISO 3166-1 countries by their names in the reader's language. */
export const CountryList: FC<SuggestionsProps> = ({ locale, by = 'code' }) => (
  <Suggestions id={countryListId} src={placeListPath('countries', locale, by)} />
);

/** The Russian and Vietnamese subdivisions; another country's code is typed as it is. */
export const RegionList: FC<SuggestionsProps> = ({ locale, by = 'code' }) => (
  <Suggestions id={regionListId} src={placeListPath('regions', locale, by)} />
);
