import { z } from '@hono/zod-openapi';
import { deepFreeze } from './deep-freeze.ts';
import { type Currency, currencySchema, type Money, minorUnitScale } from './money.ts';
import { onFirstUse } from './schema-on-first-use.ts';

/**
 * Admin-maintained, dated exchange rates. Every rate is quoted against one base currency, so a table
 * with n currencies needs n-1 figures rather than n² cross rates that could contradict each other.
 * Rates are decimal strings, never floats: "0.0037" must stay exactly 37/10000.
 */

/** Rates carry at most this many decimals; conversion scales every rate by 10^6 to work in integers. */
const RATE_DECIMALS = 6;
const RATE_SCALE = 10n ** BigInt(RATE_DECIMALS);

// Twelve integer digits is far beyond any real quote and keeps a typo from becoming a 1e300 rate.
const perUnitPattern = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/;

/** perUnit as an integer count of 10^-6 base units; the pattern has already vetted the shape. */
function scaledPerUnit(perUnit: string): bigint {
  const [whole = '0', fraction = ''] = perUnit.split('.');
  return BigInt(whole) * RATE_SCALE + BigInt(fraction.padEnd(RATE_DECIMALS, '0'));
}

export const exchangeRateSchema = onFirstUse(() =>
  z
    .strictObject({
      currency: currencySchema,
      perUnit: z
        .string()
        .max(40)
        .regex(perUnitPattern, 'must be a positive decimal with at most 6 decimal places, like "92.4512"')
        // Zod still runs this after a failed regex; BigInt() would throw on such input, and the regex
        // has already reported it.
        .refine((value) => !perUnitPattern.test(value) || scaledPerUnit(value) > 0n, 'must be greater than 0')
        .openapi({
          description: 'How many units of the base currency one unit of `currency` buys (decimal string)',
          example: '92.4512',
        }),
      // An ISO date is 10 characters by its format; the document states it.
      validFrom: z.iso.date().openapi({
        maxLength: 10,
        description: 'First day (UTC) on which this rate applies; it applies until a later rate takes over',
        example: '2026-01-01',
      }),
    })
    .openapi({ example: { currency: 'USD', perUnit: '92.4512', validFrom: '2026-01-01' } }),
);

export type ExchangeRate = z.infer<typeof exchangeRateSchema>;

