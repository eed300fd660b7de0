import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  status?: number;
}

export interface ColdStartOptions {
  nodeBinary: string;
  workDir: string;
  runs: number;
  env: Record<string, string>;
  event: unknown;
}

// Runs in the child. `performance.now()` counts from the process's time origin, so its first reading
// is Node's own start-up. process.exit: the SDK's keep-alive sockets would otherwise hold the process.
const CHILD_SCRIPT = `
const bootMs = performance.now();
const { handler } = await import(process.argv[2]);
const imported = performance.now();
const context = {
  functionName: 'members-api',
  functionVersion: '$LATEST',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:members-api',
  getRemainingTimeInMillis: () => 10000,
};
const response = await handler(JSON.parse(process.env.BENCH_EVENT), context);
const answered = performance.now();
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({
  status: response.statusCode, bootMs, importMs: imported - bootMs, invokeMs: answered - imported,
}) + '\\n');
process.exit(0);
`;

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

function runOnce(node: string, args: string[], env: Record<string, string>): Promise<ColdStartSample> {
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
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      done(line ? { wallMs, ...(JSON.parse(line.slice('BENCH_RESULT '.length)) as object) } : { wallMs });
    });
  });
}
