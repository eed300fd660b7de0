import { describe, expect, it } from 'vitest';
import { locales } from '../../shared/console/i18n/locales.ts';
import { countryChoices } from '../../shared/console/i18n/names.ts';
import { placeCodeOf, placeList, placesText, placeText } from '../../shared/console/i18n/place-lookup.ts';
import { regionChoices, regionLabel } from '../../shared/console/i18n/region-names.ts';
import { typedSpelling, websiteAsTyped, withoutMarks } from '../../shared/console/i18n/typed-text.ts';
import { countrySchema } from '../../shared/domain/member-schema.ts';
import { regionsOf } from '../../shared/domain/regions.ts';

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
    // As people also write them: without hyphens or spaces, abbreviated, by an older or shorter name.
    for (const [typed, code] of [
      ['Mát-xcơva', 'RU-MOW'],
      ['Moskva', 'RU-MOW'],
      ['TP. Hồ Chí Minh', 'VN-SG'],
      ['TP.HCM', 'VN-SG'],
      ['Sài Gòn', 'VN-SG'],
      ['Huế', 'VN-26'],
      ['Thừa Thiên Huế', 'VN-26'],
      ['Приморье', 'RU-PRI'],
      ['Vùng Altai', 'RU-ALT'],
      ['Cộng hòa Altai', 'RU-AL'],
    ] as const) {
      expect(placeCodeOf('region', typed), typed).toBe(code);
    }
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

  it('reads back every country a member may hold, as a form shows it in each language, alone or listed', () => {
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    const accepted = letters.flatMap((a) =>
      letters.map((b) => a + b).filter((code) => countrySchema.safeParse(code).success),
    );
    expect(accepted).toEqual(expect.arrayContaining(['VN', 'NO', 'UY', 'HK', 'XK', 'EU']));
    for (const locale of locales) {
      for (const code of accepted)
        expect(placeCodeOf('country', placeText('country', code, locale)), code).toBe(code);
      expect(placeList('country', placesText('country', accepted, locale))).toEqual({
        codes: accepted,
        unknown: [],
      });
    }
    // Vietnamese names Norway "Na Uy": a name as a whole, not the codes NA and UY.
    expect(placeList('country', 'Ba Lan, Na Uy').codes).toEqual(['PL', 'NO']);
  });

  it('reads back every listed region as a form shows it in each language', () => {
    const listed = ['RU', 'VN'].flatMap((country) => regionsOf(country).map((region) => region.code));
    expect(listed).toHaveLength(83 + 63);
    for (const locale of locales) {
      for (const code of listed)
        expect(placeCodeOf('region', placeText('region', code, locale)), code).toBe(code);
    }
  });

  it('knows a country by its short name or its name without the bracket too', () => {
    expect(placeCodeOf('country', 'Гонконг')).toBe('HK');
    expect(placeCodeOf('country', 'Hồng Kông')).toBe('HK');
    expect(placeCodeOf('country', 'Мьянма')).toBe('MM');
    expect(placeCodeOf('country', 'Великобритания')).toBe('GB');
    expect(placeCodeOf('country', 'Kosovo')).toBe('XK');
  });
});

