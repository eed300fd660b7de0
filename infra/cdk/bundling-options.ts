import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assetNames } from '../../shared/console/assets/asset-catalog.ts';
import { catalogedAssetPath } from '../../shared/console/assets/checkout-asset-source.ts';
import { hashedFileName } from '../../shared/console/assets/console-assets.ts';

/** Absolute path of the repository root; entries, assets and the lock file are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Node built-ins the bundled code imports, each served by a module in ./builtin-modules/ that
 * exports, from `process.getBuiltinModule('node:<name>')`, the members our code and dependencies import
 * (see `alias` below). A bundle importing a member not there fails to build; one importing a built-in
 * not listed here keeps its `import`, which tests/infra/bundling.test.ts refuses.
 */
const builtinModules = [
  'async_hooks',
  'console',
  'crypto',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'path',
  'stream',
  'stream/promises',
  'timers',
  'timers/promises',
  'url',
  'util',
  'zlib',
] as const;

/**
 * How every function is bundled, in one place without aws-cdk-lib, so that `CrmFunction` and the
 * bundle benchmark build exactly the same thing.
 *
 * esbuild's ESM output cannot `require()` the CommonJS dependencies it inlines unless a `require`
 * exists in module scope; the alias keeps the import from clashing with a bundled `createRequire`.
 */
export const bundlingOptions = {
  target: 'node24',
  // Prefer packages' ESM builds: they tree-shake, which keeps the API bundles small.
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __bridgeCreateRequire } from 'node:module'; const require = __bridgeCreateRequire(import.meta.url);",
  minify: true,
  // Our texts in Russian and Vietnamese, and transliteration's tables, as UTF-8 rather than esbuild's
  // default `\uXXXX` escapes: 6 bytes a Cyrillic letter instead of 2 (the console's functions 5–8%
  // smaller, 17–46 KB each). Lambda's Node.js reads its sources as UTF-8.
  charset: 'utf8',
  sourceMap: true,
  // Stack traces only need the mappings; the sources would double the upload for nothing.
  sourcesContent: false,
  // The Lambda Node.js runtime ships the AWS SDK for JavaScript v3 (with the @smithy packages it is
  // built from), so our four SDK packages resolve there instead of adding ~360 KB to every bundle.
  // Its version is the runtime's, not ours: the commands we use are pinned by
  // tests/unit/aws-sdk-imports.test.ts, so a new one is checked against it first (README, "Lambda
  // bundles"). The price is a slower cold start: the runtime's SDK loads unbundled, whole clients.
  externalModules: ['@aws-sdk/*'],
  /**
   * `zod` resolves to ./zod-without-locales/index.ts: zod's API without its locales and the JSON Schema
   * converters and compiler, which `@hono/zod-openapi`'s `import { z }` would otherwise keep in every
   * bundle (that module says why). esbuild rewrites `zod/<subpath>` imports the same way; none of our
   * dependencies imports one at run time. An absolute path, so it holds whatever the working directory
   * (CDK runs esbuild's CLI in the project root, the bench its build API); Docker bundling, which CDK
   * falls back to only without a local esbuild, would not see it.
   */
  /**
   * The global `Headers`, `Request` and `Response` in bundled code resolve to ./fetch-without-undici.ts,
   * so a function never loads undici (~40 ms of a cold start; that module says why). Absolute, as above.
   */
  inject: [fileURLToPath(new URL('./fetch-without-undici.ts', import.meta.url))],
  /**
   * Module-level schemas wrapped in `onFirstUse` are built on first use in a bundle, not at import
   * (shared/domain/schema-on-first-use.ts says why; the OpenAPI document, made from the source, needs
   * them built at once).
   */
  /**
   * The console's files by their hashed names, from the checkout's files the build copies beside each
   * console bundle: a cold function links them without reading them (console-assets.ts). A string of
   * JSON, not an object: esbuild writes an object's value into every bundle, used there or not.
   */
  define: {
    BRIDGE_SCHEMAS_ON_FIRST_USE: 'true',
    BRIDGE_CONSOLE_ASSET_FILE_NAMES: JSON.stringify(
      JSON.stringify(
        Object.fromEntries(
          assetNames.map((name) => [name, hashedFileName(name, readFileSync(catalogedAssetPath(name)))]),
        ),
      ),
    ),
  },
  alias: {
    /*
     * An ES module's `import { promisify } from 'node:util'` makes Node build the built-in's whole ES
     * module namespace, which reads every export and so runs each lazy getter: node:util's loads
     * worker_threads, parseArgs and the assertion diff; node:crypto's, Web Crypto. The imports of a
     * console function cost a cold start ~4 ms that way (the same modules taken as CommonJS: 0.1 ms).
     * Aliased to a CommonJS module, a built-in is read a property at a time, as the SDK reads them.
     */
    ...Object.fromEntries(
      builtinModules.map((name) => [
        `node:${name}`,
        fileURLToPath(new URL(`./builtin-modules/${name.replace('/', '-')}.ts`, import.meta.url)),
      ]),
    ),
    zod: fileURLToPath(new URL('./zod-without-locales/index.ts', import.meta.url)),
    // The document is built at build time; `.openapi(...)` metadata is not kept at run time.
    '@asteasolutions/zod-to-openapi': fileURLToPath(
      new URL('./openapi-metadata-at-build-time.ts', import.meta.url),
    ),
    // Its module body builds a table per locale at import; we use none (that module says more).
    '@sindresorhus/transliterate': fileURLToPath(
      new URL('./transliterate-without-locales.ts', import.meta.url),
    ),
  },
} as const;
