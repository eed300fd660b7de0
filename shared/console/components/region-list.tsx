import type { FC } from 'hono/jsx';
import type { Locale } from '../i18n/locales.ts';
import { regionChoices } from '../i18n/region-names.ts';

/** The id an input names (`list`) to be offered the listed subdivisions. */
export const regionListId = 'region-list';

/**
 * The Russian and Vietnamese subdivisions for a region input to suggest, each its ISO code with its
 * name for the reader (the browser matches what is typed against both). A suggestion, not a choice:
 * another country's code is typed as it is.
 */
export const RegionList: FC<{ locale: Locale }> = ({ locale }) => (
  <datalist id={regionListId}>
    {regionChoices(locale).map(({ code, name }) => (
      <option value={code}>{name}</option>
    ))}
  </datalist>
);
