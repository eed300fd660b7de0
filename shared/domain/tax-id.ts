import type { IssueRule } from './issue-rules.ts';

/**
 * Tax identifiers, normalised so that two spellings of one number collide on the uniqueness guard:
 * Russian INN (10 digits for organisations, 12 for individual entrepreneurs, with check digits),
 * Vietnamese MST (10 digits with a check digit, or 13 for a branch: the 10-digit parent plus a 3-digit
 * suffix), and for every other country an uppercase alphanumeric string.
 */

const inn10Weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const inn11Weights = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const inn12Weights = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return (sum % 11) % 10;
}

/** Appends the INN check digit(s) to a 9-digit (organisation) or 10-digit (individual) body. */
export function withInnCheckDigits(body: string): string {
  const digits = [...body].map(Number);
  if (digits.length === 9) return body + checkDigit(digits, inn10Weights);
  if (digits.length === 10) {
    const d11 = checkDigit(digits, inn11Weights);
    return body + d11 + checkDigit([...digits, d11], inn12Weights);
  }
  throw new RangeError('An INN body has 9 or 10 digits.');
}

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  return withInnCheckDigits(inn.slice(0, inn.length === 10 ? 9 : 10)) === inn;
}

const mstWeights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * The MST check digit of a 9-digit body (the General Department of Taxation's weights, mod 11), or
 * undefined for a body no check digit completes (remainder 0: such bodies are never issued).
 */
export function mstCheckDigit(body: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < mstWeights.length; i++) sum += Number(body[i]) * (mstWeights[i] ?? 0);
  const check = 10 - (sum % 11);
  return check < 10 ? check : undefined;
}

export function isValidMst(mst: string): boolean {
  if (!/^\d{10}(\d{3})?$/.test(mst)) return false;
  return String(mstCheckDigit(mst.slice(0, 9))) === mst[9] && mst.slice(10) !== '000';
}

type TaxIdRule = Extract<
  IssueRule,
  'innLength' | 'innCheckDigits' | 'mstLength' | 'mstCheckDigit' | 'taxIdFormat'
>;

export type TaxIdResult = { ok: true; value: string } | { ok: false; message: string; rule: TaxIdRule };

export function normaliseTaxId(country: string, raw: string): TaxIdResult {
  const compact = raw.replace(/[\s\-.]/g, '');
  switch (country) {
    case 'RU':
      if (!/^\d+$/.test(compact) || (compact.length !== 10 && compact.length !== 12)) {
        return {
          ok: false,
          rule: 'innLength',
          message: 'A Russian INN has 10 digits (organisation) or 12 (individual).',
        };
      }
      return isValidInn(compact)
        ? { ok: true, value: compact }
        : {
            ok: false,
            rule: 'innCheckDigits',
            message: 'The INN check digits do not match; check the number.',
          };
    case 'VN':
      if (!/^\d{10}$|^\d{13}$/.test(compact)) {
        return {
          ok: false,
          rule: 'mstLength',
          message: 'A Vietnamese tax code (MST) has 10 digits, or 13 for a branch.',
        };
      }
      return isValidMst(compact)
        ? { ok: true, value: compact }
        : {
            ok: false,
            rule: 'mstCheckDigit',
            message: 'The MST check digit does not match; check the number.',
          };
    default: {
      const upper = compact.toUpperCase();
      return /^[A-Z0-9]{3,32}$/.test(upper)
        ? { ok: true, value: upper }
        : {
            ok: false,
            rule: 'taxIdFormat',
            message: 'A tax id is 3 to 32 letters and digits (spaces, dots and dashes are ignored).',
          };
    }
  }
}
