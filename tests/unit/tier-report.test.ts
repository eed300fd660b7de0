import { describe, expect, it } from 'vitest';
import { convert, defaultRateTable, MissingExchangeRateError } from '../../shared/domain/exchange-rates.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { buildTierReport } from '../../shared/reports/tier-report.ts';

const at = new Date('2026-03-01T00:00:00Z');
const rates = defaultRateTable;

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
      expect(line.revenue).toEqual(convert(rub.tiers[i]!.revenue, 'USD', rates, at));
      expect(line.duesExpected).toEqual(convert(rub.tiers[i]!.duesExpected!, 'USD', rates, at));
    });
    const sum = (pick: (l: (typeof report.tiers)[number]) => number) =>
      report.tiers.reduce((total, l) => total + pick(l), 0);
    expect(report.totals.revenue).toEqual({ amount: sum((l) => l.revenue.amount), currency: 'USD' });
    expect(report.totals.duesExpected).toEqual({
      amount: sum((l) => l.duesExpected!.amount),
      currency: 'USD',
    });
  });

  it('refuses a currency without a rate in force', () => {
    expect(() =>
      buildTierReport(seedTierTable, [], { rates, at: new Date('2025-06-01T00:00:00Z'), currency: 'USD' }),
    ).toThrow(MissingExchangeRateError);
  });

  it('refuses figures that no longer fit a Money amount instead of rounding them', () => {
    expect(() =>
      buildTierReport(seedTierTable, [{ tier: 'large', memberCount: 1, revenue: Number.MAX_SAFE_INTEGER }], {
        rates,
        at,
        currency: 'VND',
      }),
    ).toThrow(RangeError);
  });
});
