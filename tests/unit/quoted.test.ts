import { describe, expect, it } from 'vitest';
import { quoted } from '../../shared/domain/quoted.ts';
import { followUpTexts } from '../../shared/events/follow-up-texts.ts';

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

  it("nests the marks of an event's name in the emails that quote it", () => {
    const facts = { date: '7 сентября 2027 г.', counterpart: 'Sentosa Shipping' };
    expect(followUpTexts.ru.question({ ...facts, event: 'Форум «Россия — Вьетнам»' })).toBe(
      'На мероприятии «Форум „Россия — Вьетнам“» 7 сентября 2027 г. вы встречались с Sentosa Shipping. ' +
        'Удалось ли договориться о сотрудничестве?',
    );
    expect(followUpTexts.vi.question({ ...facts, event: 'Diễn đàn “Nga – Việt”' })).toContain(
      'Tại sự kiện “Diễn đàn ‘Nga – Việt’” ngày',
    );
  });
});
