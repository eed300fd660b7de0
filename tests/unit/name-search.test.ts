import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SEARCH_KEY_LENGTH,
  MAX_SEARCH_KEYS,
  normalizeForSearch,
  SORT_NAME_LENGTH,
  searchKeys,
  searchPartition,
  searchQuery,
  sortName,
} from '../../shared/domain/name-search.ts';

function finds(query: string, name: string): boolean {
  const q = searchQuery(query);
  if (q === null) return false;
  return searchKeys(name).some((key) => key.startsWith(q) && searchPartition(key) === searchPartition(q));
}

const NORMALIZED = /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/;

describe('normalizeForSearch', () => {
  it.each([
    ['Владкон', 'vladkon'],
    ['Щукин', 'shchukin'],
    ['Жуков', 'zhukov'],
    ['Việt', 'viet'],
    ['Đà Nẵng', 'da nang'],
    ['Ёлка', 'elka'],
    ['Елка', 'elka'],
    ['Хабаровск', 'khabarovsk'],
    ['Центр', 'tsentr'],
    ['Подъём', 'podyem'],
    ['Müller Anlagenbau', 'muller anlagenbau'],
    ['ООО «Владкон»', 'ooo vladkon'],
    ['  Công ty   TNHH, "Việt—Tiến"! ', 'cong ty tnhh viet tien'],
    ['Ромашка-2000', 'romashka 2000'],
    ["McDonald's", 'mcdonalds'],
    ['O’Neil & Sons', 'oneil sons'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('treats composed and decomposed Vietnamese alike', () => {
    const composed = 'Việt Tiến'.normalize('NFC');
    const decomposed = 'Việt Tiến'.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(normalizeForSearch(decomposed)).toBe(normalizeForSearch(composed));
  });

  it('turns emoji and odd punctuation into nothing or separators, never a crash', () => {
    expect(normalizeForSearch('🚀 Rocket™ «»“”‘’ — Co.,Ltd. ①')).toBe('rocket co ltd 1');
    expect(normalizeForSearch('🚀🔥')).toBe('');
    expect(normalizeForSearch('')).toBe('');
    expect(normalizeForSearch('\u0301\u0000\uFFFD')).toBe('');
  });

  it('always yields lowercase ASCII words separated by single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(normalizeForSearch(s)).toMatch(NORMALIZED);
      }),
    );
  });
});

