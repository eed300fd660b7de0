import { describe, expect, it } from 'vitest';
import { tierName } from '../../shared/console/i18n/domain-labels.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';

describe('tierName', () => {
  const table = seedTierTable.tiers;

  it("names a tier by its label in the association's table, in the reader's language where it gives one", () => {
    expect(tierName('large', 'ru', table)).toBe('Крупное предприятие');
    expect(tierName('large', 'vi', table)).toBe('Doanh nghiệp lớn');
    expect(tierName('large', 'en', table)).toBe('Large enterprise');
    // A table that gives one label only: that one, whatever the language.
    expect(tierName('gold', 'vi', [{ name: 'gold', label: 'Золотой' }])).toBe('Золотой');
  });

  it('names the unassessed in the reader’s language, with or without a tier', () => {
    expect(tierName(null, 'ru', table)).toBe('Без оценки');
    expect(tierName('unassessed', 'vi', table)).toBe('Chưa xếp hạng');
  });

  it('names a tier the table no longer has by its name, and says so', () => {
    expect(tierName('platinum', 'en', table)).toBe('platinum (no longer in the table)');
    expect(tierName('platinum', 'ru')).toBe('platinum (больше нет в таблице)');
  });
});
