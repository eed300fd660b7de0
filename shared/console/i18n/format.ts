import { tryGetContext } from 'hono/context-storage';
import { intlTags } from '../../domain/languages.ts';
import { type Currency, currencyMinorDigits } from '../../domain/money.ts';
import { isTimeZone } from '../../events/zoned-time.ts';
import type { ConsoleEnv } from '../console-env.ts';
import type { Locale } from './locales.ts';

/**
 * Dates, times, numbers and money as the reader's language writes them. Formatters are built once per
 * language and pattern: building an `Intl` formatter costs far more than using one.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

const knownZones = new Map<string, boolean>();

/**
 * The zone the console's reader chose in their settings, for the request being answered (Hono's
 * context storage, so that every page's system times follow it without each component passing it
 * on); UTC outside a console request, before a choice, or for a zone this ICU does not know.
 */
export function readerTimeZone(): string {
  const reader = tryGetContext<ConsoleEnv>()?.var;
  const chosen = reader?.timeZone ?? 'UTC';
  let known = knownZones.get(chosen);
  if (known === undefined) {
    known = isTimeZone(chosen, reader?.locale && intlTags[reader.locale]);
    knownZones.set(chosen, known);
  }
  return known ? chosen : 'UTC';
}

/**
 * Builds the reader's date-and-time formatter ahead of the page, meant to run while the page's reads
 * are on their way (`setImmediate`). The first `Intl` formatter a process builds costs ~3 ms with the
 * functions' cut locale index (the zone's rules, the language's patterns), ~15 ms under an ICU that
 * does not read that index (infra/cdk/icu-locale-index.ts); on a cold start that then overlaps the
 * page's DynamoDB round trips instead of following them. Later requests find it built.
 */
export function prepareReaderFormats(locale: Locale): void {
  formatDateTime(locale, new Date(0));
}

/**
 * A day. A date as stored (`2026-01-15`: joined on, due on) is that day wherever the reader is; a
 * moment (a stage entered at) is the day it falls on in the reader's zone.
 */
export function formatDate(
  locale: Locale,
  value: string | Date,
  timeZone = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : readerTimeZone(),
): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return dayFormat(locale, timeZone).format(date);
}

const dayFormat = (locale: Locale, timeZone: string) =>
  formatter(`d:${locale}:${timeZone}`, () =>
    Intl.DateTimeFormat(intlTags[locale], { dateStyle: 'medium', timeZone }),
  );

/** Two days as stored (`2027-09-07`, `2027-09-08`) as one span the way the language writes it: `7–8 сент. 2027 г.`. */
export function formatDateRange(locale: Locale, first: string, last: string): string {
  const [from, to] = [new Date(first), new Date(last)];
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${first} – ${last}`;
  return dayFormat(locale, 'UTC').formatRange(from, to);
}

/**
 * A moment with its time of day, by default in the reader's zone (when something was changed, sent,
 * signed in). In UTC the time says so, after the minutes where the language puts a zone
 * (`12 янв. 2026 г., 06:00 UTC`, `06:00 UTC 12 thg 1, 2026`): staff in Moscow or Hanoi would otherwise
 * read 06:00 as their own time. A time in another zone (an event's, a campaign's) is on a page that
 * names that zone itself, and one in the reader's own zone is theirs.
 */
export function formatDateTime(locale: Locale, value: string | Date, timeZone = readerTimeZone()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const format = formatter(`dt:${locale}:${timeZone}`, () =>
    Intl.DateTimeFormat(intlTags[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  );
  if (timeZone !== 'UTC') return format.format(date);
  const parts = format.formatToParts(date);
  const endOfTime = parts.findLastIndex((part) => part.type === 'minute' || part.type === 'dayPeriod');
  return parts.map((part, i) => (i === endOfTime ? `${part.value} UTC` : part.value)).join('');
}

/** A time of day in `timeZone`, for a page that says the day and the zone already (a schedule's slots). */
export function formatTime(locale: Locale, value: string | Date, timeZone: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(`t:${locale}:${timeZone}`, () =>
    Intl.DateTimeFormat(intlTags[locale], { timeStyle: 'short', timeZone }),
  ).format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  return formatter(`n:${locale}`, () => Intl.NumberFormat(intlTags[locale])).format(value);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return formatter(`p:${locale}`, () =>
    // One decimal always, so that a column's figures line up (60.3 %, 61.0 %).
    Intl.NumberFormat(intlTags[locale], {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }),
  ).format(ratio);
}

/** An amount in minor units (as the API holds money), in its currency, e.g. `30 000,00 ₽`. */
export function formatMoney(locale: Locale, money: { amount: number; currency: Currency }): string {
  const digits = currencyMinorDigits[money.currency];
  return formatter(`m:${locale}:${money.currency}`, () =>
    Intl.NumberFormat(intlTags[locale], {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }),
  ).format(money.amount / 10 ** digits);
}
