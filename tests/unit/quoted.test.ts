import { describe, expect, it } from 'vitest';
import { quoted } from '../../shared/console/i18n/typed-text.ts';

describe('quoted', () => {
  it('quotes a text in each language’s marks', () => {
    expect(quoted.ru('Sentosa Logistics')).toBe('«Sentosa Logistics»');
    expect(quoted.en('Sentosa Logistics')).toBe('“Sentosa Logistics”');
    expect(quoted.vi('Sentosa Logistics')).toBe('“Sentosa Logistics”');
  });

  it('nests a quotation the text holds in the inner marks: „…“ in Russian, ‘…’ in English and Vietnamese', () => {
    expect(quoted.ru('ООО «Логистиктрейд» ↔ Sentosa')).toBe('«ООО „Логистиктрейд“ ↔ Sentosa»');
    expect(quoted.ru('АО «Завод «Прогресс»»')).toBe('«АО „Завод „Прогресс““»');
    expect(quoted.en('The “Red River” fund')).toBe('“The ‘Red River’ fund”');
    expect(quoted.vi('Quỹ “Sông Hồng”')).toBe('“Quỹ ‘Sông Hồng’”');
    // Marks of another language, and apostrophes, are the text's own.
    expect(quoted.ru('Mike’s “Bar”')).toBe('«Mike’s “Bar”»');
    expect(quoted.en('ООО «Логистиктрейд»')).toBe('“ООО «Логистиктрейд»”');
  });
});
