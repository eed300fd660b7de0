import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerType } from '@hono/node-server';
import { dataDir } from './dev-secrets.ts';
import { JavaMissingError, PortBusyError, startDynamoDbLocal } from './dynamodb-local.ts';
import { JdkMissingError } from './dynamodb-local-launcher.ts';
import { demoSeed } from './seed/demo-seed.ts';
import { type SeedCache, seedCache, seedCacheDir, seedCacheKey, sharedDbFile } from './seed/seed-cache.ts';

const tableName = 'bridge-crm-local';
// The API with a development key and DynamoDB Local answer this machine only, never its network.
const host = '127.0.0.1';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, host);
  });
}

/**
 * Everything the server needs beyond spawning DynamoDB Local: with tsx, hono, zod, the SDK and the app
 * take 1.5-2 s to import, which is why they are not static imports of this file.
 */
async function loadApp() {
  const [
    { serve },
    { DynamoDBClient, ListTablesCommand },
    { JobRepository },
    { CampaignRepository },
    { createTableIfMissing },
    { everyDayAfterMidnightUtc },
    { claimSweepIntervalMs },
    { loadOrCreateDevSecrets },
    { createLocalApp },
    { seedDemo },
  ] = await Promise.all([
    import('@hono/node-server'),
    import('@aws-sdk/client-dynamodb'),
    import('../../shared/jobs/job-repository.ts'),
    import('../../shared/campaigns/campaign-repository.ts'),
    import('./create-table.ts'),
    import('./daily-timer.ts'),
    import('../../shared/campaigns/claim-sweep.ts'),
    import('./dev-secrets.ts'),
    import('./local-app.ts'),
    import('./seed/seed-demo.ts'),
  ]);
  return {
    serve,
    DynamoDBClient,
    ListTablesCommand,
    JobRepository,
    CampaignRepository,
    createTableIfMissing,
    everyDayAfterMidnightUtc,
    claimSweepIntervalMs,
    createLocalApp,
    seedDemo,
    secrets: await loadOrCreateDevSecrets(),
  };
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A data directory without a database gets the seeded demo from this machine's cache when it holds
 * one for this code (seed-cache.ts); without one, `cache` is where this start's seed is to be kept.
 */
async function restoreCachedDemo(databaseDir: string): Promise<{ cache?: SeedCache; restored: boolean }> {
  const dir = seedCacheDir();
  if (dir === undefined || existsSync(join(databaseDir, sharedDbFile))) return { restored: false };
  const started = Date.now();
  const cache = seedCache(dir, await seedCacheKey(demoSeed));
  if (!(await cache.restore(databaseDir))) return { cache, restored: false };
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Demo association copied from this machine's seed cache (${cache.file}) in ${seconds} s.`);
  return { restored: true };
}

/** Keeps a copy of the freshly seeded database, unless a request may have written before or while it is copied. */
async function keepSeedCopy(cache: SeedCache, databaseDir: string, writeRequests: () => number) {
  const notKept = 'The seeded demo is not kept for the next fresh start: requests wrote during the seed.';
  if (writeRequests() > 0) return console.log(notKept);
  try {
    const { bytes } = await cache.save(databaseDir);
    if (writeRequests() > 0) {
      console.log(notKept);
      return await cache.forget();
    }
    console.log(
      `Kept a copy of the seeded demo (${(bytes / 1e6).toFixed(0)} MB, ${cache.file}): the next start on ` +
        'an empty data directory begins with it (BRIDGE_SEED_CACHE_DIR=off turns this off).',
    );
  } catch (error) {
    console.error('Could not keep a copy of the seeded demo; the next fresh start seeds again:', error);
  }
}

async function main() {
  const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
  const port = Number(process.env.PORT ?? 3000);
  if (!(await portIsFree(port))) {
    console.error(`Port ${port} is already in use: stop what holds it, or run PORT=3001 npm start.`);
    process.exit(1);
  }
  if (values.reset) {
    await rm(dataDir, { recursive: true, force: true });
    console.log('Reset: removed .data/ (database, dev keys, outbox).');
  }
  const started = Date.now();
  const databaseDir = join(dataDir, 'dynamodb');
  const restore = await restoreCachedDemo(databaseDir);
  // DynamoDB Local takes seconds from spawn to its first answer; the app loads in that time, not before.
  const spawned = Promise.withResolvers<void>();
  const dynamoStarting = startDynamoDbLocal({
    dataDir: databaseDir,
    ...(process.env.DYNAMODB_PORT ? { port: Number(process.env.DYNAMODB_PORT) } : {}),
    onSpawn: spawned.resolve,
  });
  // A start that fails before the spawn (no Java, a busy port) rejects here, with nothing loaded.
  await Promise.race([spawned.promise, dynamoStarting]);
  const [dynamo, loaded] = await Promise.all([dynamoStarting, loadApp()]);
  const shutdown = async (code: number) => {
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    await dynamo.stop();
    process.exit(code);
  };
  let server: ServerType | undefined;
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const client = new loaded.DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // A restart finds its table in the list, a call DynamoDB Local answers at once; a CreateTable attempt
  // costs a just-started DynamoDB Local 0.1-0.3 s more before it says the table exists.
  const { TableNames } = await client.send(new loaded.ListTablesCommand({}));
  if (!TableNames?.includes(tableName)) await loaded.createTableIfMissing(client, tableName);
  const local = await loaded.createLocalApp({
    endpoint: dynamo.endpoint,
    tableName,
    secrets: loaded.secrets,
    outboxDir: join(dataDir, 'outbox'),
    publicBaseUrl: `http://${host}:${port}`,
    ...(process.env.SMTP_URL ? { smtpUrl: process.env.SMTP_URL } : {}),
  });
  // Campaigns scheduled before a stop are scheduled again; those a stop cut off go on sending.
  await local.scheduler.rearm(new loaded.CampaignRepository(local.db));
  // Writes are open while the demo is written: the seed writes a member only where nobody took its
  // tax id or emails, and adds to the report aggregates as every write does (seed-database.ts).
  // Counted so that a seed copy is only kept of a database that nothing but the seed wrote.
  let writeRequests = 0;
  await new Promise<void>((resolve) => {
    server = loaded.serve(
      {
        fetch: (request, env) => {
          if (!readOnlyMethods.has(request.method)) writeRequests++;
          return local.app.fetch(request, env);
        },
        port,
        hostname: host,
      },
      () => resolve(),
    );
  });
  const url = `http://${host}:${port}`;
  console.log(`
bridge-crm is running (up in ${((Date.now() - started) / 1000).toFixed(1)} s)
  API        ${url}/v1/members   (health: ${url}/health)
  Docs       ${url}/docs          (OpenAPI: ${url}/openapi.json)
  Console    ${url}/console       (staff console; locally "Sign in as staff" or "as admin")
  Token      npm run -s token -- --role staff   (or --role admin, or --role member --member <id>)
  Data       ${databaseDir}  (DynamoDB Local at ${dynamo.endpoint}, table ${tableName})
  Outbox     ${join(dataDir, 'outbox')}
  Reset      npm start -- --reset   (deletes .data/ and seeds afresh)
Ctrl-C stops the server and DynamoDB Local.
`);
  // Seeding runs behind a live server so the first start answers at once; the items are written
  // idempotently, so a seed cut short by Ctrl-C simply runs again (and completes) on the next start.
  const seedStarted = Date.now();
  let shown = -1;
  const seeded = await loaded.seedDemo(local.db, (done, total) => {
    const percent = Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    process.stdout.write(
      `\rSeeding the demo association (seed ${demoSeed.seed}): ${percent}% of ${total} member companies`,
    );
  });
  if (seeded) {
    const seconds = ((Date.now() - seedStarted) / 1000).toFixed(1);
    const skipped =
      seeded.skipped > 0 ? `; ${seeded.skipped} skipped: a user already holds their tax id or an email` : '';
    console.log(
      `\nSeed complete: ${seeded.members} member companies, ${seeded.partners} foreign partners, ` +
        `${seeded.campaigns} sent campaigns, ${seeded.leads} partnership leads, ` +
        `${seeded.events} B2B events (${seeded.eventLeads} leads from their meetings) ` +
        `(${seeded.items} items) in ${seconds} s${skipped}.`,
    );
    if (restore.cache) await keepSeedCopy(restore.cache, databaseDir, () => writeRequests);
  } else if (!restore.restored) {
    console.log('Data from an earlier run is kept (npm start -- --reset starts clean).');
  }
  // The daily tasks (dated exchange rates take effect at 00:00 UTC; in AWS a schedule starts them): what
  // fell due while the server was stopped runs now, the rest on its day.
  const runScheduled = async () => {
    const jobs = [];
    for (const task of local.jobRegistry.scheduled) jobs.push(await task.start(local.jobRuntime));
    return jobs;
  };
  const reportFailure = (error: unknown) => console.error('A daily task failed:', error);
  const dailyJobs = (await runScheduled().catch(reportFailure)) ?? [];
  loaded.everyDayAfterMidnightUtc(runScheduled, reportFailure);
  // Jobs run in process here, so a stop mid-job leaves it unfinished: the next start picks it up. A
  // job a daily task queued just now has been queued by that task.
  const queued = new Set(dailyJobs.flatMap((job) => (job?.status === 'queued' ? [job.id] : [])));
  if (queued.size > 0)
    console.log(
      `Daily tasks queued ${queued.size} job(s) (e.g. a re-tier for exchange rates that took effect).`,
    );
  const unfinished = (await new loaded.JobRepository(local.db).unfinishedJobIds()).filter(
    (id) => !queued.has(id),
  );
  for (const jobId of unfinished) await local.jobs.enqueue({ jobId });
  if (unfinished.length > 0) console.log(`Resumed ${unfinished.length} unfinished background job(s).`);
  // Claims a stop cut off are settled now (as `unknown`, never re-sent), then every 15 minutes.
  const sweep = () =>
    local.sweepClaims().then(
      (settled) => {
        if (settled > 0)
          console.log(`${settled} campaign recipient(s) claimed but unrecorded are now unknown.`);
      },
      (error: unknown) => console.error('The sweep of expired claims failed:', error),
    );
  await sweep();
  setInterval(sweep, loaded.claimSweepIntervalMs).unref();
}

main().catch((error: unknown) => {
  const oneLine = [JavaMissingError, JdkMissingError, PortBusyError].some((type) => error instanceof type);
  console.error(oneLine ? (error as Error).message : error);
  process.exit(1);
});
