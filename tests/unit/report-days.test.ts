import { describe, expect, it } from 'vitest';
import { reportText } from '../../shared/console/pages/reports/report-messages.ts';

describe('a report’s day buckets, in each language’s grammar', () => {
  const buckets: [number, number | null][] = [
    [0, 0],
    [1, 1],
    [2, 3],
    [4, 7],
    [15, 21],
    [31, null],
  ];
  it('agrees the Russian noun with the last number of the range', () => {
    expect(buckets.map(([from, to]) => reportText.ru.daysRange(from, to))).toEqual([
      '0 дней',
      '1 день',
      '2–3 дня',
      '4–7 дней',
      '15–21 день',
      'от 31 дня',
    ]);
  });

  it('says days in English and Vietnamese', () => {
    expect(buckets.map(([from, to]) => reportText.en.daysRange(from, to))).toEqual([
      '0 days',
      '1 day',
      '2–3 days',
      '4–7 days',
      '15–21 days',
      '31+ days',
    ]);
    expect(reportText.vi.daysRange(2, 3)).toBe('2–3 ngày');
    expect(reportText.vi.daysRange(31, null)).toBe('từ 31 ngày');
  });
});
