/**
 * What the Lambda bundles get for `import transliterate from '@sindresorhus/transliterate'` (esbuild
 * `alias`, set in ./bundling-options.ts): the library's own replacement table and its algorithm
 * (node_modules/@sindresorhus/transliterate/index.js, 2.3.1), without the `locale` option.
 *
 * Why: the library's module body builds a copy of its replacement Map and a RegExp for each of its
 * locales when it is imported, ~15 ms of every cold start (`npm run bench`), and name search never
 * passes a locale. Here the one default pattern is built on first use.
 *
 * Only the bundles use this module; type checking, tests and the local server import the library
 * itself. tests/unit/transliterate-without-locales.test.ts compares the two on every replacement the
 * library has and on names in each script we serve, so an upgrade that changes the algorithm fails
 * there: mirror the change here.
 */
import type { Options } from '@sindresorhus/transliterate';
// @ts-expect-error replacements.js ships no types; its default export is a Map<string, string> (the test checks).
import libraryReplacements from '../../node_modules/@sindresorhus/transliterate/replacements.js';

const builtinReplacements = libraryReplacements as Map<string, string>;

const escapeRegex = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);

let defaultPattern: RegExp | undefined;

function replacementPattern(): RegExp {
  if (!defaultPattern) {
    // Longest keys first, so that a digraph wins over its first letter, as in the library.
    const keys = [...builtinReplacements.keys()].sort((a, b) => b.length - a.length);
    defaultPattern = new RegExp(keys.map(escapeRegex).join('|'), 'gu');
  }
  return defaultPattern;
}

export default function transliterate(input: string, options: Options = {}): string {
  if (typeof input !== 'string') throw new TypeError(`Expected a string, got \`${typeof input}\``);
  if (options.locale !== undefined) {
    throw new Error('The bundled transliterate has no locales (infra/cdk/transliterate-without-locales.ts).');
  }
  let text = input.normalize();
  const custom = [...(options.customReplacements ?? [])].sort((a, b) => b[0].length - a[0].length);
  for (const [key, value] of custom) text = text.replaceAll(key, value);
  text = text.replace(replacementPattern(), (match) => builtinReplacements.get(match) ?? match);
  text = text
    .normalize('NFD')
    .replaceAll(/\p{Diacritic}/gu, '')
    .normalize();
  return text.replaceAll(/\p{Dash_Punctuation}/gu, '-');
}
