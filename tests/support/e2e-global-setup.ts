import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadDevSecrets } from '../../infra/local/dev-secrets.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { chromiumPath } from './browser.ts';
import { type LocalServerProcess, startLocalServer } from './local-server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
    /** The seed cache of that start (seed-cache.ts), empty unless it kept a copy. */
    e2eSeedCacheDir: string;
    dynamoPort: number;
    /** The line in which that start said whether it kept a copy of its seed. */
    seedCacheLine: string;
    /** Status of a member created as soon as the server answered, before the seed completed. */
    writeWhileSeeding: { status: number; seedCompleteBefore: boolean };
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
      .once('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false));
  });
}

async function waitForLine(server: LocalServerProcess, line: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = line.exec(server.output())?.[0];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`npm start printed no line like ${line}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until the server answers, creates a member at once (the seed still running), then waits until
 * the server has said its seed is complete.
 */
async function waitUntilSeeded(
  server: LocalServerProcess,
  timeoutMs: number,
  staffToken: () => Promise<string>,
) {
  const { url, child, output } = server;
  const deadline = Date.now() + timeoutMs;
  let write: { status: number; seedCompleteBefore: boolean } | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited early with code ${child.exitCode}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy && !write) {
      const seedCompleteBefore = output().includes('Seed complete');
      const response = await fetch(`${url}/v1/members`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await staffToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'ООО «Первая запись»',
          country: 'RU',
          taxId: '7707083893',
          sectors: ['energy'],
        }),
      });
      write = { status: response.status, seedCompleteBefore };
    }
    if (write && output().includes('Seed complete')) return write;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The local server did not finish seeding in time.');
}

/**
 * Runs `npm start`'s entry point exactly as a newcomer would, on a scratch data directory with a
 * smaller seed, and stops it with SIGINT afterwards, as Ctrl-C would.
 */
export default async function setup(project: TestProject) {
  // A machine without Chromium is told so at once, in one line, not after a seeded start.
  chromiumPath();
  const dataDir = await mkdtemp(join(tmpdir(), 'bridge-crm-e2e-'));
  // Its own, so that tests never read or write this machine's seed cache.
  const seedCacheDir = await mkdtemp(join(tmpdir(), 'bridge-crm-e2e-cache-'));
  const server = await startLocalServer({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_SEED_CACHE_DIR: seedCacheDir,
    SEED_MEMBERS: '400',
  });
  let writeWhileSeeding: { status: number; seedCompleteBefore: boolean };
  try {
    writeWhileSeeding = await waitUntilSeeded(server, 110_000, async () => {
      const secrets = await loadDevSecrets(join(dataDir, 'dev-secrets.json'));
      if (!secrets) throw new Error('npm start did not write its dev secrets');
      return signLocalToken(secrets.privateJwk, { role: 'staff' });
    });
  } catch (error) {
    server.child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  // What the start said about keeping a copy of its seed: it says one or the other right after the seed.
  const seedCacheLine = await waitForLine(server, /(Kept a copy|is not kept)[^\n]*/, 10_000);
  const dynamoPort = Number(/DynamoDB Local at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.output())?.[1]);
  if (!Number.isInteger(dynamoPort))
    throw new Error(`npm start did not print where DynamoDB Local runs:\n${server.output()}`);
  project.provide('baseUrl', server.url);
  project.provide('e2eDataDir', dataDir);
  project.provide('e2eSeedCacheDir', seedCacheDir);
  project.provide('dynamoPort', dynamoPort);
  project.provide('writeWhileSeeding', writeWhileSeeding);
  project.provide('seedCacheLine', seedCacheLine);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(seedCacheDir, { recursive: true, force: true });
    // Ctrl-C must take DynamoDB Local down with the server: nothing may still listen on its port.
    if (await isListening(dynamoPort))
      throw new Error(`DynamoDB Local outlived npm start on port ${dynamoPort}`);
  };
}
