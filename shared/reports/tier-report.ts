import { convertMinorUnits, type RateTable } from '../domain/exchange-rates.ts';
import type { Currency } from '../domain/money.ts';
import type { TierLabels, TierTable } from '../domain/tiers.ts';

/**
 * One aggregate item: what the member writes have added up for a tier, in the tier currency. Revenue
 * is a bigint where it is beyond Number.MAX_SAFE_INTEGER, so it is never rounded on the way here.
 */
export interface TierAggregate {
  tier: string;
  memberCount: number;
  revenue: number | bigint;
}

/**
 * A figure of the report. Lines add up members' revenues, each at most 10^15 minor units, so a line
 * can pass Number.MAX_SAFE_INTEGER, where a JSON number stops being exact: such a figure has a null
 * `amount` and its exact value as a decimal string in `exactAmount`, rather than a rounded number.
 */
export type ReportMoney =
  | { amount: number; currency: Currency }
  | { amount: null; exactAmount: string; currency: Currency };

export interface TierReportLine {
  tier: string;
  /** The tier's label, or null for a tier no longer in the table. */
  label: string | null;
  /** Its label in other languages, where the table gives them. */
  labels?: TierLabels;
  /** False for members still counted under a tier the current table no longer has (a re-tier job is due or running). */
  inTable: boolean;
  memberCount: number;
  revenue: ReportMoney;
  /** memberCount × the tier's annual dues; null for a tier no longer in the table (it has no dues). */
  duesExpected: ReportMoney | null;
  /** True when a figure of this line is beyond Number.MAX_SAFE_INTEGER (given by `exactAmount`). */
  beyondSafeInteger: boolean;
}

export interface TierReport {
  currency: Currency;
  tiers: TierReportLine[];
  totals: {
    memberCount: number;
    revenue: ReportMoney;
    duesExpected: ReportMoney;
    beyondSafeInteger: boolean;
  };
}

export function reportMoney(amount: bigint, currency: Currency): ReportMoney {
  return amount <= BigInt(Number.MAX_SAFE_INTEGER)
    ? { amount: Number(amount), currency }
    : { amount: null, exactAmount: amount.toString(), currency };
}

const beyond = (...figures: (ReportMoney | null)[]) => figures.some((f) => f?.amount === null);

/** A line before its figures are put in JSON terms. */
interface ExactLine extends Pick<TierReportLine, 'tier' | 'label' | 'labels' | 'inTable' | 'memberCount'> {
  revenue: bigint;
  dues: bigint | null;
}

/**
 * The tier report from the aggregate items: every tier of the table in table order (a tier nobody is
 * in shows zeros), then any aggregate lines of tiers the table no longer has, flagged. Figures are in
 * the table currency, or converted to `currency` at the rates in force at `at`. Each line is converted
 * on its own and the totals add up the lines, all in BigInt, so the report always sums exactly,
 * whatever the size of a figure. Throws MissingExchangeRateError when `currency` has no rate in force.
 */
export function buildTierReport(
  table: TierTable,
  aggregates: readonly TierAggregate[],
  options: { rates: RateTable; at: Date; currency?: Currency },
): TierReport {
  const currency = options.currency ?? table.currency;
  const inCurrency = (amount: bigint) =>
    convertMinorUnits(amount, table.currency, currency, options.rates, options.at);
  const byTier = new Map(aggregates.map((a) => [a.tier, a]));
  const known = new Set(table.tiers.map((t) => t.name));

  const exact: ExactLine[] = [
    ...table.tiers.map((tier) => {
      const aggregate = byTier.get(tier.name);
      const memberCount = aggregate?.memberCount ?? 0;
      return {
        tier: tier.name,
        label: tier.label,
        ...(tier.labels ? { labels: tier.labels } : {}),
        inTable: true,
        memberCount,
        revenue: inCurrency(BigInt(aggregate?.revenue ?? 0)),
        dues: inCurrency(BigInt(memberCount) * BigInt(tier.annualDues.amount)),
      };
    }),
    ...aggregates
      .filter((a) => !known.has(a.tier) && (a.memberCount !== 0 || BigInt(a.revenue) !== 0n))
      .sort((a, b) => a.tier.localeCompare(b.tier))
      .map((a) => ({
        tier: a.tier,
        label: null,
        inTable: false,
        memberCount: a.memberCount,
        revenue: inCurrency(BigInt(a.revenue)),
        dues: null,
      })),
  ];

  const tiers = exact.map(({ revenue, dues, ...line }): TierReportLine => {
    const shown = {
      revenue: reportMoney(revenue, currency),
      duesExpected: dues === null ? null : reportMoney(dues, currency),
    };
    return { ...line, ...shown, beyondSafeInteger: beyond(shown.revenue, shown.duesExpected) };
  });
  const revenue = reportMoney(
    exact.reduce((sum, line) => sum + line.revenue, 0n),
    currency,
  );
  const duesExpected = reportMoney(
    exact.reduce((sum, line) => sum + (line.dues ?? 0n), 0n),
    currency,
  );
  return {
    currency,
    tiers,
    totals: {
      memberCount: exact.reduce((sum, line) => sum + line.memberCount, 0),
      revenue,
      duesExpected,
      beyondSafeInteger: beyond(revenue, duesExpected),
    },
  };
}
