/**
 * `npm run bench:first-start`: what a newcomer waits for, printed, never asserted. Runs `npm start`'s
 * entry point on a scratch data directory with an empty seed cache (as `npm ci && npm start` would on
 * a machine where it never ran), then on another empty data directory with the seed cache that start
 * filled (as on every later fresh clone or `--reset`), then restarts it on the data it seeded, and
 * beside each start runs DynamoDB Local alone on the same data
 * (spawn to first answer), so every figure compares with one taken minutes apart on this machine,
 * however loaded it is. Restarts and DynamoDB Local alone take turns, in alternating order.
 *
 * Then the WAL lever side by side: the same seed written, in turns, into DynamoDB Local's database
 * file as DynamoDB Local creates it (rollback journal) and into one created beforehand in SQLite's WAL
 * journal mode, which the file keeps. `npm start` does not set WAL: with the seed's transactions it
 * measured no faster here (README, "Not yet, and known gaps"); this section re-measures it when the
 * seed changes.
 *
 * Knobs (environment): SEED_MEMBERS (first start's seed, default the demo's 3,200), BENCH_RESTARTS
 * (restart/alone pairs, default 5), BENCH_WAL_MEMBERS (members per WAL round, default 400; 0 skips),
 * BENCH_WAL_ROUNDS (default 6).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableIfMissing } from '../infra/local/create-table.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { generateDemoMembers } from '../infra/local/seed/demo-members.ts';
import { demoSeed } from '../infra/local/seed/demo-seed.ts';
import { sharedDbFile } from '../infra/local/seed/seed-cache.ts';
import { seedDatabase } from '../infra/local/seed/seed-database.ts';
import { createDatabase } from '../shared/data/dynamo-client.ts';
import { startLocalServer } from '../tests/support/local-server-process.ts';
import { median, ms, ratio, section, table } from './report.ts';

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 5);
const WAL_MEMBERS = Number(process.env.BENCH_WAL_MEMBERS ?? 400);
const WAL_ROUNDS = Number(process.env.BENCH_WAL_ROUNDS ?? 6);
const scratch: string[] = [];

function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bridge-crm-${label}-`));
  scratch.push(dir);
  return dir;
}

const load = () => loadavg()[0]!.toFixed(1);

interface StartRun {
  /** Process spawn to the first `/health` 200. */
  healthMs: number;
  /** What the server printed when the seed completed, if asked to wait for it. */
  seedLine: string | undefined;
  /** `/health` 200 to that line. */
  seedAfterHealthMs: number | undefined;
  /** Everything it printed. */
  output: string;
}

/**
 * Starts the local server on `dataDir` with the seed cache in `cacheDir`; resolves once it answers
 * /health and, if asked, has printed `waitFor` (then also the line that says whether it kept a copy).
 */
