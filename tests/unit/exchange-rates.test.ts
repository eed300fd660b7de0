import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convert,
  defaultRateTable,
  exchangeRateSchema,
  MissingExchangeRateError,
  type RateTable,
  rateInForce,
  rateTableSchema,
} from '../../shared/domain/exchange-rates.ts';
import { type Currency, currencies, minorUnitScale } from '../../shared/domain/money.ts';

const JAN_2026 = new Date('2026-01-15T12:00:00Z');

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.error?.issues.map((issue) => issue.path) ?? [];
}

describe('exchangeRateSchema', () => {
  it.each(['92.4512', '1', '0.000001', '100.2', '0.0037', '999999999999.999999'])(
    'accepts perUnit %s',
    (perUnit) => {
      expect(
        exchangeRateSchema.safeParse({ currency: 'USD', perUnit, validFrom: '2026-01-01' }).success,
      ).toBe(true);
    },
  );

  it.each([
    '0',
    '0.0',
    '0.000000',
    '-1',
    '1.1234567',
    '01.5',
    '1e3',
    ' 1',
    '1.',
    '.5',
    '1,5',
    '',
    '1000000000000',
  ])('rejects perUnit %j', (perUnit) => {
    const result = exchangeRateSchema.safeParse({ currency: 'USD', perUnit, validFrom: '2026-01-01' });
    expect(issuePaths(result)).toEqual([['perUnit']]);
  });

  it('rejects a numeric perUnit, which would already have lost precision', () => {
    const result = exchangeRateSchema.safeParse({ currency: 'USD', perUnit: 92.5, validFrom: '2026-01-01' });
    expect(issuePaths(result)).toEqual([['perUnit']]);
  });

  it.each(['2026-02-30', '2026-1-1', '2026-01-01T00:00:00Z', '26-01-01'])(
    'rejects validFrom %j',
    (validFrom) => {
      const result = exchangeRateSchema.safeParse({ currency: 'USD', perUnit: '1', validFrom });
      expect(issuePaths(result)).toEqual([['validFrom']]);
    },
  );

  it('rejects unknown fields', () => {
    const result = exchangeRateSchema.safeParse({
      currency: 'USD',
      perUnit: '1',
      validFrom: '2026-01-01',
      x: 1,
    });
    expect(result.success).toBe(false);
  });
});

describe('rateTableSchema', () => {
  it('accepts the same currency on different dates', () => {
    const table = {
      base: 'RUB',
      rates: [
        { currency: 'USD', perUnit: '90', validFrom: '2025-01-01' },
        { currency: 'USD', perUnit: '92.5', validFrom: '2026-01-01' },
        { currency: 'EUR', perUnit: '100', validFrom: '2026-01-01' },
      ],
    };
    expect(rateTableSchema.safeParse(table).success).toBe(true);
  });

  it('accepts an empty rate list (only base-currency amounts can then be converted)', () => {
    expect(rateTableSchema.safeParse({ base: 'USD', rates: [] }).success).toBe(true);
  });

  it('rejects a duplicate (currency, validFrom) at the later entry', () => {
    const result = rateTableSchema.safeParse({
      base: 'RUB',
      rates: [
        { currency: 'USD', perUnit: '90', validFrom: '2026-01-01' },
        { currency: 'EUR', perUnit: '100', validFrom: '2026-01-01' },
        { currency: 'USD', perUnit: '91', validFrom: '2026-01-01' },
      ],
    });
    expect(issuePaths(result)).toEqual([['rates', 2, 'validFrom']]);
  });

  it('rejects listing the base currency', () => {
    const result = rateTableSchema.safeParse({
      base: 'RUB',
      rates: [
        { currency: 'USD', perUnit: '90', validFrom: '2026-01-01' },
        { currency: 'RUB', perUnit: '1', validFrom: '2026-01-01' },
      ],
    });
    expect(issuePaths(result)).toEqual([['rates', 1, 'currency']]);
  });
});

describe('defaultRateTable', () => {
  it('is valid and frozen', () => {
    expect(rateTableSchema.parse(defaultRateTable)).toEqual(defaultRateTable);
    expect(Object.isFrozen(defaultRateTable)).toBe(true);
    expect(Object.isFrozen(defaultRateTable.rates[0])).toBe(true);
    expect(() => (defaultRateTable.rates as unknown[]).push({})).toThrow(TypeError);
  });
});

const history: RateTable = rateTableSchema.parse({
  base: 'RUB',
  rates: [
    // Deliberately not in date order: the table is a set, not a sequence.
    { currency: 'USD', perUnit: '92.5', validFrom: '2026-01-01' },
    { currency: 'USD', perUnit: '90', validFrom: '2025-01-01' },
    { currency: 'USD', perUnit: '95', validFrom: '2026-07-01' },
    { currency: 'EUR', perUnit: '100.2', validFrom: '2026-01-01' },
  ],
});

