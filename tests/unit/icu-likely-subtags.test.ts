import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rewriteTrieValue, trieValues } from '../../infra/cdk/icu-bytes-trie.ts';
import { cutLikelySubtags, keySubtags, readLikelyTable } from '../../infra/cdk/icu-likely-subtags.ts';

// One directory per ICU version shipped (icu-locale-index.test.ts ties them to the functions' files).
const shipped = fileURLToPath(new URL('../../infra/cdk/icu-locale-index/likely-subtags/', import.meta.url));
const versions = readdirSync(shipped);
const dumpOf = (version: string) => readFileSync(`${shipped}${version}/langInfo.txt`, 'utf8');

// ICU's UScriptCode numbers (uscript.h) of the scripts our languages are written in.
const CYRILLIC = 8;
const LATIN = 25;

/** A triple as ICU encodes it in "lsrnum": language and region letters base 27, the script's number on top. */
function triple(encoded: number): [string, number, string] {
  const letters = (n: number, count: number, base: number) =>
    Array.from({ length: count }, (_, i) => Math.floor(n / 27 ** i) % 27)
      .filter((digit) => digit > 0)
      .map((digit) => String.fromCharCode(base + digit - 1))
      .join('');
  const low = encoded & 0xffffff;
  return [letters(low % 27 ** 3, 3, 97), encoded >>> 24, letters(Math.floor(low / 27 ** 3) % 27 ** 2, 2, 65)];
}

it('is shipped for two ICU versions', () => {
  expect(versions.sort()).toEqual(['icudt77l', 'icudt78l']);
});

describe.each(versions)('the likely subtags shipped in %s', (version) => {
  const dump = dumpOf(version);
  const { lsrs, trie } = readLikelyTable(dump);
  const values = trieValues(trie);
  const lookUp = (...subtags: string[]) =>
    values.find(({ key, final }) => final && keySubtags(key).join('-') === subtags.join('-'))?.value;

  it("keeps the trie's every key, each pointing inside the cut list of triples", () => {
    expect(lsrs.length).toBeGreaterThan(400);
    expect(lsrs.length).toBeLessThan(600);
    expect(values.length).toBeGreaterThan(8000);
    for (const { value } of values) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(lsrs.length);
    }
    // Another language's keys are still there, so lookups keep their paths; each reads a triple one of
    // our keys (or und's) reads, or one of the first 65, which keep their places (a one-byte value stays
    // one byte), or else und's own.
    const ours = (key: number[]) => ['ru', 'vi', 'en', ''].includes(keySubtags(key)[0]!);
    const others = values.filter(({ key }) => !ours(key));
    expect(others.length).toBeGreaterThan(7000);
    const read = new Set(values.filter(({ key }) => ours(key)).map(({ value }) => value));
    for (const { value } of others) if (value >= 65) expect(read.has(value), String(value)).toBe(true);
    expect(others.filter(({ value }) => value === lookUp('', '', '')).length).toBeGreaterThan(5000);
  });

  it('maps our languages and und to their own script and region', () => {
    expect(triple(lsrs[lookUp('ru')!]!)).toEqual(['ru', CYRILLIC, 'RU']);
    expect(triple(lsrs[lookUp('vi')!]!)).toEqual(['vi', LATIN, 'VN']);
    expect(triple(lsrs[lookUp('en', '')!]!)).toEqual(['en', LATIN, 'US']);
    expect(triple(lsrs[lookUp('', '', '')!]!)).toEqual(['en', LATIN, 'US']);
    expect(triple(lsrs[lookUp('', '', 'VN')!]!)).toEqual(['vi', LATIN, 'VN']);
    expect(triple(lsrs[lookUp('', 'Cyrl', '')!]!)).toEqual(['ru', CYRILLIC, 'RU']);
  });

  it('is its own cut: cutting it again changes nothing', () => {
    expect(cutLikelySubtags(dump)).toBe(dump);
  });
});

describe('a trie value rewritten in place', () => {
  it('keeps its length and its final mark, and refuses what its length cannot hold', () => {
    // A one-byte final value 5 ((0x10 + 5) << 1 | 1), then a two-byte intermediate value 300.
    const bytes = Uint8Array.of(((0x10 + 5) << 1) | 1, (0x51 + 1) << 1, 300 & 0xff);
    rewriteTrieValue(bytes, 0, 64);
    rewriteTrieValue(bytes, 1, 6911);
    expect([...bytes]).toEqual([((0x10 + 64) << 1) | 1, (0x51 + 26) << 1, 0xff]);
    expect(() => rewriteTrieValue(bytes, 0, 65)).toThrow(RangeError);
    expect(() => rewriteTrieValue(bytes, 1, 6912)).toThrow(RangeError);
  });
});
