import { describe, expect, it } from 'vitest';
import {
  CurrencyMismatchError,
  currencies,
  currencyMinorDigits,
  currencySchema,
  maxMinorUnits,
  minorUnitScale,
  moneySchema,
} from '../../shared/domain/money.ts';

describe('currencies', () => {
  it('lists the supported ISO 4217 codes with their minor digits', () => {
    expect(currencies).toEqual(['RUB', 'USD', 'VND', 'EUR', 'CNY', 'THB', 'IDR', 'MYR', 'PHP', 'SGD']);
    expect(currencyMinorDigits).toEqual({
      RUB: 2,
      USD: 2,
      VND: 0,
      EUR: 2,
      CNY: 2,
      THB: 2,
      IDR: 2,
      MYR: 2,
      PHP: 2,
      SGD: 2,
    });
    expect(Object.isFrozen(currencyMinorDigits)).toBe(true);
  });

  it('scales minor units exactly', () => {
    expect(minorUnitScale('RUB')).toBe(100n);
    expect(minorUnitScale('VND')).toBe(1n);
  });

  it('rejects unknown or lower-case codes', () => {
    expect(currencySchema.safeParse('GBP').success).toBe(false);
    expect(currencySchema.safeParse('rub').success).toBe(false);
  });
});

describe('moneySchema', () => {
  it('accepts integer minor units from 0 to 10^15 in every currency', () => {
    expect(maxMinorUnits).toBe(1_000_000_000_000_000);
    for (const currency of currencies) {
      for (const amount of [0, 1, 3_000_000, maxMinorUnits]) {
        expect(moneySchema.parse({ amount, currency })).toEqual({ amount, currency });
      }
    }
  });

  it.each([
    ['a negative amount', { amount: -1, currency: 'RUB' }, ['amount']],
    ['a fractional amount', { amount: 10.5, currency: 'USD' }, ['amount']],
    ['an amount above 10^15', { amount: 1_000_000_000_000_001, currency: 'VND' }, ['amount']],
    ['a negative amount beyond the safe integers', { amount: -1e308, currency: 'RUB' }, ['amount']],
    [
      'an amount beyond MAX_SAFE_INTEGER',
      { amount: Number.MAX_SAFE_INTEGER + 1, currency: 'USD' },
      ['amount'],
    ],
    ['an amount given as a string', { amount: '100', currency: 'USD' }, ['amount']],
    ['NaN', { amount: Number.NaN, currency: 'USD' }, ['amount']],
    ['Infinity', { amount: Number.POSITIVE_INFINITY, currency: 'USD' }, ['amount']],
    ['an unknown currency', { amount: 1, currency: 'GBP' }, ['currency']],
    ['a missing currency', { amount: 1 }, ['currency']],
    ['an unknown field', { amount: 1, currency: 'RUB', major: 0.01 }, []],
  ])('rejects %s', (_label, input, path) => {
    const result = moneySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([path]);
  });
});

describe('CurrencyMismatchError', () => {
  it('carries both currencies', () => {
    const error = new CurrencyMismatchError('RUB', 'USD');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CurrencyMismatchError');
    expect(error.expected).toBe('RUB');
    expect(error.actual).toBe('USD');
  });
});
