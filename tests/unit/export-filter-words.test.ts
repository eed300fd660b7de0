import { describe, expect, it } from 'vitest';
import { exportFilterWords } from '../../shared/console/pages/shell/export-filter-words.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';

const { tiers } = seedTierTable;

describe('an export filter on the audit log', () => {
  it('reads each filter by the directory’s words in the reader’s language, in the order recorded', () => {
    expect(exportFilterWords('sector=logistics&status=suspended', 'vi', tiers)).toEqual([
      'Ngành: Logistics',
      'Trạng thái: Tạm ngừng',
    ]);
    expect(exportFilterWords('q=%D0%B2%D0%BB%D0%B0', 'ru', tiers)).toEqual(['Название: «вла»']);
    expect(exportFilterWords('region=VN-HN&tier=gold', 'ru', tiers)).toEqual([
      'Регион: Ханой (VN-HN)',
      'Категория: gold (больше нет в таблице)',
    ]);
    expect(exportFilterWords('interest=chemicals', 'en', tiers)).toEqual(['Interest: Chemicals']);
  });

  it('names a tier by its label in the reader’s language, one the table no longer has by its name', () => {
    expect(exportFilterWords('tier=small&country=VN', 'ru', tiers)).toEqual([
      'Категория: Малое предприятие',
      'Страна: Вьетнам',
    ]);
    expect(exportFilterWords('tier=small', 'vi', tiers)).toEqual(['Hạng: Doanh nghiệp nhỏ']);
    expect(exportFilterWords('tier=unassessed', 'en', tiers)).toEqual(['Tier: Not assessed']);
    // Only a label in one language: every reader sees that one.
    const oneLabel = [{ name: 'gold', label: 'Gold' }];
    expect(exportFilterWords('tier=gold', 'ru', oneLabel)).toEqual(['Категория: Gold']);
  });

  it('keeps what the directory no longer names as it was written', () => {
    expect(exportFilterWords('colour=red&status=dormant', 'en', tiers)).toEqual([
      'colour: red',
      'Status: dormant',
    ]);
    expect(exportFilterWords('', 'en', tiers)).toEqual([]);
  });
});
