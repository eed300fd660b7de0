import { z } from '@hono/zod-openapi';

/**
 * Money is an integer count of a currency's minor units (kopecks, cents, dong) with its ISO 4217 code.
 * Floats never touch an amount: a float cannot hold every kopeck of a 3,000-member association's
 * combined revenue, and rounding drift would make reports disagree with the records they sum.
 */

export const currencies = ['RUB', 'USD', 'VND', 'EUR', 'CNY'] as const;

export type Currency = (typeof currencies)[number];

/** ISO 4217 minor-unit exponent. VND has none in practice: the hào and xu are no longer in use. */
export const currencyMinorDigits: Readonly<Record<Currency, number>> = Object.freeze({
  RUB: 2,
  USD: 2,
  VND: 0,
  EUR: 2,
  CNY: 2,
});

export const currencySchema = z.enum(currencies).openapi({
  description: 'ISO 4217 currency code',
  example: 'RUB',
});

/** 10^digits as a BigInt, for exact scaling between major and minor units. */
export function minorUnitScale(currency: Currency): bigint {
  return 10n ** BigInt(currencyMinorDigits[currency]);
}

export const moneySchema = z
  .strictObject({
    // Beyond Number.MAX_SAFE_INTEGER a JSON number no longer identifies one exact count of kopecks.
    // z.int() already enforces that bound; a second .max() would report every overflow twice, so the
    // bound is only restated for the OpenAPI document, which does not infer it from z.int().
    amount: z.int().min(0).openapi({
      description: "Integer count of the currency's minor units (e.g. kopecks for RUB)",
      maximum: Number.MAX_SAFE_INTEGER,
      format: 'int64',
    }),
    currency: currencySchema,
  })
  .openapi({
    description: 'An amount of money in minor units; 3000000 RUB is 30,000.00 RUB',
    example: { amount: 3_000_000, currency: 'RUB' },
  });

export type Money = z.infer<typeof moneySchema>;

/** Thrown when two amounts (or an amount and a table) are combined across currencies by mistake. */
export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
  readonly expected: Currency;
  readonly actual: Currency;

  constructor(expected: Currency, actual: Currency) {
    super(`expected an amount in ${expected}, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}
