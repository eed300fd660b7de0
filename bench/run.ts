/**
 * `npm run bench`: QUALITY.md's performance figures, measured side by side in one run and printed as
 * figures and ratios (never pass/fail): bundle sizes, the cold-start proxy, request overhead, the
 * read cost of every access pattern with DynamoDB calls per request, and campaign sending. Starts
 * DynamoDB Local in memory and the local server on a free port, and stops both before it exits.
 *
 * Knobs (environment): BENCH_MEMBERS (seeded members, default 300), BENCH_COLD_RUNS (cold starts per
 * variant, default 10), BENCH_REQUESTS (timed requests per variant, default 500).
 * The CSV import timing is a separate script: `npx tsx bench/import-bench.ts`.
 *
 * Section 5 is campaign sending (bench/campaign-send.ts): 3,000 recipients end to end locally (the
 * issue's figure; the sender there takes 30–40 ms per recipient, one at a time, so about two
 * minutes), and 10,000 and 100,000 against mocked AWS with the dispatch whole and the sender on the
 * first 1,000 messages of each (`npm run bench:campaign` runs every message). Its knobs
 * (BENCH_CAMPAIGN_RECIPIENTS, BENCH_CAMPAIGN_MOCKED, BENCH_CAMPAIGN_SEND_SAMPLE) apply here too.
 *
 * Section 6 is the read cost of the partnership reports and matches (bench/partnerships.ts): the
 * pipeline report at 100 and 1,000 leads, the matches of a member with 2 offers and 2 needs at 100 and
 * 1,000 visible companies, written through the API on bench/fake-table.ts, then measured again on
 * DynamoDB Local with the partitions each request reads copied there, 50 timed requests each (about
 * 25 s). `npm run bench:partnerships` adds 10,000 of each, copies every item and times 200 requests.
 * Its knobs (BENCH_PARTNERSHIPS_LEADS, BENCH_PARTNERSHIPS_COMPANIES, BENCH_PARTNERSHIPS_LOCAL,
 * BENCH_PARTNERSHIPS_REQUESTS) apply here too.
 *
 * Section 7 is the events' 1:1 meeting scheduler (bench/event-schedule.ts, also `npm run bench:schedule`):
 * on the issue's seeded small case (40 firms, 300 requests, 12 slots, 20 tables) and large one (400
 * firms, 5,000 requests, 16 slots, 150 tables), the meetings the integer program places, the optimum
 * where HiGHS proves one, the LP and simple bounds, the time of a first and a second run, and the greedy
 * fallback beside it (about 30 s). Its knob BENCH_SCHEDULE_TIME_LIMIT_MS applies here too.
 *
 * Section 8 is the staff console (bench/console-pages.ts): each page's server time in process and the
 * bytes it sends with brotli, and its first load with every file it links (BENCH_CONSOLE_REQUESTS
 * requests per page, default 30).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../infra/cdk/bundling-options.ts';
import { icuDataFiles } from '../infra/cdk/icu-locale-index.ts';
import { CONSOLE_FUNCTION_PROPS } from '../infra/cdk/stateless-stack.ts';
import type { DynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { assetNames } from '../shared/console/assets/asset-catalog.ts';
import { catalogedAssetPath } from '../shared/console/assets/checkout-asset-source.ts';
import { SessionRepository } from '../shared/console/session/session-repository.ts';
import { httpApiEvent, staffClaims } from '../tests/support/api-gateway-event.ts';
import { startSecretsExtensionStandIn } from '../tests/support/secrets-extension-stand-in.ts';
import {
  type BundleResult,
  bundleEntry,
  CONSTRUCT_OPTIONS_NOTE,
  functionEntries,
  localSdkVersion,
  makeBundleWorkDir,
} from './bundle.ts';
import { campaignBenchOptions, campaignSendSection } from './campaign-send.ts';
import { type ColdStartSample, measureColdStarts, recordCalls } from './cold-start.ts';
import { consolePagesSection } from './console-pages.ts';
import { scheduleBenchOptions, scheduleSection } from './event-schedule.ts';
import { type BenchEnv, startBenchEnv, startDynamo } from './local-env.ts';
import { partnershipOptions, partnershipsSection } from './partnerships.ts';
import { callsByOperation, measureReadCost, type RouteMeasurement } from './read-cost.ts';
import { kb, median, ms, percentile, ratio, section, table } from './report.ts';
import { BARE, BARE_QUERY, HTTP, IN_PROCESS, measureRequestOverhead } from './request-overhead.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const CONSOLE_REQUESTS = Number(process.env.BENCH_CONSOLE_REQUESTS ?? 30);
const WARMUP = 50;
// Issue 7's bars: an API function's bundle ≤ 450 KB (stretch 300 KB, QUALITY.md's figure), its cold
// start ≤ 1.5× the bare handler's (stretch 1.3×), request overhead in process ≤ 1.3× a bare Query.
// The job worker's budget is the API functions' size bar: its cold starts meet no user, but it must not
// collect every context's code; a context whose jobs would break it gets a worker of its own.
const BUNDLE_BAR_BYTES = 450 * 1024;
const BUNDLE_STRETCH_BYTES = 300 * 1024;
const COLD_START_BAR = 1.5;
const COLD_START_STRETCH = 1.3;
const OVERHEAD_BAR = 1.3;
const API_FUNCTIONS = new Set([
  'functions/members-api.ts',
  'functions/campaigns-api.ts',
  'functions/partnerships-api.ts',
  'functions/events-api.ts',
  'functions/platform-api.ts',
]);
const CONSOLE_FUNCTIONS = Object.values(CONSOLE_FUNCTION_PROPS).map((props) => props.entry);
const BUDGETED = new Set([...API_FUNCTIONS, 'functions/job-worker.ts', ...CONSOLE_FUNCTIONS]);
const BARE_ENTRY = 'bench/bare-handler.ts';
const BARE_CALLS_ENTRY = 'bench/bare-calls-handler.ts';
const BASELINES = new Set([BARE_ENTRY, BARE_CALLS_ENTRY]);

/** `1.23× (within)` or `1.84× (over)`: a figure's ratio to its bar, `shown` instead of the ratio if given. */
function against(ofBar: number, shown = ratio(ofBar)): string {
  return `${shown} ${ofBar <= 1 ? '(within)' : '(over)'}`;
}