describe('rateInForce', () => {
  it('picks the latest rate that started on or before the day', () => {
    expect(rateInForce(history, 'USD', new Date('2025-06-01T00:00:00Z')).perUnit).toBe('90');
    expect(rateInForce(history, 'USD', new Date('2026-03-01T00:00:00Z')).perUnit).toBe('92.5');
    expect(rateInForce(history, 'USD', new Date('2030-01-01T00:00:00Z')).perUnit).toBe('95');
  });

  it('switches at 00:00 UTC on validFrom', () => {
    expect(rateInForce(history, 'USD', new Date('2025-12-31T23:59:59.999Z')).perUnit).toBe('90');
    expect(rateInForce(history, 'USD', new Date('2026-01-01T00:00:00.000Z')).perUnit).toBe('92.5');
    // 02:00 in Moscow is still the previous day in UTC.
    expect(rateInForce(history, 'USD', new Date('2026-07-01T02:00:00+03:00')).perUnit).toBe('92.5');
  });

  it('throws a typed error before the first rate', () => {
    const at = new Date('2025-12-31T23:59:59Z');
    expect(() => rateInForce(history, 'EUR', at)).toThrow(MissingExchangeRateError);
    try {
      rateInForce(history, 'EUR', at);
    } catch (error) {
      expect(error).toMatchObject({
        name: 'MissingExchangeRateError',
        currency: 'EUR',
        base: 'RUB',
        day: '2025-12-31',
      });
    }
  });

  it('throws a typed error for a currency never listed', () => {
    expect(() => rateInForce(history, 'CNY', JAN_2026)).toThrow(MissingExchangeRateError);
  });

  it('gives the base currency an identity rate', () => {
    expect(rateInForce(history, 'RUB', new Date('1990-01-01T00:00:00Z'))).toEqual({
      currency: 'RUB',
      perUnit: '1',
      validFrom: '0001-01-01',
    });
  });

  it('rejects an invalid Date', () => {
    expect(() => rateInForce(history, 'USD', new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('convert', () => {
  const rub = (amount: number) => ({ amount, currency: 'RUB' as const });
  const usd = (amount: number) => ({ amount, currency: 'USD' as const });
  const vnd = (amount: number) => ({ amount, currency: 'VND' as const });

  it('returns the very same object for the same currency, without needing a rate', () => {
    const money = usd(123);
    expect(convert(money, 'USD', { base: 'RUB', rates: [] }, JAN_2026)).toBe(money);
  });

  it('converts exactly at 1 USD = 92.5 RUB', () => {
    expect(convert(usd(100), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(9_250));
    expect(convert(rub(9_250), 'USD', defaultRateTable, JAN_2026)).toEqual(usd(100));
    expect(convert(usd(200), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(18_500));
    expect(convert(rub(4_625), 'USD', defaultRateTable, JAN_2026)).toEqual(usd(50));
  });

  it('rounds half-up, not to even', () => {
    // 1 cent = 92.5 kopecks exactly; banker's rounding would give 92.
    expect(convert(usd(1), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(93));
    // 3 cents = 277.5 kopecks.
    expect(convert(usd(3), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(278));
    // 46 kopecks = 0.497 cents, 47 kopecks = 0.508 cents.
    expect(convert(rub(46), 'USD', defaultRateTable, JAN_2026)).toEqual(usd(0));
    expect(convert(rub(47), 'USD', defaultRateTable, JAN_2026)).toEqual(usd(1));
  });

  it('honours VND having no minor unit', () => {
    // 1 VND = 0.0037 RUB = 0.37 kopecks.
    expect(convert(vnd(1_000_000), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(370_000));
    expect(convert(vnd(50), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(19)); // 18.5
    expect(convert(vnd(49), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(18)); // 18.13
    expect(convert(vnd(1), 'RUB', defaultRateTable, JAN_2026)).toEqual(rub(0));
    // 100.00 RUB / 0.0037 = 27,027.027 VND.
    expect(convert(rub(10_000), 'VND', defaultRateTable, JAN_2026)).toEqual(vnd(27_027));
    // 1.00 USD = 92.5 RUB = 25,000 VND exactly.
    expect(convert(usd(100), 'VND', defaultRateTable, JAN_2026)).toEqual(vnd(25_000));
    expect(convert(vnd(25_000), 'USD', defaultRateTable, JAN_2026)).toEqual(usd(100));
  });

  it('crosses through the base with a single rounding', () => {
    // 1.00 USD = 92.5 RUB = 0.923153... EUR
    expect(convert(usd(100), 'EUR', defaultRateTable, JAN_2026)).toEqual({ amount: 92, currency: 'EUR' });
    // 1.00 EUR = 100.2 RUB = 1.083243... USD
    expect(convert({ amount: 100, currency: 'EUR' }, 'USD', defaultRateTable, JAN_2026)).toEqual(usd(108));
    // 1,000.00 CNY = 12,750 RUB = 137.837837... USD
    expect(convert({ amount: 100_000, currency: 'CNY' }, 'USD', defaultRateTable, JAN_2026)).toEqual(
      usd(13_784),
    );
  });

  it('is exact for huge amounts where floats are not', () => {
    // 4 trillion RUB = 4e14 kopecks.
    expect(convert(rub(4e14), 'USD', defaultRateTable, JAN_2026)).toEqual(usd(4_324_324_324_324));
    expect(convert(rub(4e14), 'VND', defaultRateTable, JAN_2026)).toEqual(vnd(1_081_081_081_081_081));
    // 90,071,992,547,409 cents × 92.5 = 8,331,659,310,635,332.5 kopecks: no float can hold the .5,
    // nor even the odd integer part above 2^53.
    expect(convert(usd(90_071_992_547_409), 'RUB', defaultRateTable, JAN_2026)).toEqual(
      rub(8_331_659_310_635_333),
    );
    expect(Math.round(90_071_992_547_409 * 92.5)).not.toBe(8_331_659_310_635_333);
  });

  it('refuses results beyond MAX_SAFE_INTEGER instead of losing precision', () => {
    expect(() => convert(usd(4e14), 'RUB', defaultRateTable, JAN_2026)).toThrow(RangeError);
  });

  it('refuses amounts that are not valid minor units', () => {
    expect(() => convert(usd(-1), 'RUB', defaultRateTable, JAN_2026)).toThrow(RangeError);
    expect(() => convert(usd(1.5), 'RUB', defaultRateTable, JAN_2026)).toThrow(RangeError);
  });

  it('uses the rates in force at the given date', () => {
    expect(convert(usd(100), 'RUB', history, new Date('2025-06-01T00:00:00Z'))).toEqual(rub(9_000));
    expect(convert(usd(100), 'RUB', history, new Date('2026-06-01T00:00:00Z'))).toEqual(rub(9_250));
    expect(convert(usd(100), 'RUB', history, new Date('2026-07-01T00:00:00Z'))).toEqual(rub(9_500));
  });

  it('throws MissingExchangeRateError when either side has no rate', () => {
    expect(() => convert(usd(100), 'RUB', history, new Date('2024-12-31T00:00:00Z'))).toThrow(
      MissingExchangeRateError,
    );
    expect(() => convert(usd(100), 'EUR', history, new Date('2025-06-01T00:00:00Z'))).toThrow(
      MissingExchangeRateError,
    );
  });
});

describe('convert properties', () => {
  const currency = fc.constantFrom(...currencies);
  // A rate as an integer count of millionths, printed as the decimal string the schema accepts.
  const perUnit = fc.bigInt({ min: 1n, max: 10n ** 15n }).map((millionths) => {
    const whole = millionths / 1_000_000n;
    const fraction = (millionths % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
    return { millionths, text: fraction === '' ? `${whole}` : `${whole}.${fraction}` };
  });
  const day = new Date('2026-01-01T00:00:00Z');
  const tableFor = (base: Currency, rates: Map<Currency, { text: string }>): RateTable =>
    rateTableSchema.parse({
      base,
      rates: [...rates].map(([c, rate]) => ({ currency: c, perUnit: rate.text, validFrom: '2026-01-01' })),
    });
  const scenario = fc
    .record({ base: currency, from: currency, to: currency, fromRate: perUnit, toRate: perUnit })
    .map(({ base, from, to, fromRate, toRate }) => {
      const rates = new Map<Currency, { millionths: bigint; text: string }>();
      if (from !== base) rates.set(from, fromRate);
      if (to !== base) rates.set(to, toRate);
      const scaled = (c: Currency) => (c === base ? 1_000_000n : rates.get(c)!.millionths);
      return { table: tableFor(base, rates), from, to, fromScaled: scaled(from), toScaled: scaled(to) };
    });
  const amount = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat());

  const tryConvert = (value: number, from: Currency, to: Currency, table: RateTable) => {
    try {
      return convert({ amount: value, currency: from }, to, table, day).amount;
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  };

  it('is monotonic: a larger amount never converts to less', () => {
    fc.assert(
      fc.property(scenario, amount, amount, ({ table, from, to }, x, y) => {
        const [small, large] = x <= y ? [x, y] : [y, x];
        const convertedLarge = tryConvert(large, from, to, table);
        const convertedSmall = tryConvert(small, from, to, table);
        if (convertedLarge === undefined) return;
        expect(convertedSmall).toBeDefined();
        expect(convertedSmall!).toBeLessThanOrEqual(convertedLarge);
      }),
    );
  });

  it('is within half a minor unit of the exact value, ties rounding up', () => {
    fc.assert(
      fc.property(scenario, amount, ({ table, from, to, fromScaled, toScaled }, value) => {
        const result = tryConvert(value, from, to, table);
        if (result === undefined) return;
        // exact = n / d; require -d < 2·(result·d − n) <= d.
        const n = BigInt(value) * fromScaled * minorUnitScale(to);
        const d = toScaled * minorUnitScale(from);
        const twiceError = 2n * (BigInt(result) * d - n);
        expect(twiceError > -d && twiceError <= d).toBe(true);
      }),
    );
  });
});
