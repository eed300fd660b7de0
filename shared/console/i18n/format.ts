import { type Currency, currencyMinorDigits } from '../../domain/money.ts';
import { intlTags, type Locale } from './locales.ts';

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

export function formatDate(locale: Locale, value: string | Date, timeZone = 'UTC'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(`d:${locale}:${timeZone}`, () =>
    Intl.DateTimeFormat(intlTags[locale], { dateStyle: 'medium', timeZone }),
  ).format(date);
}

export function formatDateTime(locale: Locale, value: string | Date, timeZone = 'UTC'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(`dt:${locale}:${timeZone}`, () =>
    Intl.DateTimeFormat(intlTags[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(date);
}

export function formatNumber(locale: Locale, value: number): string {
  return formatter(`n:${locale}`, () => Intl.NumberFormat(intlTags[locale])).format(value);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return formatter(`p:${locale}`, () =>
    Intl.NumberFormat(intlTags[locale], { style: 'percent', maximumFractionDigits: 1 }),
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
