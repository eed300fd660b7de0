import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
    dynamoPort: number;
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

/** Waits until the server answers and has said its seed is complete. */
async function waitUntilSeeded(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited early with code ${child.exitCode}`);
    if (output().includes('Seed complete')) {
      if ((await fetch(`${url}/health`)).ok) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
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
  try {
    await waitUntilSeeded(baseUrl, child, () => output, 110_000);
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
