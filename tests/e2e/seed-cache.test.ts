/**
 * This machine's seed cache through `npm start` itself: a start on an empty data directory that seeds
 * undisturbed keeps a copy, and the next start on another empty data directory begins with exactly
 * that demo, without seeding. A scratch cache directory, never the machine's own.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDevSecrets } from '../../infra/local/dev-secrets.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { type LocalServerProcess, startLocalServer } from '../support/local-server-process.ts';

const members = '60';
const scratch: string[] = [];

async function scratchDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bridge-crm-seed-cache-${label}-`));
  scratch.push(dir);
  return dir;
}

/** What staff read of the demo: every member in full, with its history, and the tier report. */
async function demoAsRead(server: LocalServerProcess, dataDir: string) {
  const secrets = await loadDevSecrets(join(dataDir, 'dev-secrets.json'));
  if (!secrets) throw new Error('npm start did not write its dev secrets');
  const token = await signLocalToken(secrets.privateJwk, { role: 'staff' });
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, path).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (await get(`/v1/members?limit=100${cursor ? `&cursor=${cursor}` : ''}`)) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  const records = [];
  for (const id of ids)
    records.push([await get(`/v1/members/${id}`), await get(`/v1/members/${id}/history`)]);
  // The report's `asOf` is the time of reading, not of the data.
  const { asOf: _readAt, ...report } = await get('/v1/reports/tiers');
  return { ids, records, report };
}

let cacheDir: string;
let first: { output: string; demo: Awaited<ReturnType<typeof demoAsRead>>; cached: string[] };
let second: { output: string; demo: Awaited<ReturnType<typeof demoAsRead>> };

/** Starts `npm start` on a new empty data directory, waits for `until`, reads the demo, stops it. */
async function startOnce(until: string) {
  const dataDir = await scratchDir('data');
  const server = await startLocalServer({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_SEED_CACHE_DIR: cacheDir,
    SEED_MEMBERS: members,
  });
  try {
    await server.printed(until, 90_000);
    return { output: server.output(), demo: await demoAsRead(server, dataDir) };
  } finally {
    await server.stop();
  }
}

beforeAll(async () => {
  cacheDir = await scratchDir('cache');
  first = { ...(await startOnce('Kept a copy')), cached: await readdir(cacheDir) };
  second = await startOnce('bridge-crm is running');
}, 180_000);
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe("this machine's seed cache", () => {
  it('keeps one copy of a seed nothing else wrote beside', () => {
    expect(first.output).toContain(`Seed complete: ${members} member companies`);
    expect(first.cached).toEqual([expect.stringMatching(/^demo-[0-9a-f]{16}\.db$/)]);
  });

  it('gives the next start on an empty data directory the same demo without seeding', () => {
    expect(second.output).toContain("Demo association copied from this machine's seed cache");
    expect(second.output).not.toContain('Seeding the demo association');
    expect(second.demo.ids).toHaveLength(Number(members));
    expect(second.demo).toEqual(first.demo);
  });
});
