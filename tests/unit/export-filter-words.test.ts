import { describe, expect, it } from 'vitest';
import { exportFilterWords } from '../../shared/console/pages/shell/export-filter-words.ts';

describe('an export filter on the audit log', () => {
  it('reads each filter by the directory’s words in the reader’s language, in the order recorded', () => {
    expect(exportFilterWords('sector=logistics&status=suspended', 'vi')).toEqual([
      'Ngành: Logistics',
      'Trạng thái: Tạm ngừng',
    ]);
    expect(exportFilterWords('q=%D0%B2%D0%BB%D0%B0', 'ru')).toEqual(['Название: «вла»']);
    expect(exportFilterWords('region=VN-HN&tier=gold', 'ru')).toEqual([
      'Регион: Hanoi (VN-HN)',
      'Категория: gold',
    ]);
    expect(exportFilterWords('interest=chemicals', 'en')).toEqual(['Interest: Chemicals']);
  });

  it('keeps what the directory no longer names as it was written', () => {
    expect(exportFilterWords('colour=red&status=dormant', 'en')).toEqual(['colour: red', 'Status: dormant']);
    expect(exportFilterWords('', 'en')).toEqual([]);
  });
});
