import { z } from '@hono/zod-openapi';
import { type FieldReason, ruleReason } from './issue-rules.ts';
import { onFirstUse } from './schema-on-first-use.ts';

/**
 * Money is an integer count of a currency's minor units (kopecks, cents, dong) with its ISO 4217 code.
 * Floats never touch an amount: a float cannot hold every kopeck of a 3,000-member association's
 * combined revenue, and rounding drift would make reports disagree with the records they sum.
 */

/** Members' revenues, and the values of partnership leads across Southeast Asia. */
export const currencies = ['RUB', 'USD', 'VND', 'EUR', 'CNY', 'THB', 'IDR', 'MYR', 'PHP', 'SGD'] as const;

export type Currency = (typeof currencies)[number];

/** ISO 4217 minor-unit exponent. VND has none in practice: the hào and xu are no longer in use. */
export const currencyMinorDigits: Readonly<Record<Currency, number>> = Object.freeze({
  RUB: 2,
  USD: 2,
  VND: 0,
  EUR: 2,
  CNY: 2,
  THB: 2,
  // ISO 4217 keeps the sen's two digits although no coin has been minted in it for decades.
  IDR: 2,
  MYR: 2,
  PHP: 2,
  SGD: 2,
});

export const currencySchema = onFirstUse(() =>
  z.enum(currencies).openapi({
    description: 'ISO 4217 currency code',
    example: 'RUB',
  }),
);

/** 10^digits as a BigInt, for exact scaling between major and minor units. */
export function minorUnitScale(currency: Currency): bigint {
  return 10n ** BigInt(currencyMinorDigits[currency]);
}

/**
 * The largest amount the API takes, in minor units of whichever currency it is in: 10^15, that is
 * 10 trillion roubles or dollars (10^15 dong for VND, which has no minor unit). Far beyond a member
 * company's annual revenue, and far enough below Number.MAX_SAFE_INTEGER (about 9 × 10^15) that JSON
 * numbers stay exact; sums of amounts (report lines) are added as BigInt and may go beyond it.
 */
export const maxMinorUnits = 10 ** 15;

export const moneySchema = onFirstUse(() =>
  z
    .strictObject({
      // The range is checked first and ends the checks when it fails: an amount beyond the safe
      // integers would otherwise be reported twice, by the bound and by int()'s own safe-integer range.
      amount: z
        .number()
        .min(0, { abort: true })
        .max(maxMinorUnits, { abort: true, message: `must be at most ${maxMinorUnits} minor units (10^15)` })
        .int()
        .openapi({
          description:
            "Integer count of the currency's minor units (e.g. kopecks for RUB), from 0 to 10^15 in every currency",
          format: 'int64',
        }),
      currency: currencySchema,
    })
    .openapi({
      description: 'An amount of money in minor units; 3000000 RUB is 30,000.00 RUB',
      example: { amount: 3_000_000, currency: 'RUB' },
    }),
);

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

/** Why a decimal amount is not one: in English, and by rule for the reader of another language. */
export interface AmountProblem {
  message: string;
  reason: FieldReason;
}

/**
 * An amount as people write it, as `whole` and `fraction` digits: spaces (no-break too) and `'` group
 * digits, and so do `.` or `,` where they cannot be the decimal mark. `25.000.000.000` and
 * `25,000,000,000` are one number, `1.500.000,50` and `1,500,000.50` another; a lone separator is the
 * decimal mark (`1,5` RUB), except before exactly three digits (`25.000` VND is twenty-five thousand;
 * `1,000` USD is refused as ambiguous). Undefined if it is no number.
 */
function amountParts(text: string, minorDigits: number): { whole: string; fraction: string } | undefined {
  const compact = text.replace(/[\s']/g, '');
  if (!/^[\d.,]+$/.test(compact)) return undefined;
  const marks = compact.replace(/\d/g, '');
  // A lone mark before exactly three digits is grouping where the currency has no minor unit, and
  // could be either where it has one or two (`1,000` USD, `2.500` RUB): refused, never read as 1.00.
  const lone = marks.length === 1 && /[.,]\d{3}$/.test(compact);
  if (lone && minorDigits > 0 && minorDigits < 3) return undefined;
  // The first mark groups when there are several or it is that lone one; the last is the decimal mark
  // unless every mark groups (one mark repeated throughout).
  const grouping = lone || (marks.length > 1 && /^(.)\1*$/.test(marks));
  const groupMark = grouping || marks.length > 1 ? marks[0] : undefined;
  const decimalMark = grouping ? undefined : marks.at(-1);
  const whole = groupMark ? `\\d{1,3}(?:\\${groupMark}\\d{3})+` : '\\d+';
  const match = new RegExp(`^(${whole})${decimalMark ? `\\${decimalMark}(\\d+)` : ''}$`).exec(compact);
  const digits = match?.[1]?.replace(/[.,]/g, '');
  const fraction = match?.[2] ?? '';
  if (!digits || digits.length > 20 || fraction.length > 20) return undefined;
  return { whole: digits, fraction };
}

/**
 * A decimal amount in major units as an integer count of minor units, exactly: "450000000.00" RUB is
 * 45000000000, and so are "450 000 000,00" and "450.000.000,00" (amountParts). Returns the problem
 * otherwise.
 */
export function parseMajorUnits(text: string, currency: Currency): number | AmountProblem {
  const digits = currencyMinorDigits[currency];
  const parts = amountParts(text, digits);
  const example = digits === 0 ? '1500000' : `1500000.${'0'.repeat(digits)}`;
  if (!parts) {
    return {
      message: `Must be a non-negative decimal amount in ${currency}, such as ${example}.`,
      reason: ruleReason('amountFormat', { currency, example }),
    };
  }
  const { whole, fraction } = parts;
  // Trailing zeros beyond the currency's minor unit are harmless ("1000.00" VND); other digits would be lost.
  if (fraction.slice(digits).replace(/0/g, '') !== '') {
    return digits === 0
      ? {
          message: `${currency} has no minor unit; give a whole amount.`,
          reason: ruleReason('noMinorUnit', { currency }),
        }
      : {
          message: `${currency} has ${digits} decimal places; give at most that many.`,
          reason: ruleReason('minorDigits', { currency, digits }),
        };
  }
  const minor =
    BigInt(whole) * minorUnitScale(currency) + BigInt(fraction.slice(0, digits).padEnd(digits, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { message: 'The amount is too large.', reason: ruleReason('amountTooLarge') };
  }
  return Number(minor);
}

/** An integer count of minor units as the decimal the file shows: 45000000000 RUB is "450000000.00". */
export function formatMajorUnits(amount: number, currency: Currency): string {
  const scale = minorUnitScale(currency);
  const minor = BigInt(amount);
  const digits = currencyMinorDigits[currency];
  const whole = (minor / scale).toString();
  return digits === 0 ? whole : `${whole}.${(minor % scale).toString().padStart(digits, '0')}`;
}
