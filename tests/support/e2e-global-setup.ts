import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadDevSecrets } from '../../infra/local/dev-secrets.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
    dynamoPort: number;
    /** Status of a member created as soon as the server answered, before the seed completed. */
    writeWhileSeeding: { status: number; seedCompleteBefore: boolean };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
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

/**
 * Waits until the server answers, creates a member at once (the seed still running), then waits until
 * the server has said its seed is complete.
 */
async function waitUntilSeeded(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
  staffToken: () => Promise<string>,
) {
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
  const dataDir = await mkdtemp(join(tmpdir(), 'bridge-crm-e2e-'));
  const port = await freePort();
  // One process (no npx/tsx wrapper in between), so SIGINT reaches the server exactly as Ctrl-C would.
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    env: { ...process.env, PORT: String(port), BRIDGE_DATA_DIR: dataDir, SEED_MEMBERS: '400' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let writeWhileSeeding: { status: number; seedCompleteBefore: boolean };
  try {
    writeWhileSeeding = await waitUntilSeeded(
      baseUrl,
      child,
      () => output,
      110_000,
      async () => {
        const secrets = await loadDevSecrets(join(dataDir, 'dev-secrets.json'));
        if (!secrets) throw new Error('npm start did not write its dev secrets');
        return signLocalToken(secrets.privateJwk, { role: 'staff' });
      },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const dynamoPort = Number(/DynamoDB Local at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  if (!Number.isInteger(dynamoPort))
    throw new Error(`npm start did not print where DynamoDB Local runs:\n${output}`);
  project.provide('baseUrl', baseUrl);
  project.provide('e2eDataDir', dataDir);
  project.provide('dynamoPort', dynamoPort);
  project.provide('writeWhileSeeding', writeWhileSeeding);
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    // Ctrl-C must take DynamoDB Local down with the server: nothing may still listen on its port.
    if (await isListening(dynamoPort))
      throw new Error(`DynamoDB Local outlived npm start on port ${dynamoPort}`);
  };
}
