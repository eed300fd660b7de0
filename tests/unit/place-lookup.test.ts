import { describe, expect, it } from 'vitest';
import { placeCodeOf, placeList } from '../../shared/console/i18n/place-lookup.ts';

describe('places typed by name or code', () => {
  it('finds a country by its code or by its name in Russian, Vietnamese or English, case and diacritics aside', () => {
    for (const typed of ['VN', 'vn', 'Vietnam', 'Việt Nam', 'viet nam', 'ВЬЕТНАМ']) {
      expect(placeCodeOf('country', typed), typed).toBe('VN');
    }
    expect(placeCodeOf('country', 'Россия')).toBe('RU');
    expect(placeCodeOf('country', 'XX')).toBeUndefined();
    expect(placeCodeOf('country', 'Atlantis')).toBeUndefined();
  });

  it("finds a region of Russia or Vietnam by code, English, local or the other country's name, with or without its kind", () => {
    expect(placeCodeOf('region', 'ru-mow')).toBe('RU-MOW');
    expect(placeCodeOf('region', 'Saint Petersburg')).toBe('RU-SPE');
    expect(placeCodeOf('region', 'Санкт-Петербург')).toBe('RU-SPE');
    expect(placeCodeOf('region', 'ha noi')).toBe('VN-HN');
    expect(placeCodeOf('region', 'Hồ Chí Minh')).toBe('VN-SG');
    expect(placeCodeOf('region', 'Татарстан')).toBe('RU-TA');
    // In the other country's language too: Vietnamese for Russia's, Russian for Vietnam's.
    expect(placeCodeOf('region', 'Tỉnh Vladimir')).toBe('RU-VLA');
    expect(placeCodeOf('region', 'vung primorsky')).toBe('RU-PRI');
    expect(placeCodeOf('region', 'Mát-xcơ-va')).toBe('RU-MOW');
    expect(placeCodeOf('region', 'Ханой')).toBe('VN-HN');
    expect(placeCodeOf('region', 'Куангнинь')).toBe('VN-13');
    // A well-formed code ISO does not list for these countries is no region.
    expect(placeCodeOf('region', 'RU-XXX')).toBeUndefined();
    // A country is not a region.
    expect(placeCodeOf('region', 'Vietnam')).toBeUndefined();
  });

  it('splits a list on commas, semicolons and lines, codes on spaces too; once each, in order', () => {
    expect(placeList('country', 'VN TH, Лаос;\nvietnam')).toEqual({ codes: ['VN', 'TH', 'LA'], unknown: [] });
    expect(placeList('region', 'Москва, Narnia, , RU-SPE')).toEqual({
      codes: ['RU-MOW', 'RU-SPE'],
      unknown: ['Narnia'],
    });
    expect(placeList('country', '  ')).toEqual({ codes: [], unknown: [] });
  });
});
