import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This machine's cache of the seeded demo: DynamoDB Local's database file as a start left it right
 * after seeding an empty table while no request wrote anything, so it holds the demo and nothing else.
 * A later start on an empty data directory copies it into place before DynamoDB Local opens it, and
 * the demo is there at once instead of after the seed (~50 s on a 2-core machine).
 *
 * The key is a hash of everything that decides what the seed writes: the code under `shared/` and
 * `infra/local/seed/`, how the table is created, the locked package versions (DynamoDB Local's among
 * them) and the seed's parameters. A change to any of them is a new key, so a copy is never used for
 * other items than the seed would write; saving one deletes the older copies. The seed writes nothing
 * derived from the dev secrets (those belong to a data directory), which is why a copy suits any data
 * directory.
 */

/** The file DynamoDB Local keeps all tables in under `-dbPath` with `-sharedDb`, as `npm start` runs it. */
export const sharedDbFile = 'shared-local-instance.db';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const hashedTrees = ['shared', 'infra/local/seed'];
const hashedFiles = [
  'infra/local/create-table.ts',
  'infra/local/dynamodb-local-launcher.ts',
  'package-lock.json',
];
const copyPrefix = 'demo-';

/**
 * Where the copies live: `BRIDGE_SEED_CACHE_DIR`, else the user's cache directory (XDG), so that every
 * clone on the machine shares them. `BRIDGE_SEED_CACHE_DIR=off` turns the cache off.
 */
export function seedCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.BRIDGE_SEED_CACHE_DIR;
  if (configured === 'off') return undefined;
  return configured || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bridge-crm');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The key for a seed with these parameters under the code as it is in `root`. */
export async function seedCacheKey(parameters: unknown, root = repoRoot): Promise<string> {
  const trees = await Promise.all(hashedTrees.map((tree) => filesUnder(join(root, tree))));
  const files = [...trees.flat(), ...hashedFiles.map((file) => join(root, file))]
    .map((file) => relative(root, file))
    .sort();
  const hash = createHash('sha256').update(JSON.stringify(parameters));
  for (const file of files) hash.update(`\0${file}\0`).update(await readFile(join(root, file)));
  return hash.digest('hex').slice(0, 16);
}

export interface SeedCache {
  /** The copy this key names. */
  file: string;
  /**
   * Copies the cached demo into `databaseDir` if there is one for this key; false if not. Call only
   * while DynamoDB Local is not running on that directory and it holds no database yet.
   */
  restore(databaseDir: string): Promise<boolean>;
  /**
   * Keeps a copy of the database in `databaseDir`, which must be idle: call it only when nothing but
   * the seed has written since the table was created, and discard the copy (`forget`) if a write
   * arrived while it was being taken.
   */
  save(databaseDir: string): Promise<{ bytes: number }>;
  forget(): Promise<void>;
}

/** Copies `from` to `to` through a temporary name, so a copy cut short is never taken for a database. */
async function copyWhole(from: string, to: string): Promise<void> {
  const partial = `${to}.${process.pid}.partial`;
  try {
    await copyFile(from, partial);
    await rename(partial, to);
  } finally {
    await rm(partial, { force: true });
  }
}

export function seedCache(dir: string, key: string): SeedCache {
  const file = join(dir, `${copyPrefix}${key}.db`);
  return {
    file,
    async restore(databaseDir) {
      const found = await stat(file).then(
        () => true,
        () => false,
      );
      if (!found) return false;
      await mkdir(databaseDir, { recursive: true });
      await copyWhole(file, join(databaseDir, sharedDbFile));
      return true;
    },
    async save(databaseDir) {
      await mkdir(dir, { recursive: true });
      await copyWhole(join(databaseDir, sharedDbFile), file);
      for (const name of await readdir(dir)) {
        const copy = name.startsWith(copyPrefix) && name.endsWith('.db');
        if (copy && join(dir, name) !== file) await rm(join(dir, name), { force: true });
      }
      return { bytes: (await stat(file)).size };
    },
    forget: () => rm(file, { force: true }),
  };
}
