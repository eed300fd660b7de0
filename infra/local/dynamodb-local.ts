import type { ChildProcess, ExecFileException } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';
import { dynamoDbLocalCommand, JDK_HINT } from './dynamodb-local-launcher.ts';

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** OS pid of the Java process (useful for diagnostics and tests). */
  pid: number;
  /** Spawn until the first successful ListTables, in ms. */
  startupMs: number;
  /** SIGTERM, SIGKILL after 3 s; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Omitted: a free port is picked. */
  port?: number;
  /** Omitted: in memory. Relative paths resolve against process.cwd(). */
  dataDir?: string;
  /** Default 30 000 ms. */
  readyTimeoutMs?: number;
  /**
   * Called once the JVM is spawned, before it answers (again if a lost port race spawns another): the
   * JVM takes seconds to get ready, time the caller can spend loading what it needs meanwhile.
   */
  onSpawn?: () => void;
}

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

export class PortBusyError extends Error {
  override name = 'PortBusyError';
}

export class DynamoDbLocalStartError extends Error {
  override name = 'DynamoDbLocalStartError';
}

const MIN_JAVA_MAJOR = 17;
const JAVA_HINT = JDK_HINT;
// Our launcher binds DynamoDB Local to the IPv4 loopback only, so that is the address to probe.
const BIND_HOST = '127.0.0.1';
// Short: a restart waits on this poll, and until DynamoDB Local listens a poll is one refused connection.
const POLL_INTERVAL_MS = 50;
const KILL_GRACE_MS = 3000;
const TAIL_LINES = 15;
// A port picked via listen(0) can be grabbed by someone else before Java binds it.
const AUTO_PORT_ATTEMPTS = 3;

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  // `java -version` boots a JVM of its own (~0.05-0.1 s), so it runs beside DynamoDB Local's rather than
  // before it. A DynamoDB Local that answers shows Java is fine; one that fails is explained by a
  // missing or too old Java first.
  const javaChecked = assertJava();
  javaChecked.catch(() => undefined);
  try {
    return await startOnSomePort(options);
  } catch (error) {
    await javaChecked;
    throw error;
  }
}

