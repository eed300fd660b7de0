import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(lsrs.length).toBeLessThan(500);
    expect(values.length).toBeGreaterThan(8000);
    for (const { value } of values) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(lsrs.length);
    }
    // Another language's keys are still there, so lookups keep their paths; each reads a triple one of
    // our keys (or und's) reads, or else und's own, or a marker (0, 1).
    const ours = (key: number[]) => ['ru', 'vi', 'en', ''].includes(keySubtags(key)[0]!);
    const others = values.filter(({ key }) => !ours(key));
    expect(others.length).toBeGreaterThan(7000);
    const read = new Set([0, 1, ...values.filter(({ key }) => ours(key)).map(({ value }) => value)]);
    for (const { value } of others) expect(read.has(value), String(value)).toBe(true);
    expect(others.filter(({ value }) => value === lookUp('', '', '')).length).toBeGreaterThan(5000);
  });

  it('is the data genrb compiled: the binary holds the same trie and list of triples', () => {
    const compiled = readFileSync(`${shipped}${version}/langInfo.res`);
    expect(compiled.indexOf(Buffer.from(trie))).toBeGreaterThan(0);
    const list = Buffer.alloc(lsrs.length * 4);
    for (const [i, encoded] of lsrs.entries()) list.writeInt32LE(encoded | 0, i * 4);
    expect(compiled.indexOf(list)).toBeGreaterThan(0);
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

describe("the likely subtags of this process's ICU, read by ICU itself", () => {
  const version = `icudt${process.versions.icu?.split('.')[0]}l`;
  const tags = [
    ...new Set(
      trieValues(readLikelyTable(dumpOf(version)).trie).map(({ key }) => {
        const [language, script, region] = keySubtags(key);
        return [language || 'und', script, region].filter(Boolean).join('-');
      }),
    ),
  ];
  const data = mkdtempSync(join(tmpdir(), 'likely-subtags-'));
  mkdirSync(join(data, version));
  copyFileSync(`${shipped}${version}/langInfo.res`, join(data, version, 'langInfo.res'));
  afterAll(() => rmSync(data, { recursive: true, force: true }));
  /** Every tag maximized by a fresh process, with the shipped data or with Node.js's own. */
  const maximized = (withCut: boolean): string[] => {
    const code =
      "const tags = JSON.parse(require('fs').readFileSync(0, 'utf8'));" +
      'process.stdout.write(JSON.stringify(tags.map((tag) => { try { return new Intl.Locale(tag).maximize().toString(); } catch (error) { return String(error); } })));';
    const env = { PATH: process.env.PATH ?? '', ...(withCut ? { NODE_ICU_DATA: data } : {}) };
    return JSON.parse(
      execFileSync(process.execPath, ['-e', code], { input: JSON.stringify(tags), env, encoding: 'utf8' }),
    ) as string[];
  };

  it("maximizes every key's tag as the full data does, or with und's script and region where its triple was cut", () => {
    expect(tags.length).toBeGreaterThan(8000);
    const full = maximized(false);
    const cut = maximized(true);
    let same = 0;
    let fallen = 0;
    for (const [i, tag] of tags.entries()) {
      if (cut[i] === full[i]) {
        same++;
        continue;
      }
      // The language as the full data has it (aliases included); what the tag did not give, und's.
      const given = tag.split('-').slice(1);
      const [language, script, region] = full[i]!.split('-');
      const gaveScript = given.some((subtag) => /^[A-Z][a-z]{3}$/.test(subtag));
      const gaveRegion = given.some((subtag) => /^([A-Z]{2}|\d{3})$/.test(subtag));
      const fallback = [language, gaveScript ? script : 'Latn', gaveRegion ? region : 'US'].join('-');
      expect(cut[i], `${tag}: ${full[i]}`).toBe(fallback);
      fallen++;
    }
    expect(same).toBeGreaterThan(1000);
    expect(fallen).toBeGreaterThan(5000);
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
    expect(() => rewriteTrieValue(bytes, 0, -1)).toThrow(RangeError);
    // A three-byte final value: lead (0x6c + (v >> 16)) << 1 | 1, then v's two low bytes.
    const three = Uint8Array.of(((0x6c + 1) << 1) | 1, 0x00, 0x01);
    rewriteTrieValue(three, 0, 0x11ffff);
    expect([...three]).toEqual([((0x6c + 0x11) << 1) | 1, 0xff, 0xff]);
    expect(() => rewriteTrieValue(three, 0, 0x120000)).toThrow(RangeError);
  });
});
