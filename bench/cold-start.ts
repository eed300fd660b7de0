import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RecordedCall } from './bare-calls-handler.ts';

/**
 * Cold-start proxy: wall time of a fresh `node` process, from spawn to exit, that imports a bundled
 * handler and answers one API Gateway HTTP API v2 event against DynamoDB Local; compared with a
 * process that only runs `node -e 0`. The child also reports, from its own clock, how long Node took
 * to reach the script, the import, and the first invocation.
 *
 * The bundles leave `@aws-sdk/*` out, as Lambda's runtime provides it; the child imports it, unbundled,
 * from the repository's node_modules, so the import figure includes loading the SDK from disk as a
 * function does in Lambda.
 */
export interface ColdStartVariant {
  name: string;
  /**
   * The bundled handler; undefined for the `node -e 0` baseline. It must sit inside the repository
   * (bench/bundle.ts `makeBundleWorkDir`): Node resolves its `@aws-sdk/*` imports from there upwards.
   */
  bundle?: string;
  /** The event this variant's handler answers, if not the options' one (each API its own route). */
  event?: unknown;
  /** Environment added to the options' one for this variant (e.g. its service name). */
  env?: Record<string, string>;
}

export interface ColdStartSample {
  wallMs: number;
  bootMs?: number;
  importMs?: number;
  invokeMs?: number;
  /** The child's CPU time (user + system) from its start to the answer: steadier than wall time on a shared machine. */
  cpuMs?: number;
  status?: number;
}

export interface ColdStartOptions {
  nodeBinary: string;
  workDir: string;
  runs: number;
  env: Record<string, string>;
  event: unknown;
}

const LAMBDA_CONTEXT = `const context = {
  functionName: 'members-api',
  functionVersion: '$LATEST',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:members-api',
  getRemainingTimeInMillis: () => 10000,
};`;

// Runs in the child. `performance.now()` counts from the process's time origin, so its first reading
// is Node's own start-up. process.exit: the SDK's keep-alive sockets would otherwise hold the process.
const CHILD_SCRIPT = `
const bootMs = performance.now();
const { handler } = await import(process.argv[2]);
const imported = performance.now();
${LAMBDA_CONTEXT}
const response = await handler(JSON.parse(process.env.BENCH_EVENT), context);
const answered = performance.now();
const cpu = process.cpuUsage();
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({
  status: response.statusCode, bootMs, importMs: imported - bootMs, invokeMs: answered - imported,
  cpuMs: (cpu.user + cpu.system) / 1000,
}) + '\\n');
process.exit(0);
`;

// Runs in the child with the bundle's handler, once: every call through lib-dynamodb's document client
// (the runtime's SDK, which the bundle leaves external, so the child patches the very class it uses),
// grouped in rounds: a call starts a new round when an earlier one of the current round has answered.
const RECORD_SCRIPT = `
const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
const calls = [];
const send = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = function (command, ...rest) {
  const call = { command: command.constructor.name, input: command.input, start: performance.now(), end: Infinity };
  calls.push(call);
  return send.call(this, command, ...rest).finally(() => { call.end = performance.now(); });
};
const { handler } = await import(process.argv[2]);
${LAMBDA_CONTEXT}
const response = await handler(JSON.parse(process.env.BENCH_EVENT), context);
const rounds = [];
let answeredAt = Infinity;
for (const call of calls.sort((a, b) => a.start - b.start)) {
  if (rounds.length === 0 || call.start >= answeredAt) { rounds.push([]); answeredAt = Infinity; }
  rounds.at(-1).push({ command: call.command, input: call.input });
  answeredAt = Math.min(answeredAt, call.end);
}
process.stdout.write('\\nBENCH_CALLS ' + JSON.stringify({ status: response.statusCode, rounds }) + '\\n');
process.exit(0);
`;

/**
 * The DynamoDB calls a variant's handler makes on its cold start, in rounds, for
 * bench/bare-calls-handler.ts to make again (`BENCH_CALLS`).
 */
export async function recordCalls(
  variant: ColdStartVariant & { bundle: string },
  options: Omit<ColdStartOptions, 'runs'>,
): Promise<RecordedCall[][]> {
  const script = join(options.workDir, 'record-calls-child.mjs');
  writeFileSync(script, RECORD_SCRIPT);
  const env = { ...options.env, ...variant.env, BENCH_EVENT: JSON.stringify(variant.event ?? options.event) };
  const { stdout } = await runChild(options.nodeBinary, [script, pathToFileURL(variant.bundle).href], env);
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_CALLS '));
  if (!line) throw new Error(`${variant.name}: no calls recorded`);
  const recorded = JSON.parse(line.slice('BENCH_CALLS '.length)) as {
    status: number;
    rounds: RecordedCall[][];
  };
  if (recorded.status !== 200) throw new Error(`${variant.name}: the handler answered ${recorded.status}`);
  return recorded.rounds;
}

export async function measureColdStarts(
  variants: ColdStartVariant[],
  options: ColdStartOptions,
): Promise<Map<string, ColdStartSample[]>> {
  const script = join(options.workDir, 'cold-start-child.mjs');
  writeFileSync(script, CHILD_SCRIPT);
  const envOf = (variant: ColdStartVariant) => ({
    ...options.env,
    ...variant.env,
    BENCH_EVENT: JSON.stringify(variant.event ?? options.event),
  });
  const samples = new Map<string, ColdStartSample[]>(variants.map((v) => [v.name, []]));
  // One discarded round warms the file cache; then rounds interleave, rotating the order.
  for (let round = -1; round < options.runs; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + Math.max(round, 0)) % variants.length]!;
      const args = variant.bundle ? [script, pathToFileURL(variant.bundle).href] : ['-e', '0'];
      const sample = await runOnce(options.nodeBinary, args, envOf(variant));
      if (variant.bundle && sample.status !== 200) {
        throw new Error(`${variant.name}: the handler answered ${sample.status ?? 'nothing'}`);
      }
      if (round >= 0) samples.get(variant.name)!.push(sample);
    }
  }
  return samples;
}

async function runOnce(node: string, args: string[], env: Record<string, string>): Promise<ColdStartSample> {
  const { stdout, wallMs } = await runChild(node, args, env);
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  return line ? { wallMs, ...(JSON.parse(line.slice('BENCH_RESULT '.length)) as object) } : { wallMs };
}

function runChild(
  node: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; wallMs: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) {
        fail(new Error(`${args.join(' ')} exited with ${code}\n${stderr.slice(-2000)}`));
        return;
      }
      done({ stdout, wallMs });
    });
  });
}
