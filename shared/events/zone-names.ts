import type { Language } from '../domain/languages.ts';
import { isTimeZone, offsetAt } from './zoned-time.ts';

export const russianTimeZones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
] as const;

export const southeastAsianTimeZones = [
  'Asia/Yangon',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Jakarta',
  'Asia/Phnom_Penh',
  'Asia/Vientiane',
  'Asia/Kuala_Lumpur',
  'Asia/Singapore',
  'Asia/Makassar',
  'Asia/Manila',
  'Asia/Brunei',
  'Asia/Dili',
  'Asia/Jayapura',
] as const;

/**
 * The zones the console's pickers offer (the reader's own, a campaign's): UTC, Russia's (a zone per
 * offset, and Novosibirsk's beside Krasnoyarsk's at +7) and Southeast Asia's, west to east. What they
 * post may be any IANA zone.
 */
export const offeredTimeZones = ['UTC', ...russianTimeZones, ...southeastAsianTimeZones] as const;

/**
 * The places the offered zones are named by, in each language: Russia's by their city, Southeast
 * Asia's by the capitals and cities staff know them by (Vietnam's one zone is Hanoi's too). ICU's own
 * generic names ("Indochina Time") would cost a page ICU's zone-name data and read the same for
 * Bangkok and Hanoi.
 */
const places: Record<Exclude<(typeof offeredTimeZones)[number], 'UTC'>, Record<Language, string>> = {
  'Europe/Kaliningrad': { en: 'Kaliningrad', ru: 'Калининград', vi: 'Kaliningrad' },
  'Europe/Moscow': { en: 'Moscow', ru: 'Москва', vi: 'Mát-xcơ-va' },
  'Europe/Samara': { en: 'Samara', ru: 'Самара', vi: 'Samara' },
  'Asia/Yekaterinburg': { en: 'Yekaterinburg', ru: 'Екатеринбург', vi: 'Yekaterinburg' },
  'Asia/Omsk': { en: 'Omsk', ru: 'Омск', vi: 'Omsk' },
  'Asia/Novosibirsk': { en: 'Novosibirsk', ru: 'Новосибирск', vi: 'Novosibirsk' },
  'Asia/Krasnoyarsk': { en: 'Krasnoyarsk', ru: 'Красноярск', vi: 'Krasnoyarsk' },
  'Asia/Irkutsk': { en: 'Irkutsk', ru: 'Иркутск', vi: 'Irkutsk' },
  'Asia/Yakutsk': { en: 'Yakutsk', ru: 'Якутск', vi: 'Yakutsk' },
  'Asia/Vladivostok': { en: 'Vladivostok', ru: 'Владивосток', vi: 'Vladivostok' },
  'Asia/Magadan': { en: 'Magadan', ru: 'Магадан', vi: 'Magadan' },
  'Asia/Kamchatka': {
    en: 'Petropavlovsk-Kamchatsky',
    ru: 'Петропавловск-Камчатский',
    vi: 'Petropavlovsk-Kamchatsky',
  },
  'Asia/Yangon': { en: 'Yangon', ru: 'Янгон', vi: 'Yangon' },
  'Asia/Bangkok': { en: 'Bangkok', ru: 'Бангкок', vi: 'Băng Cốc' },
  'Asia/Ho_Chi_Minh': {
    en: 'Hanoi, Ho Chi Minh City',
    ru: 'Ханой, Хошимин',
    vi: 'Hà Nội, TP. Hồ Chí Minh',
  },
  'Asia/Jakarta': { en: 'Jakarta', ru: 'Джакарта', vi: 'Jakarta' },
  'Asia/Phnom_Penh': { en: 'Phnom Penh', ru: 'Пномпень', vi: 'Phnôm Pênh' },
  'Asia/Vientiane': { en: 'Vientiane', ru: 'Вьентьян', vi: 'Viêng Chăn' },
  'Asia/Kuala_Lumpur': { en: 'Kuala Lumpur', ru: 'Куала-Лумпур', vi: 'Kuala Lumpur' },
  'Asia/Singapore': { en: 'Singapore', ru: 'Сингапур', vi: 'Singapore' },
  'Asia/Makassar': { en: 'Makassar', ru: 'Макасар', vi: 'Makassar' },
  'Asia/Manila': { en: 'Manila', ru: 'Манила', vi: 'Manila' },
  'Asia/Brunei': { en: 'Bandar Seri Begawan', ru: 'Бандар-Сери-Бегаван', vi: 'Bandar Seri Begawan' },
  'Asia/Dili': { en: 'Dili', ru: 'Дили', vi: 'Dili' },
  'Asia/Jayapura': { en: 'Jayapura', ru: 'Джаяпура', vi: 'Jayapura' },
};

/** `UTC+7`, `UTC+5:30`, `UTC−3`: an offset in milliseconds as a reader sees it beside a place. */
function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `UTC${offsetMs < 0 ? '−' : '+'}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * A zone's place in the reader's language (its IANA id where none is known) and its offset at `at`,
 * joined by `join`; UTC as itself, and what is not a zone at all as given.
 */
function zoneText(
  zone: string,
  locale: Language,
  at: number,
  join: (place: string, offset: string) => string,
) {
  if (zone === 'UTC') return 'UTC';
  const place = places[zone as keyof typeof places]?.[locale];
  if (!place && !isTimeZone(zone)) return zone;
  const offset = offsetAt(zone, at);
  return join(place ?? zone, offset === 0 ? 'UTC' : offsetText(offset));
}

/**
 * A zone as the console shows it: its place in the reader's language and its offset from UTC at
 * `at` (`Hà Nội, TP. Hồ Chí Minh (UTC+7)`). A zone not offered shows its IANA id; one that is not a
 * zone at all, as given.
 */
export const zoneLabel = (zone: string, locale: Language, at = Date.now()): string =>
  zoneText(zone, locale, at, (place, offset) => `${place} (${offset})`);

/** The same for inside parentheses of its own: `Hà Nội, TP. Hồ Chí Minh, UTC+7`. */
export const zoneInline = (zone: string, locale: Language, at = Date.now()): string =>
  zoneText(zone, locale, at, (place, offset) => `${place}, ${offset}`);
