import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icuDataFiles } from '../../infra/cdk/icu-locale-index.ts';
import { ICU_MAJORS, icuIndexApplies } from '../../shared/runtime/icu-index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sweepScript = join(root, 'tests/support/intl-sweep.mjs');

// The files laid out as a function's package holds them, NODE_ICU_DATA pointing at their directory.
const packageDir = mkdtempSync(join(tmpdir(), 'icu-index-'));
for (const { from, to } of icuDataFiles) {
  mkdirSync(dirname(join(packageDir, to)), { recursive: true });
  copyFileSync(join(root, from), join(packageDir, to));
}
afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

type Sweep = Record<string, Record<string, unknown>> & {
  lookup: string[];
  collatorLookup: string[];
  collators: string[];
  likely: [string, string][];
};

/** What every Intl service makes of our tags in a fresh process, with Lambda's LANG, and the index or not. */
function sweep(withIndex: boolean): Sweep {
  const env = { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' };
  const out = execFileSync(process.execPath, [sweepScript], {
    env: withIndex ? { ...env, NODE_ICU_DATA: join(packageDir, 'icu') } : env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as Sweep;
}

describe("ICU's locale index cut to the CRM's tags", () => {
  let full: Sweep;
  let cut: Sweep;
  beforeAll(() => {
    full = sweep(false);
    cut = sweep(true);
  });

  it('is shipped for the ICU of the Node.js the functions are built and tested with', () => {
    const major = Number(process.versions.icu?.split('.')[0]);
    expect(ICU_MAJORS).toContain(major);
    expect(icuIndexApplies()).toBe(true);
    // Another ICU reads no index named for these: the HTTP functions say so at start.
    expect(icuIndexApplies('79.1')).toBe(false);
    expect(icuIndexApplies('7.1')).toBe(false);
    expect(icuIndexApplies('')).toBe(false);
    expect(icuDataFiles.map(({ to }) => to)).toEqual(
      ICU_MAJORS.flatMap((known) => [
        `icu/icudt${known}l/res_index.res`,
        `icu/icudt${known}l/coll/res_index.res`,
        `icu/icudt${known}l/langInfo.res`,
      ]),
    );
  });

  it('is what ICU lists as installed: a locale we do not format in is no longer offered', () => {
    const lookup = ['de', 'ru-RU', 'vi-VN', 'en-GB', 'th'];
    expect(full.lookup).toEqual(lookup);
    expect(cut.lookup).toEqual(['ru-RU', 'vi-VN', 'en-GB']);
    // Collation's own index: cut as well, and still naming the locales the full one resolves ours to.
    expect(full.collatorLookup).toEqual(lookup);
    expect(cut.collatorLookup).toEqual(['ru-RU', 'vi-VN', 'en-GB']);
    expect(cut.collators).toEqual(full.collators);
    expect(cut.collators).toEqual(['ru', 'vi', 'en', 'ru', 'vi', 'en', 'en-US', 'en-US']);
  });

  it('formats dates, numbers, names, plurals and orders words exactly as the full index does', () => {
    const tags = Object.keys(full).filter(
      (key) => !['lookup', 'collatorLookup', 'collators', 'likely'].includes(key),
    );
    // The sweep reaches every service for every tag: a broken probe would compare two empty objects.
    expect(tags).toHaveLength(8);
    expect(JSON.stringify(full).length).toBeGreaterThan(100_000);
    for (const tag of tags) {
      for (const [what, values] of Object.entries(full[tag]!))
        expect(cut[tag]![what], `${tag} ${what}`).toEqual(values);
    }
  });

  it("maximizes and minimizes our languages' tags and und's as the full data does, but six", () => {
    // 4 languages × (1 + 676 regions + 12 scripts + 96 script-region pairs).
    expect(full.likely).toHaveLength(4 * 785);
    expect(full.likely).toContainEqual(['ru-Cyrl-RU', 'ru']);
    expect(full.likely).toContainEqual(['vi-Latn-VN', 'vi']);
    expect(cut.likely.map(([maximized]) => maximized)).toEqual(full.likely.map(([maximized]) => maximized));
    // Minimizing a tag that maximizes to another language reads that language's likely subtags, which
    // are cut: it keeps its script (`und-Hant-VN` → `zh-Hant-VN`, not `zh-VN`). Our code minimizes none.
    const differing = cut.likely.filter((pair, i) => pair[1] !== full.likely[i]![1]);
    expect(differing.map(([maximized]) => maximized)).toEqual([
      'ti-Ethi-ER',
      'zh-Hant-VN',
      'zh-Hant-US',
      'zh-Hant-GB',
      'zh-Hant-TH',
      'mnw-Mymr-TH',
    ]);
  });
});