describe('searchKeys with searchQuery (prefix match)', () => {
  it.each([
    ['vladkon', 'ООО «Владкон»'],
    ['Владкон', 'ООО «Владкон»'],
    ['ооо влад', 'ООО «Владкон»'],
    ['viet', 'Công ty TNHH Việt Tiến'],
    ['việt', 'Công ty TNHH Việt Tiến'],
    ['VIỆT TI', 'Công ty TNHH Việt Tiến'],
    ['cong ty', 'Công ty TNHH Việt Tiến'],
    ['Công ty TNHH', 'Công ty TNHH Việt Tiến'],
    ['tien', 'Công ty TNHH Việt Tiến'],
    ['Vladkon', 'АО Владкон-Инжиниринг'],
    ['inzhiniring', 'АО Владкон-Инжиниринг'],
    ['engineering', 'Vladkon Engineering LLC'],
    ['владкон', 'Vladkon Engineering LLC'],
    ['đà', 'Đà Nẵng Foods JSC'],
    ['da nang', 'Đà Nẵng Foods JSC'],
    ['foods', 'Đà Nẵng Foods JSC'],
    ['елка', 'ИП «Ёлка»'],
    ['khabarovsk', 'ПАО «Хабаровскэнерго»'],
  ])('%j finds %j', (query, name) => {
    expect(finds(query, name)).toBe(true);
  });

  it.each([
    ['vladkon', 'Công ty TNHH Việt Tiến'],
    ['tien viet', 'Công ty TNHH Việt Tiến'],
    ['ladkon', 'ООО «Владкон»'],
    ['engineering', 'АО Владкон-Инжиниринг'],
    ['nang foods jsc x', 'Đà Nẵng Foods JSC'],
  ])('%j does not find %j', (query, name) => {
    expect(finds(query, name)).toBe(false);
  });

  it('indexes the full name, the name without legal forms, and its word-start suffixes', () => {
    expect(searchKeys('Công ty TNHH Việt Tiến')).toEqual(['cong ty tnhh viet tien', 'viet tien', 'tien']);
    expect(searchKeys('ООО «Владкон»')).toEqual(['ooo vladkon', 'vladkon']);
    expect(searchKeys('Vladkon Engineering LLC')).toEqual([
      'vladkon engineering llc',
      'vladkon engineering',
      'engineering',
    ]);
  });

  it.each([
    ['Публичное акционерное общество «Газ»', 'gaz'],
    ['АО Владкон-Инжиниринг', 'vladkon inzhiniring'],
    ['Công ty Cổ phần Tập đoàn Hòa Phát', 'hoa phat'],
    ['Cong ty Co phan Hoa Phat', 'hoa phat'],
    ['Doanh nghiệp tư nhân Minh Anh', 'minh anh'],
    ['OOO Vladkon', 'vladkon'],
    ['Saigon Trading Co., Ltd.', 'saigon trading'],
    ['Công ty TNHH MTV Xây dựng Số 1', 'xay dung so 1'],
    ['ЗАО ГК «Рост»', 'rost'],
  ])('strips legal forms whole, in any script, anywhere: %j', (name, core) => {
    expect(sortName(name)).toBe(core);
    expect(searchKeys(name)[1]).toBe(core);
  });

  it('keeps Vietnamese words that merely fold like a legal form', () => {
    // "Áo" (garment) folds to "ao" like Russian АО but is part of the name.
    expect(searchKeys('Áo Dài Sài Gòn')).toEqual(['ao dai sai gon', 'dai sai gon', 'sai gon', 'gon']);
    expect(sortName('Áo Dài Sài Gòn')).toBe('ao dai sai gon');
    expect(searchKeys('AO Dai')).toContain('dai');
  });

  it('gives a name that is only a legal form a non-empty key', () => {
    expect(searchKeys('ООО')).toEqual(['ooo']);
    expect(searchKeys('Công ty TNHH')).toEqual(['cong ty tnhh']);
    expect(finds('ooo', 'ООО')).toBe(true);
  });

  it('yields no keys, rather than empty ones, for a name with nothing searchable', () => {
    expect(searchKeys('🚀 «» !!!')).toEqual([]);
  });

  it('caps the number and length of keys', () => {
    const long = `ООО ${Array.from({ length: 30 }, (_, i) => `Слово${i}`).join(' ')}`;
    const keys = searchKeys(long);
    expect(keys).toHaveLength(MAX_SEARCH_KEYS);
    expect(keys[0]!.startsWith('ooo slovo0 slovo1')).toBe(true);
    expect(keys[1]!.startsWith('slovo0 slovo1')).toBe(true);
    for (const key of keys) {
      expect(key.length).toBeLessThanOrEqual(MAX_SEARCH_KEY_LENGTH);
      expect(key).toMatch(NORMALIZED);
      expect(key).not.toMatch(/ $/);
    }
  });

  it('still matches a query longer than the key cap against the truncated key', () => {
    const name = 'Alpha '.repeat(40);
    const query = 'alpha '.repeat(30);
    expect(normalizeForSearch(query).length).toBeGreaterThan(MAX_SEARCH_KEY_LENGTH);
    expect(finds(query, name)).toBe(true);
  });

  it('satisfies the key invariants for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const keys = searchKeys(s);
        expect(keys.length).toBeLessThanOrEqual(MAX_SEARCH_KEYS);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) {
          expect(key).not.toBe('');
          expect(key.length).toBeLessThanOrEqual(MAX_SEARCH_KEY_LENGTH);
          expect(key).toMatch(NORMALIZED);
        }
        // Whatever the name, typing its own full name finds it.
        const q = searchQuery(s);
        if (q !== null) expect(keys.some((k) => k.startsWith(q))).toBe(true);
      }),
    );
  });

  it('is deterministic', () => {
    const names = ['ООО «Владкон»', 'Công ty TNHH Việt Tiến', 'Đà Nẵng Foods JSC', '🚀 x'];
    const first = names.map((n) => [searchKeys(n), sortName(n), searchQuery(n)]);
    const second = names.map((n) => [searchKeys(n), sortName(n), searchQuery(n)]);
    expect(second).toEqual(first);
  });
});

describe('searchQuery', () => {
  it.each(['', '   ', '«»', '🚀', '—!?', '\u0301'])('rejects %j as empty', (q) => {
    expect(searchQuery(q)).toBeNull();
  });

  it('normalizes like the keys', () => {
    expect(searchQuery('  ViỆT,  Tiến ')).toBe('viet tien');
    expect(searchQuery('Đà')).toBe('da');
  });
});

describe('sortName', () => {
  it('orders by the name without legal forms, case or script', () => {
    const names = [
      'ООО «Яблоко»',
      'Vladkon Engineering LLC',
      'АО Альфа',
      'Công ty TNHH Việt Tiến',
      'beta Inc',
    ];
    const sorted = [...names].sort((a, b) =>
      sortName(a) < sortName(b) ? -1 : sortName(a) > sortName(b) ? 1 : 0,
    );
    expect(sorted).toEqual([
      'АО Альфа',
      'beta Inc',
      'Công ty TNHH Việt Tiến',
      'Vladkon Engineering LLC',
      'ООО «Яблоко»',
    ]);
  });

  it('falls back to the full name when it is only a legal form', () => {
    expect(sortName('ООО')).toBe('ooo');
    expect(sortName('🚀')).toBe('');
  });

  it('is capped', () => {
    const s = sortName('Công ty '.concat('Dài '.repeat(40)));
    expect(s.length).toBeLessThanOrEqual(SORT_NAME_LENGTH);
    expect(s.startsWith('dai dai')).toBe(true);
    expect(s).not.toMatch(/ $/);
  });
});

describe('searchPartition', () => {
  it('is the first two characters of a key or query', () => {
    expect(searchPartition('vladkon')).toBe('vl');
    expect(searchPartition(searchQuery('Владкон')!)).toBe('vl');
    expect(searchPartition('a b')).toBe('a ');
  });

  it('returns a one-character input whole (callers reject such queries)', () => {
    expect(searchPartition('v')).toBe('v');
  });

  it('puts a query in the same partition as every key it prefixes', () => {
    for (const key of searchKeys('Công ty TNHH Việt Tiến')) {
      for (let n = 2; n <= key.length; n++) {
        expect(searchPartition(key.slice(0, n))).toBe(searchPartition(key));
      }
    }
  });
});
