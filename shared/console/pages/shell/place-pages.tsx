import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import { type PlaceList, placeLists, type SuggestedBy } from '../../components/place-suggestions.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { isLocale } from '../../i18n/locales.ts';
import { countryChoices, type PlaceChoice } from '../../i18n/names.ts';
import { regionChoices } from '../../i18n/region-names.ts';

/**
 * A list's places by code with the reader's name beside it, or by that name with the code beside it
 * (the browser matches what is typed against both), and the name as typed without its letters
 * ("Thành phố Hồ Chí Minh · Thanh pho Ho Chi Minh", "Москва · Moscow"), so that it is suggested to
 * someone typing so. A suggestion, not a choice: anything is typed as it is.
 */
const PlaceOptions: FC<{ by: SuggestedBy; choices: readonly (PlaceChoice & { note?: string })[] }> = ({
  by,
  choices,
}) => (
  <>
    {choices.map(({ code, name, typed, note }) => {
      const label = [by === 'code' ? name : code, typed].filter(Boolean).join(' · ');
      return <option value={by === 'code' ? code : name}>{note ? `${label} (${note})` : label}</option>;
    })}
  </>
);

const isPlaceList = (value: string): value is PlaceList => (placeLists as readonly string[]).includes(value);

/**
 * The options of the places' `<datalist>`s (place-suggestions.tsx), in the language the URL names:
 * public names, the same for every reader, so answered without a session (session-middleware.ts
 * lists the path) and kept by browsers and caches for a day (a name changed by a release shows the
 * next day; what is typed is read on the server either way).
 */
export function placePages() {
  return new Hono<ConsoleEnv>().get('/console/places/:list', async (c) => {
    const list = c.req.param('list');
    if (!isPlaceList(list)) throw new NotFoundError('No such list of places.');
    const { lang, by = 'code' } = c.req.query();
    if (!isLocale(lang)) throw new BadRequestError('Name the list’s language: lang=ru, vi or en.');
    if (by !== 'code' && by !== 'name') throw new BadRequestError('Suggest places by=code or by=name.');
    const choices = list === 'countries' ? countryChoices(lang) : regionChoices(lang);
    c.header('cache-control', 'public, max-age=86400');
    return c.html(<PlaceOptions by={by} choices={choices} />);
  });
}
