import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type AssetName, assetContentTypes, assetNames } from './asset-catalog.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Reads one catalogued file's bytes; each runtime knows where they are. */
export type AssetSource = (name: AssetName) => Promise<Uint8Array>;

export type Encoding = 'br' | 'gzip' | 'identity';

interface LoadedAsset {
  name: AssetName;
  /** The URL's file name: `htmx.3f2a9c1b.js`. */
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  encoded: Map<Encoding, Promise<Uint8Array>>;
}

/**
 * The console's static files under content-hashed names, so a page may tell browsers to keep them for
 * a year: a changed file gets a new URL. Neither Lambda nor the HTTP API compresses, so the files are
 * compressed here, once per file and encoding, on first request (brotli quality 9: ~20 ms for htmx,
 * within 7% of quality 11, which takes four times as long).
 */
export class ConsoleAssets {
  private loaded?: Promise<Map<string, LoadedAsset>>;

  constructor(private readonly source: AssetSource) {}

  private load(): Promise<Map<string, LoadedAsset>> {
    this.loaded ??= Promise.all(
      assetNames.map(async (name): Promise<LoadedAsset> => {
        const bytes = await this.source(name);
        const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
        const dot = name.lastIndexOf('.');
        const extension = name.slice(dot + 1);
        return {
          name,
          fileName: `${name.slice(0, dot)}.${hash}.${extension}`,
          contentType: assetContentTypes[extension] ?? 'application/octet-stream',
          bytes,
          encoded: new Map(),
        };
      }),
    ).then((assets) => new Map(assets.map((asset) => [asset.fileName, asset])));
    // A failed read is tried again by the next request rather than answered from a cached failure.
    this.loaded.catch(() => {
      this.loaded = undefined;
    });
    return this.loaded;
  }

  /** Every asset's URL path under `/console/assets/`, for the pages to link. */
  async urls(): Promise<Record<AssetName, string>> {
    const assets = await this.load();
    const urls = {} as Record<AssetName, string>;
    for (const asset of assets.values()) urls[asset.name] = `/console/assets/${asset.fileName}`;
    return urls;
  }

  /** The file at a hashed name, in the best encoding the client accepts; undefined if unknown. */
  async get(
    fileName: string,
    acceptEncoding: string | undefined,
  ): Promise<{ body: Uint8Array; contentType: string; encoding: Encoding } | undefined> {
    const asset = (await this.load()).get(fileName);
    if (!asset) return undefined;
    const encoding = preferredEncoding(acceptEncoding);
    if (encoding === 'identity') return { body: asset.bytes, contentType: asset.contentType, encoding };
    let encoded = asset.encoded.get(encoding);
    if (!encoded) {
      encoded = compress(asset.bytes, encoding, 9);
      asset.encoded.set(encoding, encoded);
    }
    return { body: await encoded, contentType: asset.contentType, encoding };
  }
}

/** `br` if accepted, else `gzip` if accepted, else none (q=0 refuses an encoding). */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?\s*$/.test(part))
      .map((part) => part.split(';')[0]?.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

export async function compress(
  bytes: Uint8Array,
  encoding: 'br' | 'gzip',
  quality: number,
): Promise<Uint8Array> {
  if (encoding === 'br') {
    return brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    });
  }
  return gzipAsync(bytes, { level: Math.min(quality, 9) });
}