async function startOnSomePort(options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  // The package spawns Java with cwd set to its own build dir, so a relative -dbPath would land there.
  const dbPath = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dbPath !== undefined) mkdirSync(dbPath, { recursive: true });
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const spawnOptions = { readyTimeoutMs, onSpawn: options.onSpawn };

  if (options.port !== undefined) {
    const port = options.port;
    await assertPortFree(port);
    try {
      return await launch(port, dbPath, spawnOptions);
    } catch (error) {
      // Someone bound the port between our check and the JVM's bind: same situation for the caller.
      if (error instanceof DynamoDbLocalStartError && /BindException/.test(error.message)) {
        throw new PortBusyError(
          `port ${port} is in use: DynamoDB Local could not bind it\n${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
  for (let attempt = 1; ; attempt++) {
    const port = await pickFreePort();
    try {
      return await launch(port, dbPath, spawnOptions);
    } catch (error) {
      const lostRace = error instanceof DynamoDbLocalStartError && /BindException/.test(error.message);
      if (!lostRace || attempt >= AUTO_PORT_ATTEMPTS) throw error;
    }
  }
}

async function launch(
  port: number,
  dbPath: string | undefined,
  { readyTimeoutMs, onSpawn }: Pick<StartDynamoDbLocalOptions, 'onSpawn'> & { readyTimeoutMs: number },
): Promise<DynamoDbLocal> {
  const command = await dynamoDbLocalCommand({ port, ...(dbPath !== undefined ? { dbPath } : {}) });
  const startedAt = performance.now();
  // Java is exec'd directly (no shell), so child.pid is the JVM itself and a plain kill reaches it.
  // Not detached: a terminal Ctrl+C then hits the JVM along with us.
  const child = spawn('java', command.args, { cwd: command.cwd, stdio: 'pipe' });
  if (child.pid === undefined) {
    // spawn() reports ENOENT etc. asynchronously via 'error'; wait for it to get a useful message.
    const reason = await new Promise<string>((done) => {
      child.once('error', (e) => done(e.message));
      setTimeout(() => done('no pid'), 1000);
    });
    throw new DynamoDbLocalStartError(`failed to spawn DynamoDB Local: ${reason}`);
  }
  const pid = child.pid;
  track(child);
  onSpawn?.();

  // Both pipes must be drained or a chatty JVM would block on a full pipe buffer.
  const stdout = tailBuffer();
  const stderr = tailBuffer();
  child.stdout?.on('data', stdout.push);
  child.stderr?.on('data', stderr.push);

  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  child.on('error', () => {
    // Surfaced through the exit / readiness path; an unhandled 'error' would crash the host process.
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!hasExited(child)) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (!hasExited(child)) child.kill('SIGKILL');
        }, KILL_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      untrack(child);
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, port, child, exited, readyTimeoutMs, () => describeOutput(stderr, stdout));
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, pid, startupMs: Math.round(performance.now() - startedAt), stop };
}

async function waitUntilReady(
  endpoint: string,
  port: number,
  child: ChildProcess,
  exited: Promise<void>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  // Imported after the spawn, while the JVM boots: the SDK takes ~0.3 s to load, and npm start imports
  // nothing it can load later before DynamoDB Local is spawned.
  const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  let earlyExit = false;
  void exited.then(() => {
    earlyExit = true;
  });
  let lastError: unknown;
  try {
    while (true) {
      if (earlyExit) {
        const how = child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
        throw new DynamoDbLocalStartError(`DynamoDB Local exited during startup (${how})${output()}`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
        throw new DynamoDbLocalStartError(
          `DynamoDB Local did not become ready on ${endpoint} within ${timeoutMs} ms${cause}${output()}`,
        );
      }
      // An SDK request costs ~2 ms of CPU, which the booting JVM needs; a refused connection far less.
      const refused = await connectionRefused(port);
      if (refused) lastError = refused;
      else {
        try {
          // A half-started Jetty can accept and then stall; the abort keeps one probe from eating the budget.
          await client.send(new ListTablesCommand({ Limit: 1 }), {
            abortSignal: AbortSignal.timeout(Math.min(2000, Math.max(remaining, 1))),
          });
          return;
        } catch (error) {
          lastError = error;
        }
      }
      await Promise.race([sleep(POLL_INTERVAL_MS), exited]);
    }
  } finally {
    client.destroy();
  }
}

/** The error connecting to the port on the loopback, or undefined once something accepts there. */
function connectionRefused(port: number): Promise<Error | undefined> {
  return new Promise((done) => {
    const socket = connect({ port, host: BIND_HOST })
      .once('connect', () => {
        socket.destroy();
        done(undefined);
      })
      .once('error', done);
  });
}

async function assertJava(): Promise<void> {
  const result = await new Promise<{ error: ExecFileException | null; text: string }>((done) => {
    execFile('java', ['-version'], { timeout: 15_000 }, (error, out, err) => {
      done({ error, text: `${err}\n${out}` });
    });
  });
  if (result.error) {
    throw new JavaMissingError(
      `Java ${MIN_JAVA_MAJOR}+ is required to run DynamoDB Local (${JAVA_HINT})` +
        (result.error.code === 'ENOENT'
          ? ''
          : `; \`java -version\` failed: ${firstLine(result.error.message)}`),
    );
  }
  const major = parseJavaMajor(result.text);
  if (major === undefined) {
    throw new JavaMissingError(
      `Java ${MIN_JAVA_MAJOR}+ is required to run DynamoDB Local (${JAVA_HINT}); could not parse \`java -version\`: ${firstLine(result.text.trim())}`,
    );
  }
  if (major < MIN_JAVA_MAJOR) {
    throw new JavaMissingError(
      `Java ${MIN_JAVA_MAJOR}+ is required to run DynamoDB Local, found Java ${major} (${JAVA_HINT})`,
    );
  }
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or, before Java 9, `java version "1.8.0_402"`. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

async function assertPortFree(port: number): Promise<void> {
  try {
    await closeServer(await listen(port));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PortBusyError(
      `port ${port} is in use: ${detail} (stop whatever holds it, or pick another port)`,
    );
  }
}

async function pickFreePort(): Promise<number> {
  const server = await listen(0);
  const address = server.address();
  await closeServer(server);
  if (address === null || typeof address === 'string') throw new Error('could not determine a free port');
  return address.port;
}

function listen(port: number): Promise<ReturnType<typeof createServer>> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen({ port, host: BIND_HOST, exclusive: true }, () => done(server));
  });
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((done) => server.close(() => done()));
}

// Last resort for hosts that exit (process.exit, end of event loop, uncaught error) without calling stop().
// A host killed by SIGKILL cannot be helped; signals are handled below.
const live = new Set<ChildProcess>();
let hooksInstalled = false;

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // If the host has its own handler it owns shutdown (and will reach the 'exit' hook);
      // otherwise Node would die without running 'exit' listeners, so kill Java and re-raise.
      if (process.listenerCount(signal) > 1) return;
      killAllSync();
      process.off(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function untrack(child: ChildProcess): void {
  live.delete(child);
}

function killAllSync(): void {
  for (const child of live) {
    if (!hasExited(child)) child.kill('SIGKILL');
  }
  live.clear();
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function tailBuffer(): { push: (chunk: Buffer) => void; lines: () => string[] } {
  let text = '';
  return {
    push: (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-8000);
    },
    lines: () =>
      text
        .split('\n')
        .map((line) => line.trimEnd())
        // Java stack frames bury the exception chain ("Caused by: ...BindException") the reader needs.
        .filter((line) => line.length > 0 && !/^\s+(at |\.\.\. \d+ more)/.test(line))
        .slice(-TAIL_LINES),
  };
}

function describeOutput(
  stderr: ReturnType<typeof tailBuffer>,
  stdout: ReturnType<typeof tailBuffer>,
): string {
  const err = stderr.lines();
  if (err.length > 0) return `\n--- stderr (tail) ---\n${err.join('\n')}`;
  const out = stdout.lines();
  return out.length > 0 ? `\n--- stdout (tail) ---\n${out.join('\n')}` : '';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