describe('Vietnam’s provinces merged in 2025', () => {
  it('are shown with the province they are part of now, in the reader’s language', () => {
    expect(regionLabel('VN-57', 'vi')).toBe('Bình Dương (VN-57; từ năm 2025 thuộc Thành phố Hồ Chí Minh)');
    expect(regionLabel('VN-57', 'ru')).toBe('Биньзыонг (VN-57; с 2025 года входит в Хошимин)');
    expect(regionLabel('VN-57', 'en')).toBe('Binh Duong (VN-57; part of Ho Chi Minh City since 2025)');
    expect(regionLabel('VN-SG', 'vi')).toBe('Thành phố Hồ Chí Minh (VN-SG)');
    expect(regionLabel('RU-MOW', 'ru')).toBe('Москва (RU-MOW)');
  });

  it('read back from a label as a record shows it, the code in brackets', () => {
    expect(placeCodeOf('region', 'Хошимин (VN-SG)')).toBe('VN-SG');
    expect(placeCodeOf('region', 'Thành phố Hồ Chí Minh (vn-sg)')).toBe('VN-SG');
    expect(placeCodeOf('region', 'Binh Duong (VN-57; part of Ho Chi Minh City since 2025)')).toBe('VN-57');
    expect(placeCodeOf('region', 'Nowhere (VN-99)')).toBeUndefined();
  });

  it('are offered after the 34 as they are now, each with its note, and read back by their own name', () => {
    for (const locale of locales) {
      const vn = regionChoices(locale).filter((c) => c.code.startsWith('VN-'));
      const firstMerged = vn.findIndex((c) => c.note !== undefined);
      expect(firstMerged).toBe(34);
      expect(vn.slice(firstMerged).every((c) => c.note !== undefined)).toBe(true);
      for (const { code, name } of vn) expect(placeCodeOf('region', name), code).toBe(code);
    }
  });
});

describe('a place suggested as typed without its letters', () => {
  it('is its name without marks, or its English name where it is written in another script', () => {
    expect(withoutMarks('Thành phố Hồ Chí Minh')).toBe('Thanh pho Ho Chi Minh');
    expect(withoutMarks('Đà Nẵng')).toBe('Da Nang');
    expect(typedSpelling('Thành phố Hồ Chí Minh', 'Ho Chi Minh City')).toBe('Thanh pho Ho Chi Minh');
    expect(typedSpelling('Москва', 'Moscow')).toBe('Moscow');
    expect(typedSpelling('Кот-д’Ивуар', 'Côte d’Ivoire')).toBe('Cote d’Ivoire');
    expect(typedSpelling('Türkiye', 'Türkiye')).toBe('Turkiye');
    expect(typedSpelling('Thailand', 'Thailand')).toBeUndefined();
    expect(typedSpelling('Tỉnh Vladimir', 'Vladimir Oblast')).toBe('Tinh Vladimir');
  });

  it('is offered for every name with marks or in Cyrillic, and read back as the place it is offered for', () => {
    const letters = (text: string) =>
      /[^\p{Script=Latin}\P{L}]|\p{M}/u.test(text.normalize('NFD')) || /[đĐ]/.test(text);
    for (const locale of locales) {
      for (const { code, name, typed } of regionChoices(locale)) {
        expect(typed !== undefined, `${locale} ${name}`).toBe(letters(name));
        if (typed) expect(placeCodeOf('region', typed), `${locale} ${typed}`).toBe(code);
      }
      for (const { code, name, typed } of countryChoices(locale)) {
        // Not for a spelling of two letters, which is typed as an ISO code: Vietnamese Áo (AT) as "Ao".
        expect(typed !== undefined, `${locale} ${name}`).toBe(letters(name) && withoutMarks(name).length > 2);
        if (typed) expect(placeCodeOf('country', typed), `${locale} ${typed}`).toBe(code);
      }
    }
    expect(countryChoices('vi').find((c) => c.code === 'AT')?.typed).toBeUndefined();
  });
});

describe('a website as typed', () => {
  it('gets https:// where it is a host name without a scheme, and is left as it is otherwise', () => {
    expect(websiteAsTyped('vladalyans.ru')).toBe('https://vladalyans.ru');
    expect(websiteAsTyped('www.vladkon.ru/about?x=1')).toBe('https://www.vladkon.ru/about?x=1');
    expect(websiteAsTyped('viettien.com.vn:8080')).toBe('https://viettien.com.vn:8080');
    expect(websiteAsTyped('владкон.рф')).toBe('https://владкон.рф');
    for (const kept of ['https://vladkon.ru', 'http://x.vn', 'mailto:a@b.ru', 'vladkon', 'a@b.ru', '']) {
      expect(websiteAsTyped(kept), kept).toBe(kept);
    }
  });
});
