import { convert, type RateTable } from '../domain/exchange-rates.ts';
import type { Currency, Money } from '../domain/money.ts';
import type { TierTable } from '../domain/tiers.ts';

/**
 * One aggregate item: what the member writes have added up for a tier, in the tier currency. Revenue
 * is a bigint where it is beyond Number.MAX_SAFE_INTEGER, so it is never rounded on the way here.
 */
export interface TierAggregate {
  tier: string;
  memberCount: number;
  revenue: number | bigint;
}

export interface TierReportLine {
  tier: string;
  /** The tier's label, or null for a tier no longer in the table. */
  label: string | null;
  /** False for members still counted under a tier the current table no longer has (a re-tier job is due or running). */
  inTable: boolean;
  memberCount: number;
  revenue: Money;
  /** memberCount × the tier's annual dues; null for a tier no longer in the table (it has no dues). */
  duesExpected: Money | null;
}

export interface TierReport {
  currency: Currency;
  tiers: TierReportLine[];
  totals: { memberCount: number; revenue: Money; duesExpected: Money };
}

/** A figure of the report that no Money amount can hold; `figure` names it (`totals.revenue`). */
export class ReportFigureRangeError extends RangeError {
  override readonly name = 'ReportFigureRangeError';
  constructor(
    readonly figure: string,
    amount: bigint,
    currency: Currency,
  ) {
    super(`${amount} ${currency} minor units is outside what a Money amount can hold`);
  }
}

function safeAmount(amount: bigint, currency: Currency, figure: string): number {
  if (amount < 0n || amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ReportFigureRangeError(figure, amount, currency);
  }
  return Number(amount);
}

/**
 * The tier report from the aggregate items: every tier of the table in table order (a tier nobody is
 * in shows zeros), then any aggregate lines of tiers the table no longer has, flagged. Figures are in
 * the table currency, or converted to `currency` at the rates in force at `at`. Each line is converted
 * on its own and the totals add up the lines as shown, so the report always sums exactly.
 */
export function buildTierReport(
  table: TierTable,
  aggregates: readonly TierAggregate[],
  options: { rates: RateTable; at: Date; currency?: Currency },
): TierReport {
  const currency = options.currency ?? table.currency;
  const inCurrency = (amount: bigint, figure: string): Money =>
    convert(
      { amount: safeAmount(amount, table.currency, figure), currency: table.currency },
      currency,
      options.rates,
      options.at,
    );
  const byTier = new Map(aggregates.map((a) => [a.tier, a]));

  const lines: TierReportLine[] = table.tiers.map((tier) => {
    const aggregate = byTier.get(tier.name);
    const memberCount = aggregate?.memberCount ?? 0;
    return {
      tier: tier.name,
      label: tier.label,
      inTable: true,
      memberCount,
      revenue: inCurrency(BigInt(aggregate?.revenue ?? 0), `tiers.${tier.name}.revenue`),
      duesExpected: inCurrency(
        BigInt(memberCount) * BigInt(tier.annualDues.amount),
        `tiers.${tier.name}.duesExpected`,
      ),
    };
  });
  const known = new Set(table.tiers.map((t) => t.name));
  const leftovers = aggregates
    .filter((a) => !known.has(a.tier) && (a.memberCount !== 0 || BigInt(a.revenue) !== 0n))
    .sort((a, b) => a.tier.localeCompare(b.tier));
  for (const aggregate of leftovers) {
    lines.push({
      tier: aggregate.tier,
      label: null,
      inTable: false,
      memberCount: aggregate.memberCount,
      revenue: inCurrency(BigInt(aggregate.revenue), `tiers.${aggregate.tier}.revenue`),
      duesExpected: null,
    });
  }

  let revenue = 0n;
  let dues = 0n;
  let memberCount = 0;
  for (const line of lines) {
    memberCount += line.memberCount;
    revenue += BigInt(line.revenue.amount);
    if (line.duesExpected) dues += BigInt(line.duesExpected.amount);
  }
  return {
    currency,
    tiers: lines,
    totals: {
      memberCount,
      revenue: { amount: safeAmount(revenue, currency, 'totals.revenue'), currency },
      duesExpected: { amount: safeAmount(dues, currency, 'totals.duesExpected'), currency },
    },
  };
}
