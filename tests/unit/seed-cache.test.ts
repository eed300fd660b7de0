import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCache, seedCacheDir, seedCacheKey, sharedDbFile } from '../../infra/local/seed/seed-cache.ts';

const scratch: string[] = [];
async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bridge-crm-seed-cache-unit-'));
  scratch.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A tree with every file the key reads. */
async function repoLike(): Promise<string> {
  const root = await scratchDir();
  const files: Record<string, string> = {
    'shared/members/member-items.ts': 'export const layout = 4;',
    'shared/data/keys.ts': 'export const key = 1;',
    'infra/local/seed/demo-members.ts': 'export const members = [];',
    'infra/local/create-table.ts': 'export {};',
    'infra/local/dynamodb-local-launcher.ts': 'export {};',
    'package-lock.json': '{"packages":{}}',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), text);
  }
  return root;
}

describe('the seed cache key', () => {
  it('is the same for the same code and parameters, and changes with either', async () => {
    const root = await repoLike();
    const parameters = { seed: 1, count: 3200 };
    const key = await seedCacheKey(parameters, root);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(await seedCacheKey({ seed: 1, count: 3200 }, root)).toBe(key);
    expect(await seedCacheKey({ seed: 1, count: 3201 }, root)).not.toBe(key);
    for (const file of ['shared/data/keys.ts', 'infra/local/seed/demo-members.ts', 'package-lock.json']) {
      const text = await readFile(join(root, file), 'utf8');
      await writeFile(join(root, file), `${text} `);
      expect(await seedCacheKey(parameters, root), file).not.toBe(key);
      await writeFile(join(root, file), text);
    }
    await writeFile(join(root, 'shared/members/new-module.ts'), 'export {};');
    expect(await seedCacheKey(parameters, root)).not.toBe(key);
  });
});

describe('where copies are kept', () => {
  it('is BRIDGE_SEED_CACHE_DIR, else the XDG cache, else ~/.cache; off turns it off', () => {
    expect(seedCacheDir({ BRIDGE_SEED_CACHE_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(seedCacheDir({ BRIDGE_SEED_CACHE_DIR: 'off' })).toBeUndefined();
    expect(seedCacheDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/bridge-crm');
    expect(seedCacheDir({})).toMatch(/\/\.cache\/bridge-crm$/);
  });
});

describe('a copy', () => {
  it('is restored only for its own key, and saving one deletes the older copies', async () => {
    const cacheDir = await scratchDir();
    const seeded = await scratchDir();
    await writeFile(join(seeded, sharedDbFile), 'database pages');
    const old = seedCache(cacheDir, 'aaaaaaaaaaaaaaaa');
    await old.save(seeded);
    const current = seedCache(cacheDir, 'bbbbbbbbbbbbbbbb');
    expect(await current.restore(join(await scratchDir(), 'dynamodb'))).toBe(false);
    expect(await current.save(seeded)).toEqual({ bytes: 'database pages'.length });
    expect(await readdir(cacheDir)).toEqual(['demo-bbbbbbbbbbbbbbbb.db']);

    const fresh = join(await scratchDir(), 'dynamodb');
    expect(await current.restore(fresh)).toBe(true);
    expect(await readdir(fresh)).toEqual([sharedDbFile]);
    expect(await readFile(join(fresh, sharedDbFile), 'utf8')).toBe('database pages');
  });
});
