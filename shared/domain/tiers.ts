import { z } from '@hono/zod-openapi';
import { deepFreeze } from './deep-freeze.ts';
import { convert, type RateTable } from './exchange-rates.ts';
import { CurrencyMismatchError, currencySchema, type Money, moneySchema } from './money.ts';
import { onFirstUse } from './schema-on-first-use.ts';

/**
 * Revenue tiers decide a member's dues. A tier table partitions [0, ∞) of annual revenue, in the
 * table's currency, into half-open bands [lowerBound, upperBound): lower bound inclusive, upper
 * exclusive. Because the bands must be contiguous from 0 and end open-ended, every revenue falls in
 * exactly one tier, which is what lets a re-tiering batch job and the reports trust the table blindly.
 *
 * Annual dues must be in the table currency. Dues feed "dues expected" reports that simply add up
 * per tier; a mixed-currency table would force those sums through exchange rates and make last
 * year's report change whenever a rate is corrected. Invoicing in another currency is billing's job.
 */

const tierNamePattern = /^[a-z][a-z0-9-]{1,31}$/;

/** Where members without verified revenue are listed; no tier of a table may take this name. */
export const unassessedTier = 'unassessed';

/** A tier's name: a slug, so it can sit in a key or a query string as it is (no `#`, no spaces). */
export const tierNameSchema = onFirstUse(() =>
  z
    .string()
    .regex(tierNamePattern, 'must be a slug: a lowercase letter, then 1-31 lowercase letters, digits or "-"')
    // The pattern already bounds the length; the document states it.
    .openapi({ maxLength: 32 }),
);

const tableTierNameSchema = onFirstUse(() =>
  tierNameSchema.refine((name) => name !== unassessedTier, {
    message: `"${unassessedTier}" is reserved for members without verified revenue`,
  }),
);

// As in moneySchema: z.int() enforces the safe-integer cap, the metadata only documents it.
const minorUnitsSchema = onFirstUse(() =>
  z.int().min(0).openapi({ maximum: Number.MAX_SAFE_INTEGER, format: 'int64' }),
);

const tierLabelSchema = onFirstUse(() => z.string().trim().min(1).max(100));

/** A tier's label in the console's languages, where the association gives it in more than one. */
export const tierLabelsSchema = onFirstUse(() =>
  z
    .strictObject({
      ru: tierLabelSchema.optional(),
      vi: tierLabelSchema.optional(),
      en: tierLabelSchema.optional(),
    })
    .openapi('TierLabels', {
      description: 'The label in each language staff may read it in; `label` where one is missing.',
      example: { ru: 'Малое предприятие', vi: 'Doanh nghiệp nhỏ' },
    }),
);
export type TierLabels = z.infer<typeof tierLabelsSchema>;

export const tierSchema = onFirstUse(() =>
  z
    .strictObject({
      name: tableTierNameSchema.openapi({
        description: 'Stable identifier; members and segments refer to it',
        example: 'small',
      }),
      label: tierLabelSchema.openapi({ example: 'Small enterprise' }),
      labels: tierLabelsSchema.optional(),
      lowerBound: minorUnitsSchema.openapi({
        description: 'Lowest annual revenue in this tier (inclusive), minor units of the table currency',
        example: 12_000_000_000,
      }),
      upperBound: minorUnitsSchema.nullable().openapi({
        description: 'Revenue from which the next tier starts (exclusive); null means no upper limit',
        example: 80_000_000_000,
      }),
      annualDues: moneySchema,
    })
    .refine((tier) => tier.upperBound === null || tier.upperBound > tier.lowerBound, {
      path: ['upperBound'],
      message: 'must be greater than lowerBound (or null for the open-ended last tier)',
    }),
);

export type Tier = z.infer<typeof tierSchema>;

export const tierTableSchema = onFirstUse(() =>
  z
    .strictObject({
      currency: currencySchema,
      tiers: z.array(tierSchema).min(1).max(50),
    })
    .superRefine((table, ctx) => {
      const { tiers } = table;
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path: ['tiers', ...path], message });

      const names = new Map<string, number>();
      tiers.forEach((tier, index) => {
        const first = names.get(tier.name);
        if (first === undefined) names.set(tier.name, index);
        else issue([index, 'name'], `duplicate tier name "${tier.name}" (already at tiers[${first}])`);

        if (tier.annualDues.currency !== table.currency) {
          issue([index, 'annualDues', 'currency'], `must be the table currency ${table.currency}`);
        }

        if (index === 0) {
          // A negative bound has already failed min(0); saying it twice would only add noise.
          if (tier.lowerBound > 0) issue([0, 'lowerBound'], 'the first tier must start at 0');
          return;
        }
        const previous = tiers[index - 1]!;
        const outOfOrder = tier.lowerBound < previous.lowerBound;
        if (outOfOrder) {
          issue(
            [index, 'lowerBound'],
            `tiers must be listed in ascending order: must not be below the previous tier's lowerBound ${previous.lowerBound}`,
          );
        }
        if (previous.upperBound === null) {
          issue([index - 1, 'upperBound'], 'only the last tier may have no upper limit (null)');
        } else if (!outOfOrder && tier.lowerBound < previous.upperBound) {
          issue(
            [index, 'lowerBound'],
            `overlaps the previous tier, which runs up to ${previous.upperBound} (exclusive); must equal it`,
          );
        } else if (!outOfOrder && tier.lowerBound > previous.upperBound) {
          issue(
            [index, 'lowerBound'],
            `leaves a gap after the previous tier, which ends at ${previous.upperBound}; must equal it`,
          );
        }
      });

      const lastIndex = tiers.length - 1;
      const last = tiers[lastIndex];
      if (last !== undefined && last.upperBound !== null) {
        issue([lastIndex, 'upperBound'], 'the last tier must have no upper limit (null)');
      }
    })
    .openapi({
      example: {
        currency: 'RUB',
        tiers: [
          {
            name: 'micro',
            label: 'Micro enterprise',
            labels: { ru: 'Микропредприятие', vi: 'Doanh nghiệp siêu nhỏ' },
            lowerBound: 0,
            upperBound: 12_000_000_000,
            annualDues: { amount: 3_000_000, currency: 'RUB' },
          },
          {
            name: 'small',
            label: 'Small enterprise and above',
            lowerBound: 12_000_000_000,
            upperBound: null,
            annualDues: { amount: 12_000_000, currency: 'RUB' },
          },
        ],
      },
    }),
);

