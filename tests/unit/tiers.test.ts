import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultRateTable,
  MissingExchangeRateError,
  rateTableSchema,
} from '../../shared/domain/exchange-rates.ts';
import { CurrencyMismatchError, type Money } from '../../shared/domain/money.ts';
import {
  computeTier,
  seedTierTable,
  type TierTable,
  tierForRevenue,
  tierSchema,
  tierTableSchema,
} from '../../shared/domain/tiers.ts';

const rub = (amount: number): Money => ({ amount, currency: 'RUB' });
const MILLION_RUB = 100_000_000;
const JAN_2026 = new Date('2026-01-15T00:00:00Z');

describe('seedTierTable', () => {
  it('is valid and frozen', () => {
    expect(tierTableSchema.parse(seedTierTable)).toEqual(seedTierTable);
    expect(seedTierTable.tiers.map((tier) => tier.name)).toEqual(['micro', 'small', 'medium', 'large']);
    expect(Object.isFrozen(seedTierTable.tiers[0]!.annualDues)).toBe(true);
  });

  it('charges the demo dues', () => {
    expect(seedTierTable.tiers.map((tier) => tier.annualDues)).toEqual([
      rub(3_000_000),
      rub(12_000_000),
      rub(35_000_000),
      rub(90_000_000),
    ]);
  });

  it.each([
    [0, 'micro'],
    [120 * MILLION_RUB - 1, 'micro'],
    [120 * MILLION_RUB, 'small'],
    [800 * MILLION_RUB - 1, 'small'],
    [800 * MILLION_RUB, 'medium'],
    [900 * MILLION_RUB, 'medium'],
    [2_000 * MILLION_RUB - 1, 'medium'],
    [2_000 * MILLION_RUB, 'large'],
    [4e14, 'large'],
    [Number.MAX_SAFE_INTEGER, 'large'],
  ])('puts %i kopecks in %s (lower bound inclusive, upper exclusive)', (amount, name) => {
    expect(computeTier(seedTierTable, rub(amount)).name).toBe(name);
  });
});

describe('computeTier', () => {
  it('refuses revenue in another currency', () => {
    expect(() => computeTier(seedTierTable, { amount: 1, currency: 'USD' })).toThrow(CurrencyMismatchError);
  });

  it('throws rather than guessing on an unvalidated table with a gap', () => {
    const broken = {
      currency: 'RUB',
      tiers: [
        { ...seedTierTable.tiers[0]!, upperBound: 10 },
        { ...seedTierTable.tiers[1]!, lowerBound: 20 },
      ],
    } as TierTable;
    expect(() => computeTier(broken, rub(15))).toThrow(RangeError);
  });
});

describe('tierForRevenue', () => {
  it('converts foreign revenue first', () => {
    // 1,297,297.29 USD × 92.5 = 119,999,999.325 RUB; one more cent is 120,000,000.25 RUB.
    expect(
      tierForRevenue(seedTierTable, defaultRateTable, { amount: 129_729_729, currency: 'USD' }, JAN_2026).tier
        .name,
    ).toBe('micro');
    expect(
      tierForRevenue(seedTierTable, defaultRateTable, { amount: 129_729_730, currency: 'USD' }, JAN_2026).tier
        .name,
    ).toBe('small');
    // 1 trillion VND = 3.7 billion RUB.
    expect(
      tierForRevenue(seedTierTable, defaultRateTable, { amount: 1e12, currency: 'VND' }, JAN_2026).tier.name,
    ).toBe('large');
  });

  it('returns the converted amount the tier was picked by', () => {
    expect(
      tierForRevenue(seedTierTable, defaultRateTable, { amount: 129_729_730, currency: 'USD' }, JAN_2026),
    ).toEqual({ tier: seedTierTable.tiers[1], tierRevenue: { amount: 12_000_000_025, currency: 'RUB' } });
  });

  it('needs no rate for revenue already in the table currency', () => {
    const empty = rateTableSchema.parse({ base: 'RUB', rates: [] });
    expect(tierForRevenue(seedTierTable, empty, rub(900 * MILLION_RUB), JAN_2026).tier.name).toBe('medium');
  });

  it('propagates a missing rate', () => {
    expect(() =>
      tierForRevenue(seedTierTable, defaultRateTable, { amount: 1, currency: 'USD' }, new Date('2025-01-01')),
    ).toThrow(MissingExchangeRateError);
  });
});

type Input = {
  currency: string;
  tiers: Record<string, unknown>[];
};

/** A valid four-tier table as plain data, for tests to break one thing at a time. */
function validInput(): Input {
  const tier = (name: string, lowerBound: number, upperBound: number | null) => ({
    name,
    label: name.toUpperCase(),
    lowerBound,
    upperBound,
    annualDues: { amount: 100, currency: 'RUB' },
  });
  return {
    currency: 'RUB',
    tiers: [tier('a1', 0, 100), tier('b2', 100, 200), tier('c3', 200, 300), tier('d4', 300, null)],
  };
}

