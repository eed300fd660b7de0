/**
 * ICU's indexes of installed locales, cut to the tags the CRM formats with, for every function.
 *
 * Why: the first `Intl` formatter of a kind in a process (a date, a number, a country's name) makes V8
 * list which of ICU's ~800 installed locales can serve that kind, opening each one's data to check:
 * 12–19 ms for the first kind, ~3–4 ms for each next one, on every cold start of a page that shows a
 * date and an amount. Node.js looks for ICU data in `NODE_ICU_DATA` before the data built into it,
 * item by item, so this one index beside the bundle narrows that list to our tags (the first formatter
 * then costs ~2.5 ms, each next kind ~0.2 ms); every locale's data still comes from Node.js itself.
 * Collation keeps an index of its own (the "coll" tree's), which the first comparison of a process
 * reads the same way (`localeCompare` or an `Intl.Collator`: ~6 ms, 0.3 ms with it cut too).
 * Our tags format the same: tests/unit/icu-locale-index.test.ts compares a sweep of every `Intl`
 * service over them in both ways. A tag outside the index (`de`, `en-AU`) would now resolve to the
 * default locale or its parent; none of our code asks for one (ru, vi, en and shared/console/i18n's
 * regional tags only). Loose files under NODE_ICU_DATA overriding Node's built-in data is ICU's
 * lookup order, which Node documents for small-icu builds only: checked with the Node.js 24 of the
 * build, not yet inside AWS's nodejs24.x image (`process.versions.icu` there says which ICU it is).
 *
 * ICU reads the index from a directory named for its own version, so the index is shipped for the ICU
 * of the Node.js the functions are built and tested with and for the next one, which a Lambda runtime
 * update may bring. Under any other ICU the file is not found and formatting takes the full list again:
 * correct, only slower: the HTTP functions then log it once at start (shared/runtime/icu-index.ts),
 * and a test fails when the Node.js of the build leaves these versions.
 */

import { ICU_MAJORS } from '../../shared/runtime/icu-index.ts';

/** Where the functions' ICU data lies in their package (`NODE_ICU_DATA`). */
export const ICU_DATA_DIR = '/var/task/icu';

/** The indexes, each built from the `res_index.txt` beside it (that file says how). */
const INDEXES = [
  { from: 'infra/cdk/icu-locale-index/res_index.res', tree: '' },
  { from: 'infra/cdk/icu-locale-index/coll/res_index.res', tree: 'coll/' },
] as const;

/**
 * The files a function ships for ICU: repository path, and path relative to ICU_DATA_DIR's parent.
 * Beside each version's indexes, its likely subtags cut to our languages (icu-likely-subtags.ts), built
 * from that version's own data: the table's layout is ICU's to change between versions.
 */
export const icuDataFiles: readonly { from: string; to: string }[] = ICU_MAJORS.flatMap((major) => [
  // `l`: little-endian data, as on x86-64 and arm64.
  ...INDEXES.map(({ from, tree }) => ({ from, to: `icu/icudt${major}l/${tree}res_index.res` })),
  {
    from: `infra/cdk/icu-locale-index/likely-subtags/icudt${major}l/langInfo.res`,
    to: `icu/icudt${major}l/langInfo.res`,
  },
]);