export type TierTable = z.infer<typeof tierTableSchema>;

/**
 * The single tier whose [lowerBound, upperBound) contains the revenue. The table must have passed
 * tierTableSchema; an unvalidated table with a gap makes this throw rather than guess.
 */
export function computeTier(table: TierTable, revenueInTableCurrency: Money): Tier {
  if (revenueInTableCurrency.currency !== table.currency) {
    throw new CurrencyMismatchError(table.currency, revenueInTableCurrency.currency);
  }
  const amount = revenueInTableCurrency.amount;
  const tier = table.tiers.find(
    (candidate) =>
      candidate.lowerBound <= amount && (candidate.upperBound === null || amount < candidate.upperBound),
  );
  if (tier === undefined) {
    throw new RangeError(
      `no tier covers ${amount} ${table.currency}; validate the table with tierTableSchema`,
    );
  }
  return tier;
}

/**
 * Converts revenue into the table currency at the rates in force at `at`, then picks the tier; returns
 * both, since a member keeps the converted amount beside its tier. The tier follows the converted
 * amount after rounding to the table currency's minor unit, so revenue within half a kopeck below a
 * bound lands in the upper tier. Throws MissingExchangeRateError when a needed rate is not in force at
 * `at`, and RangeError when the converted amount is beyond a Money amount.
 */
export function tierForRevenue(
  tierTable: TierTable,
  rateTable: RateTable,
  revenue: Money,
  at: Date,
): { tier: Tier; tierRevenue: Money } {
  const tierRevenue = convert(revenue, tierTable.currency, rateTable, at);
  return { tier: computeTier(tierTable, tierRevenue), tierRevenue };
}

const MILLION_RUB = 100_000_000; // in kopecks

/**
 * Seed tiers modelled on Russia's SME revenue ceilings (Government Decree No. 265 of 4 April 2016 under
 * Federal Law 209-FZ): micro up to 120 million RUB a year, small up to 800 million, medium up to
 * 2 billion, large above. The decree's ceilings are inclusive ("does not exceed"); here bounds are
 * half-open, so exactly 120,000,000.00 RUB is `small`, one kopeck off the statute by design. The dues
 * are DEMO FIGURES, not any association's real price list. Frozen: it is a shared module-level value.
 * Not parsed here, which every cold start would pay for: tests/unit/seed-tables.test.ts checks it
 * against tierTableSchema.
 */
export const seedTierTable: TierTable = deepFreeze({
  currency: 'RUB',
  tiers: [
    {
      name: 'micro',
      label: 'Micro enterprise',
      labels: { ru: 'Микропредприятие', vi: 'Doanh nghiệp siêu nhỏ' },
      lowerBound: 0,
      upperBound: 120 * MILLION_RUB,
      annualDues: { amount: 3_000_000, currency: 'RUB' },
    },
    {
      name: 'small',
      label: 'Small enterprise',
      labels: { ru: 'Малое предприятие', vi: 'Doanh nghiệp nhỏ' },
      lowerBound: 120 * MILLION_RUB,
      upperBound: 800 * MILLION_RUB,
      annualDues: { amount: 12_000_000, currency: 'RUB' },
    },
    {
      name: 'medium',
      label: 'Medium enterprise',
      labels: { ru: 'Среднее предприятие', vi: 'Doanh nghiệp vừa' },
      lowerBound: 800 * MILLION_RUB,
      upperBound: 2_000 * MILLION_RUB,
      annualDues: { amount: 35_000_000, currency: 'RUB' },
    },
    {
      name: 'large',
      label: 'Large enterprise',
      labels: { ru: 'Крупное предприятие', vi: 'Doanh nghiệp lớn' },
      lowerBound: 2_000 * MILLION_RUB,
      upperBound: null,
      annualDues: { amount: 90_000_000, currency: 'RUB' },
    },
  ],
});