export const rateTableSchema = onFirstUse(() =>
  z
    .strictObject({
      base: currencySchema,
      rates: z.array(exchangeRateSchema).max(1000),
    })
    .superRefine((table, ctx) => {
      const seen = new Map<string, number>();
      table.rates.forEach((rate, index) => {
        if (rate.currency === table.base) {
          ctx.addIssue({
            code: 'custom',
            path: ['rates', index, 'currency'],
            message: `the base currency ${table.base} is 1 by definition and must not be listed`,
          });
        }
        const key = `${rate.currency}@${rate.validFrom}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, index);
        } else {
          // Two rates for the same day would make the rate in force depend on list order.
          ctx.addIssue({
            code: 'custom',
            path: ['rates', index, 'validFrom'],
            message: `duplicate ${rate.currency} rate from ${rate.validFrom} (already at rates[${first}])`,
          });
        }
      });
    })
    .openapi({
      example: {
        base: 'RUB',
        rates: [
          { currency: 'USD', perUnit: '92.5', validFrom: '2026-01-01' },
          { currency: 'VND', perUnit: '0.0037', validFrom: '2026-01-01' },
        ],
      },
    }),
);

export type RateTable = z.infer<typeof rateTableSchema>;

export class MissingExchangeRateError extends Error {
  override readonly name = 'MissingExchangeRateError';
  readonly currency: Currency;
  readonly base: Currency;
  /** The UTC day (YYYY-MM-DD) for which no rate was in force. */
  readonly day: string;

  constructor(currency: Currency, base: Currency, day: string) {
    super(`no ${currency} rate against ${base} is in force on ${day}`);
    this.currency = currency;
    this.base = base;
    this.day = day;
  }
}

/**
 * The UTC calendar day of an instant. Rates change at 00:00 UTC, so the answer never depends on the
 * server's time zone (Lambda runs in UTC, a developer's laptop may not).
 */
export function utcDay(at: Date): string {
  const year = at.getUTCFullYear();
  // Outside 0001..9999 toISOString grows a sign and extra digits and day strings stop sorting.
  if (Number.isNaN(at.getTime()) || year < 1 || year > 9999) {
    throw new RangeError(`not a usable date for an exchange rate: ${String(at)}`);
  }
  return at.toISOString().slice(0, 10);
}

/** The base currency's rate against itself, in force since the first day a day string can name. */
const baseRate = { perUnit: '1', validFrom: '0001-01-01' } as const;

/**
 * The rate for `currency` in force at `at`: the one with the latest `validFrom` on or before that UTC
 * day. The base currency is always in force at exactly 1 and gets a synthetic rate with validFrom
 * '0001-01-01'. Throws MissingExchangeRateError when every listed rate starts later (or none exists).
 */
export function rateInForce(table: RateTable, currency: Currency, at: Date): ExchangeRate {
  const day = utcDay(at);
  if (currency === table.base) return { ...baseRate, currency };
  let best: ExchangeRate | undefined;
  for (const rate of table.rates) {
    // YYYY-MM-DD strings with four-digit years sort chronologically, so string comparison suffices.
    if (rate.currency !== currency || rate.validFrom > day) continue;
    if (best === undefined || rate.validFrom >= best.validFrom) best = rate;
  }
  if (best === undefined) throw new MissingExchangeRateError(currency, table.base, day);
  return best;
}

/**
 * The first UTC day from which `table` has a rate for `currency`, or undefined when it has none. A rate
 * runs until a later one replaces it, so the currency converts on that day and on every day after it.
 */
export function firstRateDay(table: RateTable, currency: Currency): string | undefined {
  if (currency === table.base) return baseRate.validFrom;
  // YYYY-MM-DD strings sort chronologically.
  return table.rates
    .filter((rate) => rate.currency === currency)
    .map((rate) => rate.validFrom)
    .sort()[0];
}

/**
 * Converts an amount of minor units of `from` into minor units of `to` at the rates in force at `at`.
 *
 * The cross rate goes through the base currency as one exact fraction,
 *   result = amount · perUnit(from) · 10^digits(to) / (perUnit(to) · 10^digits(from)),
 * computed in BigInt and rounded once at the end, half-up (a result exactly halfway between two
 * minor units goes to the larger; amounts are never negative, so this is also half away from zero).
 * There is no intermediate rounding to base-currency minor units, so USD→EUR through RUB loses nothing
 * on the way. Any size goes in and out: sums such as report lines may exceed what a Money amount holds.
 *
 * Throws MissingExchangeRateError if either side lacks a rate at `at`.
 */
export function convertMinorUnits(
  amount: bigint,
  from: Currency,
  to: Currency,
  table: RateTable,
  at: Date,
): bigint {
  if (from === to) return amount;
  if (amount < 0n) throw new RangeError(`not a valid amount of minor units: ${amount}`);
  const fromRate = scaledPerUnit(rateInForce(table, from, at).perUnit);
  const toRate = scaledPerUnit(rateInForce(table, to, at).perUnit);
  const numerator = amount * fromRate * minorUnitScale(to);
  const denominator = toRate * minorUnitScale(from);
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Converts `money` into `toCurrency` at the rates in force at `at` (see convertMinorUnits). The same
 * currency returns the input object untouched, without needing any rate.
 *
 * Throws MissingExchangeRateError if either side lacks a rate at `at`, and RangeError if the result
 * does not fit a JSON number exactly (above Number.MAX_SAFE_INTEGER minor units).
 */
export function convert(money: Money, toCurrency: Currency, table: RateTable, at: Date): Money {
  if (money.currency === toCurrency) return money;
  if (!Number.isSafeInteger(money.amount) || money.amount < 0) {
    throw new RangeError(`not a valid amount of minor units: ${money.amount}`);
  }
  const rounded = convertMinorUnits(BigInt(money.amount), money.currency, toCurrency, table, at);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `${money.amount} ${money.currency} is ${rounded} ${toCurrency} minor units, beyond Number.MAX_SAFE_INTEGER`,
    );
  }
  return { amount: Number(rounded), currency: toCurrency };
}

/**
 * Seed rates for a fresh installation and for tests. These are DEMO FIGURES, round numbers near early
 * 2026 market levels, not official Bank of Russia rates; an admin replaces them before real use.
 * Frozen because it is a shared module-level value: a caller that mutated it would change every
 * later conversion in the process. Not parsed here, which every cold start would pay for:
 * tests/unit/seed-tables.test.ts checks it against rateTableSchema.
 */
export const defaultRateTable: RateTable = deepFreeze({
  base: 'RUB',
  rates: [
    { currency: 'USD', perUnit: '92.5', validFrom: '2026-01-01' },
    { currency: 'EUR', perUnit: '100.2', validFrom: '2026-01-01' },
    { currency: 'CNY', perUnit: '12.75', validFrom: '2026-01-01' },
    { currency: 'VND', perUnit: '0.0037', validFrom: '2026-01-01' },
    { currency: 'THB', perUnit: '2.65', validFrom: '2026-01-01' },
    { currency: 'IDR', perUnit: '0.0057', validFrom: '2026-01-01' },
    { currency: 'MYR', perUnit: '20.5', validFrom: '2026-01-01' },
    { currency: 'PHP', perUnit: '1.6', validFrom: '2026-01-01' },
    { currency: 'SGD', perUnit: '70.5', validFrom: '2026-01-01' },
  ],
});
