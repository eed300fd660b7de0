import type { FC } from 'hono/jsx';
import type { Locale } from '../i18n/locales.ts';
import { countryChoices, type PlaceChoice } from '../i18n/names.ts';
import { regionChoices } from '../i18n/region-names.ts';

/** The ids an input names (`list`) to be offered countries or the listed subdivisions. */
export const countryListId = 'country-list';
export const regionListId = 'region-list';

interface SuggestionsProps {
  locale: Locale;
  /** What a chosen suggestion puts in the input: its code (a filter's), or its name (a form that reads names). */
  by?: 'code' | 'name';
}

/**
 * Places for a text input to suggest, by code with the reader's name beside it, or by that name with
 * the code beside it (the browser matches what is typed against both), and the name as typed without
 * its letters ("Thành phố Hồ Chí Minh · Thanh pho Ho Chi Minh", "Москва · Moscow"), so that it is
 * suggested to someone typing so. A suggestion, not a choice: anything is typed as it is.
 */
const Suggestions: FC<{
  id: string;
  by: 'code' | 'name';
  choices: readonly (PlaceChoice & { note?: string })[];
}> = ({ id, by, choices }) => (
  <datalist id={id}>
    {choices.map(({ code, name, typed, note }) => {
      const label = [by === 'code' ? name : code, typed].filter(Boolean).join(' · ');
      return <option value={by === 'code' ? code : name}>{note ? `${label} (${note})` : label}</option>;
    })}
  </datalist>
);

/** The ISO 3166-1 countries by their names in the reader's language. */
export const CountryList: FC<SuggestionsProps> = ({ locale, by = 'code' }) => (
  <Suggestions id={countryListId} by={by} choices={countryChoices(locale)} />
);

/** The Russian and Vietnamese subdivisions; another country's code is typed as it is. */
export const RegionList: FC<SuggestionsProps> = ({ locale, by = 'code' }) => (
  <Suggestions id={regionListId} by={by} choices={regionChoices(locale)} />
);
