import type { FC } from 'hono/jsx';
import type { Locale } from '../i18n/locales.ts';
import { countryChoices } from '../i18n/names.ts';
import { regionChoices } from '../i18n/region-names.ts';

/** The ids an input names (`list`) to be offered countries or the listed subdivisions. */
export const countryListId = 'country-list';
export const regionListId = 'region-list';

/**
 * Codes for a text input to suggest, each with its name for the reader (the browser matches what is
 * typed against both). A suggestion, not a choice: any code is typed as it is.
 */
const Suggestions: FC<{ id: string; choices: readonly { code: string; name: string }[] }> = ({
  id,
  choices,
}) => (
  <datalist id={id}>
    {choices.map(({ code, name }) => (
      <option value={code}>{name}</option>
    ))}
  </datalist>
);

/** The ISO 3166-1 countries by their names in the reader's language. */
export const CountryList: FC<{ locale: Locale }> = ({ locale }) => (
  <Suggestions id={countryListId} choices={countryChoices(locale)} />
);

/** The Russian and Vietnamese subdivisions; another country's code is typed as it is. */
export const RegionList: FC<{ locale: Locale }> = ({ locale }) => (
  <Suggestions id={regionListId} choices={regionChoices(locale)} />
);
