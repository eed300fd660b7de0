import { describe, expect, it } from 'vitest';
import { importErrorAdvice } from '../../shared/console/pages/directory/import-error-advice.ts';
import type { RowError } from '../../shared/members/member-csv.ts';

const choice = (path: string, value: string, values: string): RowError => ({
  path,
  column: path.split('.')[0],
  message: 'Invalid option',
  reason: { code: 'choice', values },
  value,
});

const format = (path: string, value: string): RowError => ({
  path,
  column: path.split('.')[0],
  message: 'Invalid format',
  reason: { code: 'format' },
  value,
});

describe("the import report's advice", () => {
  it('names the code a value names in words, in any of the three languages, and what the column takes', () => {
    expect(importErrorAdvice(format('country', 'Viet Nam'), 'ru')).toEqual([
      'Возможно, имелось в виду VN (Вьетнам)?',
      'Ожидается: код ISO: RU, VN.',
    ]);
    // By ICU's short name too ("Hong Kong SAR China" is its long one).
    expect(importErrorAdvice(format('targetMarkets.1', 'Hong Kong'), 'en')[0]).toBe(
      'Did you mean HK (Hong Kong SAR China)?',
    );
    expect(importErrorAdvice(choice('sectors.0', 'Nông nghiệp', 'agriculture, logistics'), 'en')).toEqual([
      'Did you mean agriculture (Agriculture)?',
      'Allowed: agriculture, logistics.',
    ]);
    expect(importErrorAdvice(choice('contacts.0.language', 'Tiếng Nga', 'ru, vi, en'), 'vi')[0]).toBe(
      'Có phải ý bạn là ru (tiếng Nga)?',
    );
    // Russian and Vietnamese write a label's name small mid-sentence; a country's keeps its capital.
    expect(importErrorAdvice(choice('status', 'Действующий', 'active, suspended'), 'ru')[0]).toBe(
      'Возможно, имелось в виду active (действующий)?',
    );
    expect(importErrorAdvice(choice('sectors.0', 'Agriculture', 'agriculture, logistics'), 'ru')[0]).toBe(
      'Возможно, имелось в виду agriculture (сельское хозяйство)?',
    );
  });

  it('suggests no code the column does not take there, nor the value itself, nor anything for a region', () => {
    // A new member is never resigned: the advice keeps to the values allowed.
    expect(importErrorAdvice(choice('status', 'Вышел', 'active, suspended'), 'ru')).toEqual([
      'Допустимые значения: active, suspended.',
    ]);
    expect(importErrorAdvice(choice('status', 'Suspended', 'active, suspended'), 'en')[0]).toBe(
      'Did you mean suspended (Suspended)?',
    );
    expect(importErrorAdvice(choice('status', 'paused', 'active, suspended'), 'en')).toEqual([
      'Allowed: active, suspended.',
    ]);
    expect(importErrorAdvice(format('region', 'Hồ Chí Minh'), 'vi')).toEqual([
      'Cần nhập: mã ISO 3166-2: RU-MOW, VN-HN.',
    ]);
    // Nothing to add where the message says it all.
    expect(
      importErrorAdvice({ path: 'contacts.0.email', message: 'x', reason: { code: 'email' } }, 'en'),
    ).toEqual([]);
  });
});
