import transliterate from '@sindresorhus/transliterate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import lean from '../../infra/cdk/transliterate-without-locales.ts';
// @ts-expect-error replacements.js ships no types; this test checks what the lean module assumes of it.
import libraryReplacements from '../../node_modules/@sindresorhus/transliterate/replacements.js';

const replacements = libraryReplacements as unknown;
// What name search passes (shared/domain/name-search.ts).
const nameSearchOptions = { customReplacements: [['щ', 'shch']] as [string, string][] };

const names = [
  'ООО «Владкон»',
  'Щёлковский завод',
  'Công ty TNHH Việt Tiến',
  'Tổng Công ty Đường sắt Việt Nam',
  'บริษัท ไทยเบฟเวอเรจ จำกัด',
  'Ἑλληνική — Εταιρεία',
  'Straße – Müller & Söhne',
  'ǅemal Œuvre Æsir',
  'Ünïcödé—dash‐hyphen',
  'Հայաստան ու',
];

describe('transliterate without locales (the bundles’ @sindresorhus/transliterate alias)', () => {
  it('reads the library’s replacement table, a Map of strings', () => {
    expect(replacements).toBeInstanceOf(Map);
    const entries = [...(replacements as Map<unknown, unknown>)];
    expect(entries.length).toBeGreaterThan(1000);
    expect(entries.every(([key, value]) => typeof key === 'string' && typeof value === 'string')).toBe(true);
  });

  it('gives the library’s output for every replacement it has, alone and within text', () => {
    for (const key of (replacements as Map<string, string>).keys()) {
      for (const text of [key, `a${key}b ${key.toUpperCase()}-x`]) {
        expect(lean(text), text).toBe(transliterate(text));
        expect(lean(text, nameSearchOptions), text).toBe(transliterate(text, nameSearchOptions));
      }
    }
  });

  it('gives the library’s output for names in each script we serve', () => {
    for (const name of names) {
      expect(lean(name), name).toBe(transliterate(name));
      expect(lean(name, nameSearchOptions), name).toBe(transliterate(name, nameSearchOptions));
    }
  });

  it('gives the library’s output for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(lean(text, nameSearchOptions)).toBe(transliterate(text, nameSearchOptions));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a locale rather than ignoring it', () => {
    expect(() => lean('å', { locale: 'sv' })).toThrow(/no locales/);
  });
});
