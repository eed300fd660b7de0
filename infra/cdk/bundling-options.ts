import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root; entries, assets and the lock file are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  sourceMap: true,
  // Stack traces only need the mappings; the sources would double the upload for nothing.
  sourcesContent: false,
  // The SDK is bundled: the version is the one we test with, and a bundled client starts faster.
  externalModules: [] as string[],
} as const;