async function timeStart(dataDir: string, cacheDir: string, waitFor?: string): Promise<StartRun> {
  // Includes picking a free port (about a millisecond) before the spawn.
  const started = performance.now();
  const server = await startLocalServer({ BRIDGE_DATA_DIR: dataDir, BRIDGE_SEED_CACHE_DIR: cacheDir });
  let healthAt: number | undefined;
  let seedAt: number | undefined;
  const waiting = () =>
    waitFor !== undefined && (seedAt === undefined || !/Kept a copy|is not kept/.test(server.output()));
  try {
    while (healthAt === undefined || waiting()) {
      if (server.child.exitCode !== null) {
        throw new Error(`npm start exited with ${server.child.exitCode}:\n${server.output()}`);
      }
      if (healthAt === undefined) {
        const ok = await fetch(`${server.url}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) healthAt = performance.now();
      }
      if (waitFor !== undefined && seedAt === undefined && server.output().includes(waitFor))
        seedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await server.stop();
  }
  const output = server.output();
  return {
    healthMs: healthAt - started,
    seedLine: /Seed complete[^\n]*/.exec(output)?.[0],
    seedAfterHealthMs: seedAt === undefined ? undefined : seedAt - healthAt,
    output,
  };
}

/** DynamoDB Local alone on `dynamoDir`, spawn to its first answer, as `npm start` launches it. */
async function timeDynamoAlone(dynamoDir: string): Promise<number> {
  const dynamo = await startDynamoDbLocal({ dataDir: dynamoDir });
  await dynamo.stop();
  return dynamo.startupMs;
}

/** The seed's own report: "... (61791 items) in 80.3 s." */
function seedFigures(line: string | undefined): { items: number; seconds: number } {
  const items = Number(/\((\d+) items\)/.exec(line ?? '')?.[1] ?? Number.NaN);
  const seconds = Number(/ in ([\d.]+) s/.exec(line ?? '')?.[1] ?? Number.NaN);
  return { items, seconds };
}

/** Creates DynamoDB Local's database file, empty, in WAL mode, before DynamoDB Local first opens it. */
function createWalDatabase(dynamoDir: string): void {
  mkdirSync(dynamoDir, { recursive: true });
  const database = new DatabaseSync(join(dynamoDir, sharedDbFile));
  database.exec('PRAGMA journal_mode = WAL');
  database.close();
}

/** The journal mode SQLite reads from the file (`wal`, `delete`...), with DynamoDB Local stopped. */
function journalModeOf(dynamoDir: string): string {
  const database = new DatabaseSync(join(dynamoDir, sharedDbFile));
  const mode = database.prepare('PRAGMA journal_mode').get()?.journal_mode;
  database.close();
  return String(mode);
}

/** Seeds `members` into a fresh table on DynamoDB Local over `dynamoDir`; items written per second. */
async function seedRate(dynamoDir: string, members: number): Promise<number> {
  const dynamo = await startDynamoDbLocal({ dataDir: dynamoDir });
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const db = createDatabase({ tableName: 'bench-wal', endpoint: dynamo.endpoint });
  try {
    await createTableIfMissing(admin, db.tableName);
    const started = performance.now();
    const seeded = await seedDatabase(db, { ...demoSeed, count: members });
    return seeded.items / ((performance.now() - started) / 1000);
  } finally {
    db.doc.destroy();
    admin.destroy();
    await dynamo.stop();
  }
}

try {
  console.log(
    `bridge-crm first start — ${new Date().toISOString()} — Node ${process.version}, ` +
      `${cpus().length} CPU × ${cpus()[0]?.model.trim() ?? '?'}, load average ${load()} at the start`,
  );

  section('Demo data: generating the members the seed writes (part of the seed time below)');
  const generationStarted = performance.now();
  const generated = generateDemoMembers(demoSeed);
  console.log(
    `  ${generated.length} members generated in ${ms(performance.now() - generationStarted, 0)} ms`,
  );

  section('First start on an empty data directory (npm ci && npm start), then DynamoDB Local alone');
  // An empty seed cache, as on a machine where npm start never ran; this start fills it.
  const cacheDir = scratchDir('seed-cache');
  const firstDir = scratchDir('first-start');
  const first = await timeStart(firstDir, cacheDir, 'Seed complete');
  const firstDynamo = await timeDynamoAlone(join(scratchDir('empty'), 'dynamodb'));
  const seed = seedFigures(first.seedLine);
  console.log(
    table(
      ['figure', 'ms'],
      [
        ['npm start to /health 200', ms(first.healthMs, 0)],
        ['DynamoDB Local alone, empty data, spawn to ready', ms(firstDynamo, 0)],
        ['/health minus DynamoDB Local alone', ms(first.healthMs - firstDynamo, 0)],
        ['/health 200 to "Seed complete"', ms(first.seedAfterHealthMs ?? Number.NaN, 0)],
      ],
    ),
  );
  console.log(`\n  server: ${first.seedLine ?? 'the seed did not report completion'}`);
  console.log(`  seed: ${ms(seed.seconds, 1)} s, ${ms(seed.items / seed.seconds, 0)} items/s`);

  section(
    "Start on another empty data directory with this machine's seed cache, beside DynamoDB Local alone",
  );
  const cachedDir = scratchDir('cached-start');
  const cached = await timeStart(cachedDir, cacheDir);
  const cachedDynamo = await timeDynamoAlone(join(cachedDir, 'dynamodb'));
  const copied = / in ([\d.]+) s\./.exec(/Demo association copied[^\n]*/.exec(cached.output)?.[0] ?? '')?.[1];
  console.log(
    table(
      ['figure', 'ms'],
      [
        ['npm start to /health 200, the demo complete', ms(cached.healthMs, 0)],
        ['of which copying the cached database', ms(Number(copied ?? Number.NaN) * 1000, 0)],
        ['DynamoDB Local alone on the copied data, spawn to ready', ms(cachedDynamo, 0)],
        ['/health minus DynamoDB Local alone', ms(cached.healthMs - cachedDynamo, 0)],
      ],
    ),
  );
  console.log(
    `\n  server: ${/Kept a copy[^\n]*|[^\n]*is not kept[^\n]*/.exec(first.output)?.[0] ?? 'kept no copy'}`,
  );

  section('Restart on the seeded data beside DynamoDB Local alone on the same data');
  const rows: { health: number; alone: number }[] = [];
  for (let round = 0; round < RESTARTS; round++) {
    // Alternating which goes first spreads the page cache's and the load's drift over both.
    const aloneFirst = round % 2 === 1;
    const aloneBefore = aloneFirst ? await timeDynamoAlone(join(firstDir, 'dynamodb')) : undefined;
    const restart = await timeStart(firstDir, cacheDir);
    const alone = aloneBefore ?? (await timeDynamoAlone(join(firstDir, 'dynamodb')));
    rows.push({ health: restart.healthMs, alone });
  }
  // The median of the rounds' own differences and ratios: a round's two figures are taken seconds
  // apart, so the load drifting between rounds sways them less than a difference of medians.
  const medianMs = (value: (row: (typeof rows)[number]) => number) => ms(median(rows.map(value)), 0);
  const medianRow = [
    'median',
    medianMs((row) => row.health),
    medianMs((row) => row.alone),
    medianMs((row) => row.health - row.alone),
    ratio(median(rows.map((row) => row.health / row.alone))),
  ];
  console.log(
    table(
      ['round', 'restart to /health ms', 'DynamoDB Local alone ms', 'difference ms', 'ratio'],
      [
        ...rows.map((row, i) => [
          String(i + 1),
          ms(row.health, 0),
          ms(row.alone, 0),
          ms(row.health - row.alone, 0),
          ratio(row.health / row.alone),
        ]),
        medianRow,
      ],
    ),
  );

  if (WAL_MEMBERS > 0) {
    section(`WAL lever: ${WAL_MEMBERS} members seeded into each journal mode, ${WAL_ROUNDS} rounds in turns`);
    const kinds = ['default', 'wal'] as const;
    const rates: Record<(typeof kinds)[number], number[]> = { default: [], wal: [] };
    const dirs: Record<(typeof kinds)[number], string> = { default: '', wal: '' };
    for (let round = 0; round < WAL_ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        dirs[kind] = join(scratchDir(`journal-${kind}`), 'dynamodb');
        if (kind === 'wal') createWalDatabase(dirs[kind]);
        rates[kind].push(await seedRate(dirs[kind], WAL_MEMBERS));
      }
    }
    // The last WAL file, seeded and closed, opened once more: DynamoDB Local must still start on it,
    // and the mode read afterwards shows the file kept it.
    const walRestartMs = await timeDynamoAlone(dirs.wal);
    const row = (kind: (typeof kinds)[number], label: string) => [
      `${label}: ${journalModeOf(dirs[kind])}`,
      rates[kind].map((rate) => ms(rate, 0)).join(', '),
      ms(median(rates[kind]), 0),
    ];
    console.log(
      table(
        ['journal mode (as read afterwards)', 'items/s, each round', 'median items/s'],
        [row('default', "DynamoDB Local's own"), row('wal', 'WAL set beforehand, after a restart')],
      ),
    );
    console.log(
      `\n  WAL writes at ${ratio(median(rates.wal) / median(rates.default))} the default's rate; ` +
        `DynamoDB Local restarted on the seeded WAL file in ${ms(walRestartMs, 0)} ms`,
    );
  }
  console.log(`\n  load average ${load()} at the end`);
} finally {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
}
