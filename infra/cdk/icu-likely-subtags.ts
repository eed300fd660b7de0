/**
 * ICU's likely-subtags data (`langInfo.res`, its "likely" table) cut to the languages the CRM formats
 * in, for every function beside the cut locale index (icu-locale-index.ts).
 *
 * Why: the first date formatter of a process makes ICU load its likely subtags (which script and
 * region a language goes with: `ru` → `ru-Cyrl-RU`), and loading decodes every one of the table's
 * ~7,500 language-script-region triples into interned strings: ~5 of the ~8 ms that formatter costs
 * a cold process, on every cold start of a page that shows a date. A table whose triples are the
 * ones our languages and `und` (a lookup by script or region alone) reach has ~450, and the formatter
 * costs ~3 ms.
 *
 * How: the table's trie maps subtags to indexes into the list of triples. Its values are renumbered
 * where they lie (icu-bytes-trie.ts), so the trie keeps its shape; a value of a language we do not
 * format in is pointed at `und`'s triple (`en-Latn-US`) unless one of ours reads the same triple: such
 * a language keeps its own subtag and takes English's script and region, which only `Intl.Locale` on
 * its tag shows (our code calls none). The aliases, the M49 codes and the locale matcher's data are
 * kept as they are.
 */

import { rewriteTrieValue, trieValues } from './icu-bytes-trie.ts';

/** The languages whose likely subtags are kept: the CRM's three, and `und` (the trie's "*"). */
export const LIKELY_SUBTAGS_LANGUAGES = ['en', 'ru', 'vi', 'und'] as const;

/**
 * The list's first two entries are markers, not triples, and keep their places: 0 is none, 1 says
 * "skip the script" (an intermediate value the trie holds after some languages).
 */
const MARKERS = [0, 1];

/** The trie's key for `und` (and for an empty script or region): a lone "*". */
const EMPTY_SUBTAG = 0x2a;

/** A key's subtags: each ends with a byte whose high bit is set, or is a lone "*". */
export function keySubtags(key: readonly number[]): string[] {
  const subtags: string[] = [];
  let current = '';
  for (const byte of key) {
    if (byte === EMPTY_SUBTAG && current === '') {
      subtags.push('');
      continue;
    }
    current += String.fromCharCode(byte & 0x7f);
    if (byte & 0x80) {
      subtags.push(current);
      current = '';
    }
  }
  return subtags;
}

interface LikelyTable {
  lsrs: number[];
  trie: Uint8Array;
  /** Where the triples' list and the trie lie in the dump, to write them back. */
  lsrSpan: [number, number];
  trieSpan: [number, number];
}

/** The "likely" table's list of triples and trie, from `derb`'s dump of `langInfo`. */
export function readLikelyTable(dump: string): LikelyTable {
  const likely = dump.indexOf('likely{');
  const match = dump.indexOf('match{');
  if (likely < 0 || match < likely)
    throw new Error('not a dump of langInfo: no "likely" table before "match"');
  const span = (pattern: RegExp): [number, number, string] => {
    pattern.lastIndex = likely;
    const found = pattern.exec(dump);
    if (!found || found.index > match) throw new Error(`the "likely" table has no ${pattern.source}`);
    const start = found.index + found[0].indexOf(found[1]!);
    return [start, start + found[1]!.length, found[1]!];
  };
  const [lsrStart, lsrEnd, lsrText] = span(/lsrnum:intvector \{([^}]*)\}/g);
  const [trieStart, trieEnd, trieHex] = span(/trie:binary \{ ?([0-9A-Fa-f]+) ?\}/g);
  return {
    lsrs: lsrText
      .split(',')
      .map((each) => each.trim())
      .filter(Boolean)
      .map(Number),
    trie: Uint8Array.from(Buffer.from(trieHex, 'hex')),
    lsrSpan: [lsrStart, lsrEnd],
    trieSpan: [trieStart, trieEnd],
  };
}

/** The dump with the "likely" table cut to our languages; `genrb` compiles it to `langInfo.res`. */
export function cutLikelySubtags(dump: string): string {
  const { lsrs, trie, lsrSpan, trieSpan } = readLikelyTable(dump);
  const kept = new Set<string>(
    LIKELY_SUBTAGS_LANGUAGES.map((language) => (language === 'und' ? '' : language)),
  );
  const values = trieValues(trie);
  const und = values.find(({ key, final }) => final && keySubtags(key).join('-') === '--')?.value;
  if (und === undefined) throw new Error("the trie has no value for und (its '***')");
  const reached = values.filter(({ key }) => kept.has(keySubtags(key)[0] ?? '')).map(({ value }) => value);
  // und's triple right after the markers, so that a value of 0–64, which the trie holds in one byte,
  // can fall back to it where it lies.
  const order = [...new Set([...MARKERS, und, ...reached.sort((a, b) => a - b)])];
  const position = new Map(order.map((index, at) => [index, at]));
  for (const { at, value } of values) rewriteTrieValue(trie, at, position.get(value) ?? position.get(und)!);
  const replacements: [[number, number], string][] = [
    [lsrSpan, ` ${order.map((index) => lsrs[index]).join(', ')} `],
    [trieSpan, Buffer.from(trie).toString('hex').toUpperCase()],
  ];
  // The later span first, so the earlier one's offsets still hold.
  return replacements
    .sort(([[a]], [[b]]) => b - a)
    .reduce(
      (text, [[start, end], replacement]) => text.slice(0, start) + replacement + text.slice(end),
      dump,
    );
}
