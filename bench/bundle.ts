import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { bundlingOptions, REPO_ROOT } from '../infra/cdk/bundling-options.ts';

export const CONSTRUCT_OPTIONS_NOTE =
  'esbuild options from infra/cdk/bundling-options.ts, as CrmFunction uses them';

/**
 * The version of the AWS SDK the bench bundles load: `@aws-sdk/*` stays out of the bundles (the Lambda
 * runtime provides it), so run here they import the repository's node_modules copy.
 */
export function localSdkVersion(): string {
  const manifest = join(REPO_ROOT, 'node_modules/@aws-sdk/client-dynamodb/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * A fresh directory for bundles that are run, not just measured: inside the repository (under
 * node_modules/.cache/bridge-crm/), because a bundle imports the external `@aws-sdk/*` packages and
 * Node resolves them by walking up from the bundle's own directory, which from the OS temp directory
 * would find nothing. The caller removes it.
 */
export function makeBundleWorkDir(): string {
  const parent = join(REPO_ROOT, 'node_modules/.cache/bridge-crm/bench-bundles');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'run-'));
}

export function constructBuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [posix.join(REPO_ROOT, entry)],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    target: bundlingOptions.target,
    platform: 'node',
    format: 'esm',
    outfile: join(outdir, 'index.mjs'),
    minify: bundlingOptions.minify,
    charset: bundlingOptions.charset,
    sourcemap: bundlingOptions.sourceMap,
    sourcesContent: bundlingOptions.sourcesContent,
    external: [...bundlingOptions.externalModules],
    alias: { ...bundlingOptions.alias },
    inject: [...bundlingOptions.inject],
    define: { ...bundlingOptions.define },
    banner: { js: bundlingOptions.banner },
    mainFields: [...bundlingOptions.mainFields],
    logLevel: 'warning',
  };
}

/** Every Lambda entry the construct builds: `functions/*.ts`, each exporting `handler`. */
export function functionEntries(): string[] {
  return readdirSync(join(REPO_ROOT, 'functions'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `functions/${name}`);
}

export interface BundleResult {
  entry: string;
  /** The bundle file (index.mjs) on disk. */
  file: string;
  bytes: number;
  mapBytes: number;
  buildMs: number;
  /** Bytes in the output per package (`(app)` for the repository's own code), largest first. */
  contributors: { name: string; bytes: number }[];
}

/** Bundles `entry` into `outdir/index.mjs` exactly as the construct does, plus a metafile to read. */
export async function bundleEntry(entry: string, outdir: string): Promise<BundleResult> {
  const options = constructBuildOptions(entry, outdir);
  const started = performance.now();
  // `metafile` only adds a report; the emitted code is the same.
  const result = await build({ ...options, metafile: true });
  const buildMs = performance.now() - started;
  const file = options.outfile!;
  return {
    entry,
    file,
    bytes: statSync(file).size,
    mapBytes: statSync(`${file}.map`).size,
    buildMs,
    contributors: contributorsOf(result.metafile),
  };
}

function contributorsOf(metafile: Metafile): { name: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .filter((c) => c.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** The package a metafile input belongs to: the last `node_modules/<name>` (or `@scope/name`) in its path. */
export function packageOf(path: string): string {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match) return match[1]!;
  // zod's namespace objects as the `zod` alias builds them (infra/cdk/zod-without-locales/).
  if (path.includes('zod-without-locales/')) return 'zod-without-locales';
  if (path.includes('transliterate-without-locales')) return 'transliterate-without-locales';
  if (path.includes('openapi-metadata-at-build-time')) return 'openapi-metadata-at-build-time';
  if (path.includes('fetch-without-undici')) return 'fetch-without-undici';
  if (path.startsWith('<')) return path;
  return '(app)';
}