const startedAt = performance.now();
const summary: string[] = [];
// Inside the repository: the bundles import `@aws-sdk/*` from its node_modules when they run.
const workDir = makeBundleWorkDir();
const sdkVersion = localSdkVersion();
// The JVM starts while esbuild works.
const dynamoStarting = startDynamo();
dynamoStarting.catch(() => undefined);
let env: BenchEnv | undefined;
let exitCode = 0;

try {
  console.log(
    `bridge-crm bench — ${new Date().toISOString()} — Node ${process.version} (${process.execPath}), ` +
      `${cpus().length} CPU × ${cpus()[0]?.model.trim() ?? '?'}`,
  );

  // 1 ─ Bundle sizes ─────────────────────────────────────────────────────────────────────────────
  section('1. Lambda bundle sizes (esbuild, minified ESM, as the CDK construct builds them)');
  console.log(`  note: ${CONSTRUCT_OPTIONS_NOTE}`);
  console.log(
    "  note: @aws-sdk/* is external (the Lambda runtime's SDK) and `zod` is aliased to infra/cdk/zod-without-locales/",
  );
  const bundles: BundleResult[] = [];
  for (const entry of [...functionEntries(), BARE_ENTRY, BARE_CALLS_ENTRY]) {
    bundles.push(await bundleEntry(entry, join(workDir, entry.replace(/[/.]/g, '_'))));
  }
  const label = (b: BundleResult) => (BASELINES.has(b.entry) ? `${b.entry} (baseline)` : b.entry);
  console.log(
    table(
      ['bundle', 'index.mjs KB', 'vs 450 KB bar', 'vs 300 KB stretch', '.map KB', 'build ms'],
      bundles.map((b) => [
        label(b),
        kb(b.bytes),
        BUDGETED.has(b.entry) ? against(b.bytes / BUNDLE_BAR_BYTES) : '-',
        API_FUNCTIONS.has(b.entry) ? against(b.bytes / BUNDLE_STRETCH_BYTES) : '-',
        kb(b.mapBytes),
        ms(b.buildMs, 0),
      ]),
    ),
  );
  const fnBundles = bundles.filter((b) => !BASELINES.has(b.entry));
  const top = new Set(fnBundles.flatMap((b) => b.contributors.slice(0, 8).map((c) => c.name)));
  const sizeIn = (b: BundleResult, name: string) => b.contributors.find((c) => c.name === name)?.bytes ?? 0;
  const topRows = [...top]
    .map((name) => ({ name, max: Math.max(...fnBundles.map((b) => sizeIn(b, name))) }))
    .sort((a, b) => b.max - a.max);
  console.log('\n  Top 8 contributors of each bundle (KB in the minified output; metafile `bytesInOutput`):');
  console.log(
    table(
      ['package', ...fnBundles.map((b) => b.entry.replace(/^functions\/|\.ts$/g, ''))],
      topRows.map(({ name }) => [
        name,
        ...fnBundles.map((b) => (sizeIn(b, name) ? kb(sizeIn(b, name)) : '-')),
      ]),
    ),
  );
  for (const b of fnBundles) {
    const bar = BUDGETED.has(b.entry) ? ` (${ratio(b.bytes / BUNDLE_BAR_BYTES)} the 450 KB bar)` : '';
    summary.push(
      `| ${b.entry.replace(/^functions\/|\.ts$/g, '')} bundle | ${kb(b.bytes)} KB minified${bar}; largest: ${b.contributors
        .slice(0, 3)
        .map((c) => `${c.name} ${kb(c.bytes)} KB`)
        .join(', ')} |`,
    );
  }
  const bare = bundles.find((b) => b.entry === BARE_ENTRY)!;
  summary.push(
    `| bare GetItem handler bundle | ${kb(bare.bytes)} KB minified (the SDK is external here too) |`,
  );

  // DynamoDB Local, the table, the seed, the server ────────────────────────────────────────────────
  const dynamo: DynamoDbLocal = await dynamoStarting;
  env = await startBenchEnv(dynamo, MEMBERS);
  console.log(
    `\n  DynamoDB Local (in memory) ready in ${dynamo.startupMs} ms at ${dynamo.endpoint}; seeded ` +
      `${env.seeded.members} members (${env.seeded.items} items) in ${env.seeded.ms} ms; server at ${env.baseUrl}`,
  );
  const listed = (await (
    await fetch(`${env.baseUrl}/v1/members?limit=100`, {
      headers: { authorization: `Bearer ${env.staffToken}` },
    })
  ).json()) as { items: { id: string }[] };
  const memberIds = listed.items.map((m) => m.id);
  const partnerIds = (
    (await (
      await fetch(`${env.baseUrl}/v1/partners?limit=1`, {
        headers: { authorization: `Bearer ${env.staffToken}` },
      })
    ).json()) as { items: { id: string }[] }
  ).items.map((p) => p.id);
  // The seed's open event and a company registered in it: the delegates' page opens on them.
  const staffGet = async <T>(path: string) =>
    (await (
      await fetch(`${env!.baseUrl}${path}`, { headers: { authorization: `Bearer ${env!.staffToken}` } })
    ).json()) as T;
  const openEvent = (await staffGet<{ items: { id: string; state: string }[] }>('/v1/events')).items.find(
    (e) => e.state === 'open' || e.state === 'scheduled',
  )!.id;
  const registeredId = (
    await staffGet<{ items: { id: string; status: string }[] }>(`/v1/events/${openEvent}/participants`)
  ).items.find((p) => p.status === 'registered')!.id;

  // 2 ─ Cold-start proxy ─────────────────────────────────────────────────────────────────────────
  section(`2. Cold-start proxy (fresh node process, ${COLD_RUNS} runs each, interleaved)`);
  const nodeBinary = process.execPath;
  const bundleOf = (entry: string) => bundles.find((b) => b.entry === entry)!.file;
  const NODE_E0 = 'node -e 0';
  const BARE_COLD = 'bare GetItem handler (bundled, SDK external)';
  const APP_COLD = 'members-api handler (bundled, SDK external)';
  const PLATFORM_COLD = 'platform-api handler, GET /health';
  const consoleAssetsDir = join(workDir, 'console-assets');
  mkdirSync(consoleAssetsDir, { recursive: true });
  for (const name of assetNames) copyFileSync(catalogedAssetPath(name), join(consoleAssetsDir, name));
  // ICU's cut locale index and likely subtags, as every function's package lays them out.
  for (const { from, to } of icuDataFiles) {
    mkdirSync(dirname(join(workDir, to)), { recursive: true });
    copyFileSync(join(REPO_ROOT, from), join(workDir, to));
  }
  // Each console function's first page: the sign-in page without a session (it hashes the files it
  // links), every section's landing page with a staff session (read, groups fresh, then the page's reads).
  const sessions = new SessionRepository(env.local.db, () => new Date());
  const sessionOf = async (role: 'staff' | 'admin') =>
    (
      await sessions.create({
        sub: `bench-${role}`,
        role,
        name: `Bench ${role}`,
        locale: 'ru',
        shortcuts: true,
        timeZone: 'Europe/Moscow',
      })
    ).id;
  const sessionId = await sessionOf('staff');
  // An erasure's page is an admin's.
  const adminSessionId = await sessionOf('admin');
  const firstPage: Record<string, string> = {
    console: '/console/sign-in',
    'console-member-import': '/console/members/import',
    'console-member-record': `/console/members/${memberIds[0]!}`,
    'console-member-edit': `/console/members/${memberIds[0]!}/profile`,
    'console-partner-join': `/console/partners/${partnerIds[0]!}/join`,
    'console-erasure': `/console/members/${memberIds[0]!}/erase`,
    'console-event-delegates': `/console/events/${openEvent}/participants/${registeredId}/delegates`,
    'console-event-meetings': `/console/events/${openEvent}/schedule`,
  };
  const consoleCold = Object.values(CONSOLE_FUNCTION_PROPS).map(({ entry, serviceName, environment }) => {
    const path = firstPage[serviceName] ?? `/console/${serviceName.slice('console-'.length)}`;
    return {
      name: `${serviceName} handler, GET ${path}`,
      bundle: bundleOf(entry),
      event: {
        ...httpApiEvent('GET', path, undefined),
        ...(serviceName === 'console'
          ? {}
          : {
              cookies: [
                `__Host-bridge-session=${serviceName === 'console-erasure' ? adminSessionId : sessionId}`,
              ],
            }),
      },
      // As the construct sets them; none of these pages reaches a Cognito endpoint.
      env: {
        POWERTOOLS_SERVICE_NAME: serviceName,
        ...environment,
        CONSOLE_ASSETS_DIR: consoleAssetsDir,
        USER_POOL_ID: 'eu-central-1_Bench',
        CONSOLE_CLIENT_ID: 'bench-console-client',
        CONSOLE_DOMAIN_URL: 'https://bridge-crm-bench.auth.eu-central-1.amazoncognito.com',
        CONSOLE_CALLBACK_URL: 'https://bench.example.org/console/callback',
      },
    };
  });
  const CONSOLE_COLDS = consoleCold.map((variant) => variant.name);
  // The signing secret as the functions read it in AWS: through the Secrets extension, on localhost.
  const secretsExtension = await startSecretsExtensionStandIn(() => ({ AWSCURRENT: 'bench-signing-secret' }));
  const coldOptions = {
    nodeBinary,
    workDir,
    event: httpApiEvent('GET', `/v1/members/${memberIds[0]!}`, staffClaims),
    // The function's environment as the construct sets it, with metrics off (no CloudWatch here).
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TABLE_NAME: env.tableName,
      // By host name, as a function reaches DynamoDB in AWS (dynamodb.<region>.amazonaws.com): the first
      // connection to a name looks it up and runs Node's IPv6 check (a ~4 ms pattern compile), which an
      // IP address skips. At 127.0.0.1 the bare handler skipped both, while a signed-in page paid them
      // for the Secrets extension's localhost: its DynamoDB calls never did, in AWS they do.
      DYNAMODB_ENDPOINT: endpointByName(dynamo.endpoint),
      SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:bench-signing',
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(secretsExtension.port),
      AWS_SESSION_TOKEN: 'bench-session-token',
      POWERTOOLS_SERVICE_NAME: 'members-api',
      POWERTOOLS_METRICS_NAMESPACE: 'BridgeCrm',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_METRICS_DISABLED: 'true',
      NODE_ICU_DATA: join(workDir, 'icu'),
    },
  };
  // Each signed-in page's own DynamoDB calls, made bare: what its reads cost a cold process by themselves.
  const callsOf = new Map<string, string>();
  const bareCalls = [];
  for (const variant of consoleCold.filter((v) => v.event.cookies)) {
    const rounds = await recordCalls(variant, coldOptions);
    const name = `its DynamoDB calls bare (${rounds.map((round) => round.length).join(' then ')})`;
    callsOf.set(variant.name, `${variant.name.split(' ')[0]}: ${name}`);
    bareCalls.push({
      name: callsOf.get(variant.name)!,
      bundle: bundleOf(BARE_CALLS_ENTRY),
      env: { BENCH_CALLS: JSON.stringify(rounds) },
    });
  }
  const CAMPAIGNS_COLD = 'campaigns-api handler, GET /v1/campaigns';
  const PARTNERSHIPS_COLD = 'partnerships-api handler, GET /v1/leads';
  // The first request loads no HiGHS module: that happens on the first schedule run.
  const EVENTS_COLD = 'events-api handler, GET /v1/events';
  const cold = await measureColdStarts(
    [
      { name: NODE_E0 },
      { name: BARE_COLD, bundle: bundleOf(BARE_ENTRY) },
      { name: APP_COLD, bundle: bundleOf('functions/members-api.ts') },
      {
        name: CAMPAIGNS_COLD,
        bundle: bundleOf('functions/campaigns-api.ts'),
        event: httpApiEvent('GET', '/v1/campaigns', staffClaims),
        env: { POWERTOOLS_SERVICE_NAME: 'campaigns-api' },
      },
      {
        name: PARTNERSHIPS_COLD,
        bundle: bundleOf('functions/partnerships-api.ts'),
        event: httpApiEvent('GET', '/v1/leads', staffClaims),
        env: { POWERTOOLS_SERVICE_NAME: 'partnerships-api' },
      },
      {
        name: EVENTS_COLD,
        bundle: bundleOf('functions/events-api.ts'),
        event: httpApiEvent('GET', '/v1/events', staffClaims),
        env: { POWERTOOLS_SERVICE_NAME: 'events-api' },
      },
      ...consoleCold,
      ...bareCalls,
      {
        name: PLATFORM_COLD,
        bundle: bundleOf('functions/platform-api.ts'),
        event: httpApiEvent('GET', '/health', undefined),
        env: { POWERTOOLS_SERVICE_NAME: 'platform-api' },
      },
    ],
    { ...coldOptions, runs: COLD_RUNS },
  );
  await secretsExtension.close();
  console.log(`  ${nodeBinary} ${process.version}; event: GET /v1/members/{id}, staff authorizer claims`);
  console.log(
    '  env as the construct sets it (source maps not loaded; the signing secret read through a Secrets' +
      ' extension stand-in on localhost), Powertools metrics off',
  );
  console.log(
    `  both handlers (the bare one too) import the AWS SDK at run time, unbundled, as from the Lambda runtime:` +
      ` here @aws-sdk/* ${sdkVersion} from the repository's node_modules`,
  );
  const wall = (name: string) => cold.get(name)!.map((s) => s.wallMs);
  const part = (name: string, key: keyof ColdStartSample) =>
    median(cold.get(name)!.flatMap((s) => (typeof s[key] === 'number' ? [s[key]] : [])));
  const baseline = median(wall(NODE_E0));
  console.log(
    table(
      [
        'process',
        'wall p50 ms',
        'wall p90 ms',
        'node boot',
        'import',
        '1st invoke',
        'CPU',
        'over node -e 0',
        'ratio',
      ],
      [
        NODE_E0,
        BARE_COLD,
        APP_COLD,
        CAMPAIGNS_COLD,
        PARTNERSHIPS_COLD,
        EVENTS_COLD,
        PLATFORM_COLD,
        ...CONSOLE_COLDS,
        ...bareCalls.map((variant) => variant.name),
      ].map((name) => [
        name,
        ms(median(wall(name))),
        ms(percentile(wall(name), 90)),
        ms(part(name, 'bootMs')),
        ms(part(name, 'importMs')),
        ms(part(name, 'invokeMs')),
        ms(part(name, 'cpuMs')),
        name === NODE_E0 ? '-' : `+${ms(median(wall(name)) - baseline)}`,
        ratio(median(wall(name)) / baseline),
      ]),
    ),
  );
  const appOverBare = median(wall(APP_COLD)) - median(wall(BARE_COLD));
  const coldRatio = (name: string) => median(wall(name)) / median(wall(BARE_COLD));
  // Each round runs every variant once, close in time: a variant's ratio to the bare handler of its own
  // round leaves out how the machine's speed drifts over the minutes the rounds take, and the spread of
  // those ratios says how far one run's figure can be trusted.
  const paired = (name: string) => {
    const bare = wall(BARE_COLD);
    const ratios = wall(name).map((w, round) => w / bare[round]!);
    return `paired by round ${ratio(median(ratios))} (quartiles ${ratio(percentile(ratios, 25))}–${ratio(percentile(ratios, 75))})`;
  };
  console.log(
    "  (columns boot/import/1st invoke are medians from the child's own clock; CPU its user + system time to" +
      ' the answer, which another load on the machine moves less than it moves the wall time)',
  );
  for (const name of [
    APP_COLD,
    CAMPAIGNS_COLD,
    PARTNERSHIPS_COLD,
    EVENTS_COLD,
    PLATFORM_COLD,
    ...CONSOLE_COLDS,
  ]) {
    const calls = callsOf.get(name);
    console.log(
      `  ${name} vs bare GetItem handler: +${ms(median(wall(name)) - median(wall(BARE_COLD)))} ms at p50, ` +
        `${against(coldRatio(name) / COLD_START_BAR, ratio(coldRatio(name)))} the ${COLD_START_BAR}× bar ` +
        `(${COLD_START_STRETCH}× stretch; ${paired(name)}; CPU time ` +
        `${ratio(part(name, 'cpuMs') / part(BARE_COLD, 'cpuMs'))})` +
        (calls
          ? `; ${ratio(median(wall(name)) / median(wall(calls)))} its own DynamoDB calls made bare`
          : ''),
    );
  }
  summary.push(
    `| cold-start proxy (p50 wall, ${COLD_RUNS} runs) | node -e 0 ${ms(baseline, 0)} ms; bare GetItem handler ${ms(median(wall(BARE_COLD)), 0)} ms; members-api ${ms(median(wall(APP_COLD)), 0)} ms (+${ms(appOverBare, 0)} ms, ${ratio(coldRatio(APP_COLD))} the bare handler, bar ${COLD_START_BAR}×); campaigns-api ${ms(median(wall(CAMPAIGNS_COLD)), 0)} ms (${ratio(coldRatio(CAMPAIGNS_COLD))}); partnerships-api ${ms(median(wall(PARTNERSHIPS_COLD)), 0)} ms (${ratio(coldRatio(PARTNERSHIPS_COLD))}); events-api ${ms(median(wall(EVENTS_COLD)), 0)} ms (${ratio(coldRatio(EVENTS_COLD))}); platform-api ${ms(median(wall(PLATFORM_COLD)), 0)} ms (${ratio(coldRatio(PLATFORM_COLD))}); ${CONSOLE_COLDS.map((name) => `${name.split(' ')[0]} ${ms(median(wall(name)), 0)} ms (${ratio(coldRatio(name))}${callsOf.has(name) ? `; ${ratio(median(wall(name)) / median(wall(callsOf.get(name)!)))} its calls bare` : ''})`).join('; ')}; all load @aws-sdk/* ${sdkVersion} unbundled |`,
  );

  // 3 ─ Request overhead ─────────────────────────────────────────────────────────────────────────
  section(`3. Request overhead (${REQUESTS} requests each after ${WARMUP} warm-up, interleaved)`);
  const scansBefore = env.probe.count('ScanCommand');
  const overhead = await measureRequestOverhead(env, memberIds, { warmup: WARMUP, requests: REQUESTS });
  const bareP50 = median(overhead.samples.get(BARE)!);
  const bareP99 = percentile(overhead.samples.get(BARE)!, 99);
  console.log(
    table(
      ['path', 'p50 ms', 'p90 ms', 'p99 ms', 'p50 ratio', 'p99 ratio'],
      [HTTP, IN_PROCESS, BARE_QUERY, BARE].map((name) => {
        const s = overhead.samples.get(name)!;
        return [
          name,
          ms(median(s), 2),
          ms(percentile(s, 90), 2),
          ms(percentile(s, 99), 2),
          ratio(median(s) / bareP50),
          ratio(percentile(s, 99) / bareP99),
        ];
      }),
    ),
  );
  const http = overhead.samples.get(HTTP)!;
  console.log(
    `  DynamoDB calls per GET /v1/members/{id}: ${overhead.callsPerRequest.toFixed(2)} ` +
      '(a Query of the member partition: profile + contacts; the bare GetItem reads the profile item only)',
  );
  const queryP50 = median(overhead.samples.get(BARE_QUERY)!);
  const inProcessP50 = median(overhead.samples.get(IN_PROCESS)!);
  console.log(
    `  at p50, over the bare Query the route issues: the app in process +${ms(inProcessP50 - queryP50, 2)} ms ` +
      `(${against(inProcessP50 / queryP50 / OVERHEAD_BAR, ratio(inProcessP50 / queryP50))} the ${OVERHEAD_BAR}× bar), ` +
      `with HTTP and the dev token check +${ms(median(http) - queryP50, 2)} ms (${ratio(median(http) / queryP50)}, reported, not a bar)`,
  );
  summary.push(
    `| GET /v1/members/{id} in process vs a bare Query of its partition | p50 ${ms(inProcessP50, 2)} vs ${ms(queryP50, 2)} ms (${ratio(inProcessP50 / queryP50)}, bar ${OVERHEAD_BAR}×); over HTTP on loopback with the dev token check p50 ${ms(median(http), 2)} ms (${ratio(median(http) / queryP50)}); p99 HTTP ${ms(percentile(http, 99), 2)} vs bare GetItem ${ms(bareP99, 2)} ms |`,
  );

  // 4 ─ Read cost ────────────────────────────────────────────────────────────────────────────────
  section('4. Read cost per access pattern (ReturnConsumedCapacity: TOTAL) and DynamoDB calls per request');
  env.probe.measureCapacity = true;
  const cost = await measureReadCost(env, MEMBERS);
  env.probe.measureCapacity = false;
  const amplification = (m: RouteMeasurement) => m.readUnits / m.minimumReadUnits;
  console.log(
    table(
      ['pattern', 'calls', 'items', 'KB read', 'RCU', 'min RCU', 'amplif.'],
      cost.patterns.map((m) => [
        m.name,
        callsByOperation(m.calls),
        m.items,
        kb(m.bytes),
        m.readUnits.toFixed(1),
        m.minimumReadUnits.toFixed(1),
        ratio(amplification(m)),
      ]),
    ),
  );
  console.log(
    '  min RCU = Σ per call of 0.5 × started 4 KB of the items returned (eventually consistent, at least 0.5);' +
      "\n  item bytes approximated from the returned items by DynamoDB's size rules.",
  );
  console.log('');
  console.log(
    table(
      ['route', 'DynamoDB calls', 'by operation', 'RCU', 'WCU (Local)', 'WCU ≥ (AWS)'],
      cost.routes.map((m) => {
        const writes = m.calls.some((c) => c.writeItems > 0);
        return [
          m.route,
          m.calls.length,
          callsByOperation(m.calls),
          m.readUnits.toFixed(1),
          writes ? m.writeUnits.toFixed(1) : '-',
          writes ? m.writeUnitsFloor.toFixed(0) : '-',
        ];
      }),
      ['left', 'right', 'left', 'right', 'right', 'right'],
    ),
  );
  console.log(
    '  WCU (Local) is what DynamoDB Local reports; WCU ≥ (AWS) is the least AWS bills for the same requests:' +
      '\n  2 WCU per started KB of each item in a transaction, at least 2 for an update, delete or condition leg.',
  );
  const scans = env.probe.count('ScanCommand') - scansBefore;
  console.log(`\n  Scan calls on request paths: ${scans} (counted by the middleware through sections 3–4)`);
  const amps = cost.patterns.map(amplification);
  summary.push(
    `| read amplification (${cost.patterns.length} patterns) | ${ratio(Math.min(...amps))}–${ratio(Math.max(...amps))} (median ${ratio(median(amps))}); Scan calls on request paths: ${scans} |`,
    `| DynamoDB calls per request | ${cost.routes.map((m) => `${m.route} ${m.calls.length}`).join('; ')} |`,
    `| write cost (AWS floor) | ${cost.routes
      .filter((m) => m.calls.some((c) => c.writeItems > 0))
      .map((m) => `${m.route} ≥${m.writeUnitsFloor.toFixed(0)} WCU + ${m.readUnits.toFixed(1)} RCU`)
      .join('; ')} |`,
  );

  // 5 ─ Campaign sending ─────────────────────────────────────────────────────────────────────────
  const campaignStarted = performance.now();
  summary.push(
    ...(await campaignSendSection(env.dynamo, {
      ...campaignBenchOptions({ local: 3000, mocked: '10000,100000', sendSample: 1000 }),
      number: '5',
    })),
  );
  console.log(`\n  (section 5 took ${((performance.now() - campaignStarted) / 1000).toFixed(1)} s)`);

  // 6 ─ Partnerships: pipeline report and matches ──────────────────────────────────────────────────
  const partnershipsStarted = performance.now();
  summary.push(
    ...(await partnershipsSection(env.dynamo, {
      ...partnershipOptions({
        leads: '100,1000',
        companies: '100,1000',
        local: 'read',
        localUpTo: 1000,
        requests: 50,
      }),
      number: '6',
    })),
  );
  console.log(
    `\n  (section 6 took ${((performance.now() - partnershipsStarted) / 1000).toFixed(1)} s; ` +
      '`npm run bench:partnerships` runs it in full)',
  );

  // 7 ─ Events: the 1:1 meeting scheduler ─────────────────────────────────────────────────────────
  const scheduleStarted = performance.now();
  summary.push(...(await scheduleSection({ ...scheduleBenchOptions(), number: '7' })));
  console.log(`\n  (section 7 took ${((performance.now() - scheduleStarted) / 1000).toFixed(1)} s)`);

  // 8 ─ Console pages ────────────────────────────────────────────────────────────────────────────
  summary.push(...(await consolePagesSection(env.local, CONSOLE_REQUESTS)).map((line) => `| ${line} |`));

  // 9 ─ Summary ──────────────────────────────────────────────────────────────────────────────────
  section('9. Summary (for the README)');
  console.log(
    [
      `Measured by \`npm run bench\` on ${cpus().length} CPUs, Node ${process.version}, DynamoDB Local in memory, ${MEMBERS} seeded members:`,
      '',
      '| figure | measured |',
      '| --- | --- |',
      ...summary,
    ].join('\n'),
  );
} catch (error) {
  exitCode = 1;
  console.error('\nbench failed:', error);
} finally {
  if (env) await env.stop();
  else await dynamoStarting.then((d) => d.stop()).catch(() => undefined);
  rmSync(workDir, { recursive: true, force: true });
  console.log(`\nbench finished in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}
// Clients and the server are closed; exit explicitly so a stray keep-alive timer cannot hold the run.
process.exit(exitCode);

/** DynamoDB Local's endpoint by the name `localhost` rather than its loopback address. */
function endpointByName(endpoint: string): string {
  const url = new URL(endpoint);
  url.hostname = 'localhost';
  return url.origin;
}
