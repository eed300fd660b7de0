/**
 * The console's files under content-hashed names: named by the build where it hashed them (a Lambda
 * bundle), or by reading them (the local server, tests); read, in either case, when one is asked for.
 */
import { describe, expect, it } from 'vitest';
import { type AssetName, assetNames } from '../../shared/console/assets/asset-catalog.ts';
import { ConsoleAssets, hashedFileName } from '../../shared/console/assets/console-assets.ts';

const contents = (name: AssetName) => new TextEncoder().encode(`/* ${name} */`);

function counted() {
  const reads: AssetName[] = [];
  const source = async (name: AssetName) => {
    reads.push(name);
    return contents(name);
  };
  return { reads, source };
}

const built = Object.fromEntries(
  assetNames.map((name) => [name, hashedFileName(name, contents(name))]),
) as Record<AssetName, string>;

describe('console assets', () => {
  it('name a file by its content: the first ten hex digits of its SHA-256 before the extension', () => {
    expect(hashedFileName('htmx.js', new TextEncoder().encode('abc'))).toBe('htmx.ba7816bf8f.js');
    expect(hashedFileName('console.css', new TextEncoder().encode('abc'))).toBe('console.ba7816bf8f.css');
  });

  it('link the names the build gave without reading a file, and read only the one asked for', async () => {
    const { reads, source } = counted();
    const assets = new ConsoleAssets(source, built);
    expect((await assets.urls())['board.js']).toBe(`/console/assets/${built['board.js']}`);
    expect(reads).toEqual([]);
    const served = await assets.get(built['board.js'], undefined);
    expect(served).toMatchObject({ contentType: 'text/javascript; charset=utf-8', encoding: 'identity' });
    expect(new TextDecoder().decode(served!.body)).toBe('/* board.js */');
    expect(await assets.get('board.0000000000.js', 'br')).toBeUndefined();
    expect(reads).toEqual(['board.js']);
  });

  it('serve no file whose content is not what the build named', async () => {
    const assets = new ConsoleAssets(async () => new TextEncoder().encode('changed since the build'), built);
    expect(await assets.get(built['console.js'], undefined)).toBeUndefined();
  });

  it('read every file to name them where nothing was named at build, to the same names', async () => {
    const { reads, source } = counted();
    const assets = new ConsoleAssets(source);
    const urls = await assets.urls();
    expect(Object.values(urls)).toEqual(assetNames.map((name) => `/console/assets/${built[name]}`));
    expect(reads.toSorted()).toEqual([...assetNames].sort());
    const served = await assets.get(built['console.css'], 'gzip, br');
    expect(served).toMatchObject({ contentType: 'text/css; charset=utf-8', encoding: 'br' });
    expect(reads).toHaveLength(assetNames.length);
  });

  it('read a file again after a failed read, rather than keep the failure', async () => {
    let failing = true;
    const assets = new ConsoleAssets(async (name) => {
      if (failing) throw new Error('EIO');
      return contents(name);
    }, built);
    await expect(assets.get(built['htmx.js'], undefined)).rejects.toThrow('EIO');
    failing = false;
    expect(await assets.get(built['htmx.js'], undefined)).toBeDefined();
  });
});