function issuesOf(input: unknown) {
  const result = tierTableSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

describe('tierTableSchema', () => {
  it('accepts the valid fixture, and a single open-ended tier', () => {
    expect(tierTableSchema.safeParse(validInput()).success).toBe(true);
    const single = validInput();
    single.tiers = [{ ...single.tiers[0], upperBound: null }];
    expect(tierTableSchema.safeParse(single).success).toBe(true);
  });

  it.each<[string, (input: Input) => void, (string | number)[], RegExp]>([
    [
      'no tiers',
      (t) => {
        t.tiers = [];
      },
      ['tiers'],
      /1/,
    ],
    [
      'more than 50 tiers',
      (t) => {
        t.tiers = Array.from({ length: 51 }, () => t.tiers[0]!);
      },
      ['tiers'],
      /50/,
    ],
    [
      'a first tier not starting at 0',
      (t) => {
        t.tiers[0]!.lowerBound = 1;
      },
      ['tiers', 0, 'lowerBound'],
      /start at 0/,
    ],
    [
      'a gap',
      (t) => {
        t.tiers[2]!.lowerBound = 201;
      },
      ['tiers', 2, 'lowerBound'],
      /gap/,
    ],
    [
      'an overlap',
      (t) => {
        t.tiers[2]!.lowerBound = 199;
      },
      ['tiers', 2, 'lowerBound'],
      /overlaps/,
    ],
    [
      'a second tier also starting at 0',
      (t) => {
        t.tiers[1]!.lowerBound = 0;
      },
      ['tiers', 1, 'lowerBound'],
      /overlaps/,
    ],
    [
      'a bounded last tier',
      (t) => {
        t.tiers[3]!.upperBound = 400;
      },
      ['tiers', 3, 'upperBound'],
      /last tier/,
    ],
    [
      'an open-ended middle tier',
      (t) => {
        t.tiers[1]!.upperBound = null;
      },
      ['tiers', 1, 'upperBound'],
      /only the last/,
    ],
    [
      'an empty band (upper = lower)',
      (t) => {
        t.tiers[1]!.upperBound = 100;
        t.tiers[2]!.lowerBound = 100;
      },
      ['tiers', 1, 'upperBound'],
      /greater than lowerBound/,
    ],
    [
      'the reserved name of the no-revenue bucket',
      (t) => {
        t.tiers[1]!.name = 'unassessed';
      },
      ['tiers', 1, 'name'],
      /reserved/,
    ],
    [
      'a duplicate name',
      (t) => {
        t.tiers[2]!.name = 'a1';
      },
      ['tiers', 2, 'name'],
      /duplicate/,
    ],
    [
      'dues in another currency',
      (t) => {
        t.tiers[1]!.annualDues = { amount: 100, currency: 'USD' };
      },
      ['tiers', 1, 'annualDues', 'currency'],
      /RUB/,
    ],
    [
      'an upper-case name',
      (t) => {
        t.tiers[1]!.name = 'Small';
      },
      ['tiers', 1, 'name'],
      /slug/,
    ],
    [
      'a one-letter name',
      (t) => {
        t.tiers[1]!.name = 's';
      },
      ['tiers', 1, 'name'],
      /slug/,
    ],
    [
      'a 33-character name',
      (t) => {
        t.tiers[1]!.name = 's'.repeat(33);
      },
      ['tiers', 1, 'name'],
      /slug/,
    ],
    [
      'a name starting with a digit',
      (t) => {
        t.tiers[1]!.name = '1st';
      },
      ['tiers', 1, 'name'],
      /slug/,
    ],
    [
      'a name with an underscore',
      (t) => {
        t.tiers[1]!.name = 'very_small';
      },
      ['tiers', 1, 'name'],
      /slug/,
    ],
    [
      'a blank label',
      (t) => {
        t.tiers[1]!.label = '   ';
      },
      ['tiers', 1, 'label'],
      /./,
    ],
    [
      'a fractional bound',
      (t) => {
        t.tiers[0]!.upperBound = 99.5;
      },
      ['tiers', 0, 'upperBound'],
      /./,
    ],
    [
      'a negative first bound',
      (t) => {
        t.tiers[0]!.lowerBound = -1;
      },
      ['tiers', 0, 'lowerBound'],
      /./,
    ],
    [
      'a bound given as a string',
      (t) => {
        t.tiers[1]!.lowerBound = '100';
      },
      ['tiers', 1, 'lowerBound'],
      /./,
    ],
    [
      'a negative due',
      (t) => {
        t.tiers[0]!.annualDues = { amount: -5, currency: 'RUB' };
      },
      ['tiers', 0, 'annualDues', 'amount'],
      /./,
    ],
    [
      'an unknown table currency',
      (t) => {
        t.currency = 'GBP';
      },
      ['currency'],
      /./,
    ],
    [
      'an unknown tier field',
      (t) => {
        t.tiers[1]!.dues = 5;
      },
      ['tiers', 1],
      /dues/,
    ],
  ])('rejects %s at exactly the offending path', (_label, breakIt, path, message) => {
    const input = validInput();
    breakIt(input);
    const issues = issuesOf(input);
    expect(issues.map((issue) => issue.path)).toEqual([path]);
    expect(issues[0]!.message).toMatch(message);
  });

  it('rejects tiers listed out of order', () => {
    const input = validInput();
    const [a, b, c, d] = input.tiers;
    input.tiers = [a!, c!, b!, d!];
    const paths = issuesOf(input).map((issue) => issue.path);
    expect(paths).toContainEqual(['tiers', 2, 'lowerBound']);
    expect(issuesOf(input).some((issue) => /ascending/.test(issue.message))).toBe(true);
  });

  it('rejects an unknown top-level field', () => {
    expect(issuesOf({ ...validInput(), note: 'x' })).toHaveLength(1);
  });

  it('rejects a lone tier with a bound, also through tierSchema alone', () => {
    expect(tierSchema.safeParse({ ...validInput().tiers[1], upperBound: 50 }).error?.issues[0]?.path).toEqual(
      ['upperBound'],
    );
  });
});

/** Strictly increasing positive boundaries → a valid table of boundaries.length + 1 tiers. */
const validTable = fc
  .uniqueArray(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { maxLength: 12 })
  .map((cuts): TierTable => {
    const bounds = [0, ...cuts.sort((x, y) => x - y)];
    return {
      currency: 'RUB',
      tiers: bounds.map((lowerBound, index) => ({
        name: `t${index}`,
        label: `Tier ${index}`,
        lowerBound,
        upperBound: bounds[index + 1] ?? null,
        annualDues: { amount: index * 1_000, currency: 'RUB' },
      })),
    };
  });

/** Amounts biased towards the table's own bounds, where off-by-one mistakes live. */
const amountFor = (table: TierTable) =>
  fc.oneof(
    fc.maxSafeNat(),
    fc
      .constantFrom(...table.tiers.map((tier) => tier.lowerBound))
      .chain((bound) =>
        fc.constantFrom(bound, Math.max(0, bound - 1), Math.min(Number.MAX_SAFE_INTEGER, bound + 1)),
      ),
  );

describe('tier properties', () => {
  it('every generated contiguous table is valid', () => {
    fc.assert(
      fc.property(validTable, (table) => {
        expect(tierTableSchema.safeParse(table).success).toBe(true);
      }),
    );
  });

  it('computeTier returns the one tier that contains any non-negative amount', () => {
    fc.assert(
      fc.property(
        validTable.chain((table) => fc.tuple(fc.constant(table), amountFor(table))),
        ([table, amount]) => {
          const containing = table.tiers.filter(
            (tier) => tier.lowerBound <= amount && (tier.upperBound === null || amount < tier.upperBound),
          );
          expect(containing).toHaveLength(1);
          expect(computeTier(table, rub(amount))).toBe(containing[0]);
        },
      ),
    );
  });

  it('moving any inner lowerBound breaks contiguity and is rejected', () => {
    fc.assert(
      fc.property(
        validTable.filter((table) => table.tiers.length > 1),
        fc.nat(),
        fc.integer({ min: -1_000, max: 1_000 }).filter((delta) => delta !== 0),
        (table, pick, delta) => {
          const index = 1 + (pick % (table.tiers.length - 1));
          const tiers = table.tiers.map((tier) => ({ ...tier }));
          tiers[index]!.lowerBound = Math.max(0, tiers[index]!.lowerBound + delta);
          fc.pre(tiers[index]!.lowerBound !== table.tiers[index]!.lowerBound);
          expect(tierTableSchema.safeParse({ ...table, tiers }).success).toBe(false);
        },
      ),
    );
  });

  it('a richer revenue never lands in a lower tier, whatever its currency', () => {
    const tierIndex = (name: string) => seedTierTable.tiers.findIndex((tier) => tier.name === name);
    fc.assert(
      fc.property(
        fc.constantFrom('RUB', 'USD', 'EUR', 'CNY', 'VND' as const),
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 0, max: 1e13 }),
        (currency, x, y) => {
          const [small, large] = x <= y ? [x, y] : [y, x];
          const at = (amount: number) =>
            tierIndex(
              tierForRevenue(seedTierTable, defaultRateTable, { amount, currency }, JAN_2026).tier.name,
            );
          expect(at(small)).toBeLessThanOrEqual(at(large));
        },
      ),
    );
  });
});
