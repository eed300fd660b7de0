import { describe, expect, it } from 'vitest';
import { convert, defaultRateTable, MissingExchangeRateError } from '../../shared/domain/exchange-rates.ts';
import type { Money } from '../../shared/domain/money.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { buildTierReport, type ReportMoney } from '../../shared/reports/tier-report.ts';

const at = new Date('2026-03-01T00:00:00Z');
const rates = defaultRateTable;

/** A figure within a JSON number's exact range, as Money. */
function money(figure: ReportMoney | null): Money {
  if (figure?.amount == null) throw new Error(`not a Money amount: ${JSON.stringify(figure)}`);
  return { amount: figure.amount, currency: figure.currency };
}

describe('buildTierReport', () => {
  it('lists every tier in table order, with zeros where nobody is', () => {
    const report = buildTierReport(
      seedTierTable,
      [{ tier: 'medium', memberCount: 2, revenue: 200_000_000_000 }],
      {
        rates,
        at,
      },
    );
    expect(report.currency).toBe('RUB');
    expect(report.tiers.map((l) => [l.tier, l.memberCount, l.revenue.amount])).toEqual([
      ['micro', 0, 0],
      ['small', 0, 0],
      ['medium', 2, 200_000_000_000],
      ['large', 0, 0],
    ]);
    expect(report.tiers.every((l) => l.inTable && l.label)).toBe(true);
  });

  it('expects memberCount × annual dues per tier and totals the lines', () => {
    const report = buildTierReport(
      seedTierTable,
      [
        { tier: 'micro', memberCount: 3, revenue: 15_000_000_000 },
        { tier: 'small', memberCount: 2, revenue: 50_000_000_000 },
      ],
      { rates, at },
    );
    expect(report.tiers[0]!.duesExpected).toEqual({ amount: 9_000_000, currency: 'RUB' });
    expect(report.tiers[1]!.duesExpected).toEqual({ amount: 24_000_000, currency: 'RUB' });
    expect(report.totals).toEqual({
      memberCount: 5,
      revenue: { amount: 65_000_000_000, currency: 'RUB' },
      duesExpected: { amount: 33_000_000, currency: 'RUB' },
      beyondSafeInteger: false,
    });
  });

  it('shows and flags lines of tiers the table no longer has, and leaves out empty leftovers', () => {
    const report = buildTierReport(
      seedTierTable,
      [
        { tier: 'small', memberCount: 1, revenue: 20_000_000_000 },
        { tier: 'tiny', memberCount: 4, revenue: 1_000_000_000 },
        { tier: 'gone', memberCount: 0, revenue: 0 },
      ],
      { rates, at },
    );
    const leftover = report.tiers.at(-1)!;
    expect(report.tiers).toHaveLength(5);
    expect(leftover).toEqual({
      tier: 'tiny',
      label: null,
      inTable: false,
      memberCount: 4,
      revenue: { amount: 1_000_000_000, currency: 'RUB' },
      duesExpected: null,
      beyondSafeInteger: false,
    });
    expect(report.totals.memberCount).toBe(5);
    expect(report.totals.revenue.amount).toBe(21_000_000_000);
  });

  it('converts each line at the rates in force and totals exactly what it shows', () => {
    const aggregates = [
      { tier: 'micro', memberCount: 7, revenue: 33_333_333_333 },
      { tier: 'small', memberCount: 3, revenue: 99_999_999_999 },
      { tier: 'large', memberCount: 1, revenue: 500_000_000_001 },
    ];
    const report = buildTierReport(seedTierTable, aggregates, { rates, at, currency: 'USD' });
    const rub = buildTierReport(seedTierTable, aggregates, { rates, at });
    expect(report.currency).toBe('USD');
    report.tiers.forEach((line, i) => {
      expect(line.revenue).toEqual(convert(money(rub.tiers[i]!.revenue), 'USD', rates, at));
      expect(line.duesExpected).toEqual(convert(money(rub.tiers[i]!.duesExpected), 'USD', rates, at));
    });
    const sum = (pick: (l: (typeof report.tiers)[number]) => ReportMoney | null) =>
      report.tiers.reduce((total, l) => total + money(pick(l)).amount, 0);
    expect(report.totals.revenue).toEqual({ amount: sum((l) => l.revenue), currency: 'USD' });
    expect(report.totals.duesExpected).toEqual({ amount: sum((l) => l.duesExpected), currency: 'USD' });
  });

  it('refuses a currency without a rate in force', () => {
    expect(() =>
      buildTierReport(seedTierTable, [], { rates, at: new Date('2025-06-01T00:00:00Z'), currency: 'USD' }),
    ).toThrow(MissingExchangeRateError);
  });

  it('sums lines as BigInt and gives a figure beyond 2^53 − 1 exactly, flagged, instead of failing', () => {
    // Ten members at the 10^15 bound: each fits a JSON number, their line does not.
    const line = 10n * 10n ** 15n + 3n;
    const report = buildTierReport(
      seedTierTable,
      [
        { tier: 'large', memberCount: 10, revenue: line },
        { tier: 'small', memberCount: 1, revenue: 20_000_000_000 },
      ],
      { rates, at },
    );
    expect(report.tiers[3]).toMatchObject({
      tier: 'large',
      revenue: { amount: null, exactAmount: String(line), currency: 'RUB' },
      duesExpected: { amount: 900_000_000, currency: 'RUB' },
      beyondSafeInteger: true,
    });
    expect(report.tiers[1]).toMatchObject({ revenue: { amount: 20_000_000_000 }, beyondSafeInteger: false });
    expect(report.totals).toEqual({
      memberCount: 11,
      revenue: { amount: null, exactAmount: String(line + 20_000_000_000n), currency: 'RUB' },
      duesExpected: { amount: 912_000_000, currency: 'RUB' },
      beyondSafeInteger: true,
    });
    // Nine members at the bound fit in roubles but not in dong, where the line is 2.7 times larger
    // (a kopeck is 1/0.37 dong); the conversion is exact all the same.
    const inVnd = buildTierReport(
      seedTierTable,
      [{ tier: 'large', memberCount: 9, revenue: 9n * 10n ** 15n }],
      {
        rates,
        at,
        currency: 'VND',
      },
    );
    expect(inVnd.tiers[3]!.revenue).toEqual({
      amount: null,
      exactAmount: '24324324324324324',
      currency: 'VND',
    });
  });
});
