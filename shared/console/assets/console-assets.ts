import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { keptUntilFailure } from '../../concurrency/kept-until-failure.ts';
import { type AssetName, assetContentTypes, assetNames } from './asset-catalog.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Reads one catalogued file's bytes; each runtime knows where they are. */
export type AssetSource = (name: AssetName) => Promise<Uint8Array>;

export type Encoding = 'br' | 'gzip' | 'identity';

interface LoadedAsset {
  /** The URL's file name: `htmx.3f2a9c1b.js`. */
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  encoded: Map<Encoding, Promise<Uint8Array>>;
}

/** The name a file is served under: its content's hash before the extension (`htmx.3f2a9c1b.js`). */
export function hashedFileName(name: AssetName, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

/**
 * The console's static files under content-hashed names, so a page may tell browsers to keep them for
 * a year: a changed file gets a new URL. Neither Lambda nor the HTTP API compresses, so the files are
 * compressed here, once per file and encoding, on first request (brotli quality 9: ~20 ms for htmx,
 * within 7% of quality 11, which takes four times as long).
 *
 * `fileNames`, where the build hashed the files already (a Lambda bundle), names them without reading
 * them: a cold function's first page links its files without five reads and hashes, and a file is
 * read when it is asked for. Without it (the local server, tests) every file is read to name it.
 */
export class ConsoleAssets {
  private readonly loaded = new Map<AssetName, Promise<LoadedAsset>>();
  private readonly readNames = keptUntilFailure(() =>
    Promise.all(assetNames.map(async (name) => [name, (await this.asset(name)).fileName] as const)).then(
      (pairs) => Object.fromEntries(pairs) as Record<AssetName, string>,
    ),
  );

  constructor(
    private readonly source: AssetSource,
    private readonly fileNames?: Readonly<Record<AssetName, string>>,
  ) {}

  private asset(name: AssetName): Promise<LoadedAsset> {
    let asset = this.loaded.get(name);
    if (!asset) {
      asset = this.source(name).then((bytes) => ({
        fileName: hashedFileName(name, bytes),
        contentType: assetContentTypes[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
        bytes,
        encoded: new Map(),
      }));
      this.loaded.set(name, asset);
      // A failed read is tried again by the next request rather than answered from a cached failure.
      asset.catch(() => this.loaded.delete(name));
    }
    return asset;
  }

  private names(): Promise<Readonly<Record<AssetName, string>>> {
    return this.fileNames ? Promise.resolve(this.fileNames) : this.readNames();
  }

  /** Every asset's URL path under `/console/assets/`, for the pages to link. */
  async urls(): Promise<Record<AssetName, string>> {
    const names = await this.names();
    const urls = {} as Record<AssetName, string>;
    for (const name of assetNames) urls[name] = `/console/assets/${names[name]}`;
    return urls;
  }

  /** The file at a hashed name, in the best encoding the client accepts; undefined if unknown. */
  async get(
    fileName: string,
    acceptEncoding: string | undefined,
  ): Promise<{ body: Uint8Array; contentType: string; encoding: Encoding } | undefined> {
    const names = await this.names();
    const name = assetNames.find((each) => names[each] === fileName);
    if (!name) return undefined;
    const asset = await this.asset(name);
    // Bytes the build did not name would be kept a year under another file's name: none are served.
    if (asset.fileName !== fileName) return undefined;
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
