import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetCatalog } from './asset-catalog.ts';
import type { AssetSource } from './console-assets.ts';

const require = createRequire(import.meta.url);
const ownDir = fileURLToPath(new URL('./', import.meta.url));

/** Where a catalogued file is in this checkout: in its npm package, or beside the console's code. */
export function catalogedAssetPath(name: keyof typeof assetCatalog): string {
  const entry: { package: string; file: string } | { own: string } = assetCatalog[name];
  if ('own' in entry) return join(ownDir, entry.own);
  return join(dirname(require.resolve(`${entry.package}/package.json`)), entry.file);
}

/**
 * The console's files as the local server serves them, read from the checkout; the CDK build copies
 * the same paths beside the function's bundle. Never imported by a Lambda function.
 */
export const checkoutAssetSource: AssetSource = (name) => readFile(catalogedAssetPath(name));
