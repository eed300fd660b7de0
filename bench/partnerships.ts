/**
 * `npm run bench:partnerships` (and section 6 of `npm run bench`, smaller): the read cost of the two
 * partnership reads whose cost must not follow the data, printed as figures and ratios, never pass/fail.
 *
 * A. `GET /v1/reports/pipeline`: one Query of the aggregates partition (AGGREGATE#PIPELINE) and the
 *    settings read, at several lead counts. Each size is a fresh table: 10 members and 20 partners per
 *    1,000 leads (5 partner countries), every lead created (`POST /v1/leads`) and moved through its
 *    stages (`POST /v1/leads/{id}/transitions`) at a clock the bench sets, deterministically: stages,
 *    topics, sources, currencies and days in each stage cycle with the lead's number, so 100 leads
 *    already touch every line 1,000 do. Then the change outbox is drained (`drainLeadChanges`), one
 *    report request counted and more timed.
 * B. `GET /v1/matches?memberId=`: one Query per topic and side of the member (2 offers, 2 needs: 4) on
 *    gsi1, plus the Query of the member's own partition, at several counts of visible companies: half
 *    members (`POST /v1/members`, tests/support/companies.ts bodies), half partners (`POST
 *    /v1/partners`), all `matchmakingVisible`; half of them have one offer or need on the member's four
 *    partitions (its needs' offers, its offers' needs), the rest only other topics.
 *
 * Everything is written through the API of the local app (`createLocalApp`, as `npm start` and the
 * integration tests build it, staff token, in process) with its document client served by
 * bench/fake-table.ts: DynamoDB Local writes ~400 items/s, and a partner or a lead write is a
 * transaction of 10–30 items. The fake counts every call of the measured request and prices it by
 * AWS's billing rules (items read, bytes, request units). Then, where DynamoDB Local runs, the fake's
 * items are copied into a table of it (BatchWriteItem; by default only the partitions the request reads,
 * `BENCH_PARTNERSHIPS_LOCAL=all` every item) and the same request measured there: its calls and
 * ReturnConsumedCapacity TOTAL through bench/ddb-probe.ts, and the time per request.
 *
 * Knobs (environment): BENCH_PARTNERSHIPS_LEADS (default `100,1000,10000`), BENCH_PARTNERSHIPS_COMPANIES
 * (default `100,1000,10000`), BENCH_PARTNERSHIPS_LOCAL (`read`, `all` or `none`; default `all` at the
 * sizes up to 1,000), BENCH_PARTNERSHIPS_REQUESTS (timed requests per size and table, default 200).
 * `npm run bench` runs 100 and 1,000 of each with the read partitions copied (bench/run.ts).
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTableIfMissing } from '../infra/local/create-table.ts';
import { createDevSecrets } from '../infra/local/dev-secrets.ts';
import type { DynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { createLocalApp, type LocalApp } from '../infra/local/local-app.ts';
import { forEachBounded } from '../shared/concurrency/for-each-bounded.ts';
import { createDatabase } from '../shared/data/dynamo-client.ts';
import { matchPartition, memberPartition, pipelineAggregatePartition } from '../shared/data/keys.ts';
import { defaultRateTable } from '../shared/domain/exchange-rates.ts';
import { seedTierTable } from '../shared/domain/tiers.ts';
import type { Topic } from '../shared/domain/topics.ts';
import { eventCreateExample } from '../shared/events/event-schema.ts';
import { signLocalToken } from '../shared/identity/local-jwt.ts';
import type { LeadStage } from '../shared/leads/lead-stages.ts';
import { logger } from '../shared/observability/logger.ts';
import { drainLeadChanges } from '../shared/reports/pipeline-consumer.ts';
import { SettingsRepository } from '../shared/settings/settings-repository.ts';
import { company } from '../tests/support/companies.ts';
import { type DynamoCall, DynamoProbe } from './ddb-probe.ts';
import type { Item } from './fake-expressions.ts';
import { FakeTable, type FakeTableCall } from './fake-table.ts';
import { startDynamo } from './local-env.ts';
import { kb, median, ms, percentile, ratio, section, table } from './report.ts';

const TABLE = 'bench-partnerships';
const DAY = 86_400_000;
const T0 = Date.parse('2026-02-02T09:00:00.000Z');
/** Requests before the timed ones: DynamoDB Local's JVM compiles its query paths over the first few dozen. */
const WARMUP = 50;

const count = (n: number) => n.toLocaleString('en-US');

// The app on a fake table ───────────────────────────────────────────────────────────────────────────

interface FakeBench {
  fake: FakeTable;
  local: LocalApp;
  staffToken: string;
  /** Sets the app's clock (the fixture moves it as it writes). */
  setNow(at: number): void;
  /** A staff request to the app in process: its JSON answer, or an error for any status but 200 and 201. */
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The local app (`createLocalApp`, as `npm start` and the integration tests build it) with its document
 * client served by a fake table, its clock the fixture's, and the settings (tiers, rates) saved as an
 * admin's first save stores them. The lead change outbox is left for the bench to drain: the app's own
 * drain after each lead write is switched off.
 */
async function fakeBench(): Promise<FakeBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-crm-bench-partnerships-'));
  let now = T0;
  const clock = () => new Date(now);
  const secrets = await createDevSecrets();
  const local = await createLocalApp({
    // Nothing answers there: every call is the fake table's.
    endpoint: 'http://127.0.0.1:9',
    tableName: TABLE,
    secrets,
    outboxDir: dir,
    usersFile: join(dir, 'users.json'),
    publicBaseUrl: 'http://127.0.0.1',
    clock,
  });
  local.pipeline.setHandler(async () => {});
  const fake = new FakeTable(TABLE);
  const mock = fake.serve(local.db.doc);
  const settings = new SettingsRepository(local.db);
  await settings.put('tiers', seedTierTable, 0, clock());
  await settings.put('rates', defaultRateTable, 0, clock());
  const staffToken = await signLocalToken(secrets.privateJwk, { role: 'staff' });
  return {
    fake,
    local,
    staffToken,
    setNow: (at) => {
      now = at;
    },
    call: async <T>(method: string, path: string, body?: unknown) => {
      const response = await local.app.request(path, {
        method,
        headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status !== 200 && response.status !== 201)
        throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    stop: async () => {
      await local.pipeline.idle();
      local.scheduler.close();
      mock.restore();
      local.db.doc.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const offer = (topic: Topic) => ({ topic, text: `Bench: ${topic.replace(/-/g, ' ')}` });

/** A member as staff create one: a tests/support/companies.ts body (Russian, no contacts) with offers and needs. */
async function createMember(
  bench: FakeBench,
  profile: { offers: Topic[]; needs: Topic[]; matchmakingVisible: boolean },
): Promise<string> {
  const body = company({
    contacts: [],
    sectors: ['energy'],
    languages: ['ru', 'en'],
    targetMarkets: ['VN'],
    offers: profile.offers.map(offer),
    needs: profile.needs.map(offer),
    matchmakingVisible: profile.matchmakingVisible,
  });
  return (await bench.call<{ id: string }>('POST', '/v1/members', body)).id;
}

async function createPartner(
  bench: FakeBench,
  n: number,
  profile: { country: string; offers: Topic[]; needs: Topic[] },
): Promise<string> {
  const body = {
    name: `Bench Partner ${n}`,
    latinName: `Bench Partner ${n}`,
    country: profile.country,
    sectors: ['trade'],
    languages: ['en'],
    targetMarkets: ['RU'],
    offers: profile.offers.map(offer),
    needs: profile.needs.map(offer),
    matchmakingVisible: true,
  };
  return (await bench.call<{ id: string }>('POST', '/v1/partners', body)).id;
}

// Measuring one request ─────────────────────────────────────────────────────────────────────────────

interface Cost {
  calls: number;
  byOperation: string;
  /** Items the reads examined (Query pages before any filter, keys asked for). */
  itemsRead: number;
  itemsReturned: number;
  bytes: number;
  readUnits: number;
}

function byOperation(operations: string[]): string {
  const counts = new Map<string, number>();
  for (const op of operations) counts.set(op, (counts.get(op) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${op}×${n}`).join(' + ');
}

async function request(local: LocalApp, path: string, token: string): Promise<string> {
  const response = await local.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body}`);
  return body;
}

/** One request's calls on the fake table, priced by AWS's rules; the response body. */
async function fakeCost(
  bench: FakeBench,
  path: string,
): Promise<{ cost: Cost; calls: FakeTableCall[]; body: string }> {
  const calls: FakeTableCall[] = [];
  bench.fake.onCall = (call) => calls.push(call);
  try {
    const body = await request(bench.local, path, bench.staffToken);
    return { cost: summariseFake(calls), calls, body };
  } finally {
    bench.fake.onCall = undefined;
  }
}

function summariseFake(calls: FakeTableCall[]): Cost {
  return {
    calls: calls.length,
    byOperation: byOperation(calls.map((c) => c.operation)),
    itemsRead: calls.reduce((sum, c) => sum + c.itemsRead, 0),
    itemsReturned: calls.reduce((sum, c) => sum + c.itemsReturned, 0),
    bytes: calls.reduce((sum, c) => sum + c.bytesRead, 0),
    readUnits: calls.reduce((sum, c) => sum + c.readUnits, 0),
  };
}

/** Milliseconds per request, after a warm-up, one at a time. */
async function timeRequests(local: LocalApp, path: string, token: string, n: number): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await request(local, path, token);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await request(local, path, token);
    samples.push(performance.now() - started);
  }
  return samples;
}

// DynamoDB Local ───────────────────────────────────────────────────────────────────────────────────

interface LocalCost {
  cost: Cost;
  samples: number[];
  copiedItems: number;
  copyMs: number;
}

/**
 * Copies the fake table's items that `keep` selects into a new table of DynamoDB Local (BatchWriteItem,
 * 25 a call), runs the app on it, and measures `path` there: its calls with what DynamoDB Local reports
 * consumed, and the time per request. The table is deleted afterwards.
 */
async function onDynamoLocal(
  dynamo: DynamoDbLocal,
  fake: FakeTable,
  keep: (item: Item) => boolean,
  path: string,
  requests: number,
): Promise<LocalCost> {
  const tableName = `bench-partnerships-${Date.now()}`;
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'bridge-crm-bench-partnerships-local-'));
  const writer = createDatabase({ tableName, endpoint: dynamo.endpoint });
  let local: LocalApp | undefined;
  try {
    await createTableIfMissing(admin, tableName);
    const items = [...fake.allItems()].filter(keep);
    const copyStarted = performance.now();
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) =>
      items.slice(i * 25, i * 25 + 25),
    );
    await forEachBounded(batches, 4, async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await writer.doc.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    });
    const copyMs = performance.now() - copyStarted;
    const secrets = await createDevSecrets();
    local = await createLocalApp({
      endpoint: dynamo.endpoint,
      tableName,
      secrets,
      outboxDir: dir,
      usersFile: join(dir, 'users.json'),
      publicBaseUrl: 'http://127.0.0.1',
    });
    const token = await signLocalToken(secrets.privateJwk, { role: 'staff' });
    const probe = new DynamoProbe(local.db.doc);
    const app = local;
    // Warm: the first request pays the connection and DynamoDB Local's first look at the table.
    await request(app, path, token);
    probe.measureCapacity = true;
    const { calls } = await probe.record(() => request(app, path, token));
    probe.measureCapacity = false;
    const samples = await timeRequests(app, path, token, requests);
    return { cost: localCostOf(calls), samples, copiedItems: items.length, copyMs };
  } finally {
    local?.scheduler.close();
    local?.db.doc.destroy();
    writer.doc.destroy();
    await admin.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    admin.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

function localCostOf(calls: DynamoCall[]): Cost {
  return {
    calls: calls.length,
    byOperation: byOperation(
      calls.map((c) => (c.target.includes('/') ? `${c.command} ${c.target.split('/')[1]}` : c.command)),
    ),
    itemsRead: calls.reduce((sum, c) => sum + c.items, 0),
    itemsReturned: calls.reduce((sum, c) => sum + c.items, 0),
    bytes: calls.reduce((sum, c) => sum + c.bytes, 0),
    readUnits: calls.reduce((sum, c) => sum + (c.capacity ?? Number.NaN), 0),
  };
}

// A. The pipeline report ───────────────────────────────────────────────────────────────────────────

const LEAD_TOPICS: Topic[] = ['trade', 'logistics', 'energy', 'tourism', 'agriculture'];
const PARTNER_COUNTRIES = ['VN', 'TH', 'ID', 'MY', 'SG'];
const LEAD_CURRENCIES = ['RUB', 'USD', 'VND'] as const;
/** Each lead's way through the pipeline, by its number modulo 10: 2 stay new, 2 won, 3 lost, 3 open further on. */
const PATHS: LeadStage[][] = [
  [],
  [],
  ['contacted'],
  ['contacted', 'meeting'],
  ['contacted', 'meeting', 'negotiating'],
  ['contacted', 'meeting', 'negotiating', 'won'],
  ['contacted', 'meeting', 'negotiating', 'won'],
  ['lost'],
  ['contacted', 'lost'],
  ['contacted', 'meeting', 'negotiating', 'lost'],
];
/** Days spent in a stage before the next move: one in each of the report's histogram buckets. */
const DAYS_IN_STAGE = [0, 1, 3, 5, 10, 20, 40, 70, 100];
const REPORT_AT = T0 + 600 * DAY;

interface PipelineRun {
  leads: number;
  members: number;
  partners: number;
  transitions: number;
  changes: number;
  lines: number;
  setupMs: number;
  drainMs: number;
  fake: Cost;
  fakeSamples: number[];
  local: LocalCost | undefined;
}

async function runPipeline(
  leads: number,
  options: { dynamo: DynamoDbLocal | undefined; copyAll: boolean; requests: number },
): Promise<PipelineRun> {
  const started = performance.now();
  const bench = await fakeBench();
  try {
    const scale = Math.max(1, Math.ceil(leads / 1000));
    const memberCount = 10;
    const partnerCount = 20 * scale;
    const members: string[] = [];
    for (let m = 0; m < memberCount; m++)
      members.push(await createMember(bench, { offers: [], needs: [], matchmakingVisible: false }));
    const partners: string[] = [];
    for (let p = 0; p < partnerCount; p++) {
      const country = PARTNER_COUNTRIES[p % PARTNER_COUNTRIES.length]!;
      partners.push(await createPartner(bench, p, { country, offers: [], needs: [] }));
    }
    // A lead whose source is an event names one that exists: the API's own example event.
    const { id: eventId } = await bench.call<{ id: string }>('POST', '/v1/events', eventCreateExample);
    const db = bench.local.db;
    const at = bench.setNow;
    let transitions = 0;
    for (let i = 0; i < leads; i++) {
      const created = T0 + DAY + i * 60_000;
      at(created);
      // (member, partner, topic) differ for every lead: one open lead per two companies and topic.
      const lead = await bench.call<{ id: string }>('POST', '/v1/leads', {
        memberId: members[i % memberCount],
        partnerId: partners[Math.floor(i / memberCount) % partnerCount],
        topic: LEAD_TOPICS[(Math.floor(i / (memberCount * partnerCount)) + i) % LEAD_TOPICS.length],
        source: [
          { type: 'referral', by: 'Embassy trade office' },
          { type: 'inbound', channel: 'website' },
          { type: 'event', eventId },
        ][i % 3],
        estimatedValue: {
          amount: (1 + (i % 7)) * 10_000_000,
          currency: LEAD_CURRENCIES[Math.floor(i / 3) % LEAD_CURRENCIES.length],
        },
        owner: i % 4 === 0 ? null : `staff-${i % 3}`,
      });
      let time = created;
      for (const [step, to] of PATHS[i % PATHS.length]!.entries()) {
        time += DAYS_IN_STAGE[(i + step) % DAYS_IN_STAGE.length]! * DAY + 3 * 3_600_000;
        at(time);
        await bench.call('POST', `/v1/leads/${lead.id}/transitions`, {
          to,
          ...(to === 'lost' ? { reason: 'No budget this year' } : {}),
        });
        transitions++;
      }
    }
    at(REPORT_AT);
    const drainStarted = performance.now();
    const changes = await drainLeadChanges(db);
    const drainMs = performance.now() - drainStarted;
    const setupMs = performance.now() - started;
    const lineItems = [...bench.fake.allItems()].filter((item) => item.pk === pipelineAggregatePartition);
    const path = '/v1/reports/pipeline';
    const { cost, body } = await fakeCost(bench, path);
    const report = JSON.parse(body) as { byStage: { key: string; leads: number }[] };
    const counted = report.byStage.reduce((sum, line) => sum + line.leads, 0);
    if (counted !== leads) throw new Error(`the report counts ${counted} leads of ${leads}`);
    const fakeSamples = await timeRequests(bench.local, path, bench.staffToken, options.requests);
    const local = options.dynamo
      ? await onDynamoLocal(
          options.dynamo,
          bench.fake,
          options.copyAll
            ? () => true
            : (item) => item.pk === pipelineAggregatePartition || item.pk === 'SETTINGS',
          path,
          options.requests,
        )
      : undefined;
    return {
      leads,
      members: memberCount,
      partners: partnerCount,
      transitions,
      changes,
      lines: lineItems.length,
      setupMs,
      drainMs,
      fake: cost,
      fakeSamples,
      local,
    };
  } finally {
    await bench.stop();
  }
}

// B. Matches ───────────────────────────────────────────────────────────────────────────────────────

const SELF_OFFERS: Topic[] = ['industrial-water-treatment', 'logistics'];
const SELF_NEEDS: Topic[] = ['food-canning', 'energy'];
/** Topics none of the member's four partitions hold. */
const OTHER_TOPICS: Topic[] = [
  'tourism',
  'education',
  'finance',
  'mining',
  'fisheries',
  'chemicals',
  'healthcare',
  'construction',
];

/** Company `j`'s offers and needs: every other pair of companies has one entry on the member's partitions. */
function profileOf(j: number): { offers: Topic[]; needs: Topic[]; onTopic: boolean } {
  const other = OTHER_TOPICS[j % OTHER_TOPICS.length]!;
  const otherToo = OTHER_TOPICS[(j + 3) % OTHER_TOPICS.length]!;
  if (j % 4 >= 2) return { offers: [other], needs: [otherToo], onTopic: false };
  switch ((j >> 2) % 4) {
    case 0:
      return { offers: [other], needs: [SELF_OFFERS[0]!], onTopic: true };
    case 1:
      return { offers: [other], needs: [SELF_OFFERS[1]!], onTopic: true };
    case 2:
      return { offers: [SELF_NEEDS[0]!], needs: [otherToo], onTopic: true };
    default:
      return { offers: [SELF_NEEDS[1]!], needs: [otherToo], onTopic: true };
  }
}

interface MatchRun {
  companies: number;
  onTopic: number;
  setupMs: number;
  fake: Cost;
  matchItemsRead: number;
  topicQueries: number;
  fakeSamples: number[];
  matchesReturned: number;
  local: LocalCost | undefined;
}

async function runMatches(
  companies: number,
  options: { dynamo: DynamoDbLocal | undefined; copyAll: boolean; requests: number },
): Promise<MatchRun> {
  const started = performance.now();
  const bench = await fakeBench();
  try {
    const self = await createMember(bench, {
      offers: SELF_OFFERS,
      needs: SELF_NEEDS,
      matchmakingVisible: true,
    });
    let onTopic = 0;
    for (let j = 0; j < companies; j++) {
      const profile = profileOf(j);
      if (profile.onTopic) onTopic++;
      if (j % 2 === 0)
        await createPartner(bench, j, {
          country: PARTNER_COUNTRIES[j % PARTNER_COUNTRIES.length]!,
          offers: profile.offers,
          needs: profile.needs,
        });
      else await createMember(bench, { ...profile, matchmakingVisible: true });
    }
    const setupMs = performance.now() - started;
    const path = `/v1/matches?memberId=${self}&limit=25`;
    const { cost, calls, body } = await fakeCost(bench, path);
    const topicCalls = calls.filter((c) => c.operation === 'Query gsi1');
    const partitions = new Set([
      ...SELF_OFFERS.map((t) => matchPartition('need', t)),
      ...SELF_NEEDS.map((t) => matchPartition('offer', t)),
    ]);
    const fakeSamples = await timeRequests(bench.local, path, bench.staffToken, options.requests);
    const local = options.dynamo
      ? await onDynamoLocal(
          options.dynamo,
          bench.fake,
          options.copyAll
            ? () => true
            : (item) => item.pk === memberPartition(self) || partitions.has(String(item.gsi1pk)),
          path,
          options.requests,
        )
      : undefined;
    return {
      companies,
      onTopic,
      setupMs,
      fake: cost,
      matchItemsRead: topicCalls.reduce((sum, c) => sum + c.itemsRead, 0),
      topicQueries: topicCalls.length,
      fakeSamples,
      matchesReturned: (JSON.parse(body) as { items: unknown[] }).items.length,
      local,
    };
  } finally {
    await bench.stop();
  }
}

// Printing ─────────────────────────────────────────────────────────────────────────────────────────

/** `a → b → c (1.00×)`: the values at each size and the last over the first. */
function across(values: number[], format: (v: number) => string = (v) => count(v)): string {
  const growth = values.length > 1 ? ` (${ratio(values[values.length - 1]! / values[0]!)})` : '';
  return `${values.map(format).join(' → ')}${growth}`;
}

interface Measured {
  size: number;
  fake: Cost;
  fakeSamples: number[];
  local: LocalCost | undefined;
}

const localHeader = ['RCU (Local)', 'p50 ms Local', 'p90 ms Local'];
const localCells = (r: Measured) =>
  r.local
    ? [
        r.local.cost.readUnits.toFixed(1),
        ms(median(r.local.samples), 2),
        ms(percentile(r.local.samples, 90), 2),
      ]
    : ['-', '-', '-'];

/** The growth from the first size to the last: the fake's figures, then DynamoDB Local's where it ran twice. */
function growthLine(runs: Measured[], what: string, extra = ''): string {
  const [first, last] = [runs[0]!, runs[runs.length - 1]!];
  const onLocal = runs.filter((r) => r.local);
  const [lf, ll] = [onLocal[0], onLocal[onLocal.length - 1]];
  return (
    `  ${ratio(last.size / first.size)} the ${what} (${count(first.size)} → ${count(last.size)}): calls ` +
    `${ratio(last.fake.calls / first.fake.calls)}${extra}, items read ${ratio(last.fake.itemsRead / first.fake.itemsRead)}, ` +
    `RCU ${ratio(last.fake.readUnits / first.fake.readUnits)}, p50 in process ${ratio(median(last.fakeSamples) / median(first.fakeSamples))}` +
    (lf?.local && ll?.local && lf !== ll
      ? `\n  on DynamoDB Local (${count(lf.size)} → ${count(ll.size)}, ${ratio(ll.size / lf.size)} the ${what}): calls ` +
        `${ratio(ll.local.cost.calls / lf.local.cost.calls)}, RCU ${ratio(ll.local.cost.readUnits / lf.local.cost.readUnits)}, ` +
        `p50 ${ratio(median(ll.local.samples) / median(lf.local.samples))}`
      : '')
  );
}

/** The summary row's DynamoDB Local and timing part. */
function timingSummary(runs: Measured[]): string {
  const onLocal = runs.filter((r) => r.local);
  const local =
    onLocal.length > 0
      ? `; DynamoDB Local at ${onLocal.map((r) => count(r.size)).join(' / ')}: RCU ${across(
          onLocal.map((r) => r.local!.cost.readUnits),
          (v) => v.toFixed(1),
        )} reported, p50 ${onLocal.map((r) => ms(median(r.local!.samples), 1)).join(' / ')} ms per request`
      : '';
  return `${local}; in process (no DynamoDB latency) p50 ${runs.map((r) => ms(median(r.fakeSamples), 1)).join(' / ')} ms`;
}

function printPipeline(runs: PipelineRun[]): string[] {
  const measured = runs.map((r) => ({ ...r, size: r.leads }));
  const withLocal = runs.some((r) => r.local);
  console.log(
    table(
      [
        'leads',
        'lines',
        'calls',
        'by operation',
        'items read',
        'KB read',
        'RCU (AWS rules)',
        ...(withLocal ? localHeader : []),
        'p50 ms in process',
      ],
      measured.map((r) => [
        count(r.leads),
        r.lines,
        r.fake.calls,
        r.fake.byOperation,
        r.fake.itemsRead,
        kb(r.fake.bytes),
        r.fake.readUnits.toFixed(1),
        ...(withLocal ? localCells(r) : []),
        ms(median(r.fakeSamples), 2),
      ]),
      ['right', 'right', 'right', 'left'],
    ),
  );
  if (runs.length > 1) console.log(growthLine(measured, 'leads'));
  console.log(
    '  calls: the Query of AGGREGATE#PIPELINE (items read = its lines) and the BatchGetItem of the two settings\n' +
      '  items (strongly consistent: 1 RCU each); lines are one per stage, country, topic, source and days bucket\n' +
      "  touched, bounded by those keys' values, not by the leads.",
  );
  for (const r of runs) {
    console.log(
      `  ${count(r.leads)} leads: ${r.members} members and ${r.partners} partners, ${count(r.leads)} creates and ` +
        `${count(r.transitions)} transitions through the API, ${count(r.changes)} change events drained in ${ms(r.drainMs / 1000, 1)} s; ` +
        `setup ${ms(r.setupMs / 1000, 1)} s on the fake table` +
        (r.local
          ? `; ${count(r.local.copiedItems)} items copied to DynamoDB Local in ${ms(r.local.copyMs / 1000, 1)} s, ` +
            `its calls there ${r.local.cost.byOperation}, ${r.local.cost.itemsRead} items returned, ${kb(r.local.cost.bytes)} KB as projected`
          : ''),
    );
  }
  return [
    `| GET /v1/reports/pipeline at ${runs.map((r) => count(r.leads)).join(' / ')} leads | DynamoDB calls ${across(runs.map((r) => r.fake.calls))}; items read ${across(runs.map((r) => r.fake.itemsRead))} (${runs[0]!.lines} aggregate lines + 2 settings items); RCU ${across(
      runs.map((r) => r.fake.readUnits),
      (v) => v.toFixed(1),
    )} by AWS rules${timingSummary(measured)} |`,
  ];
}

function printMatches(runs: MatchRun[]): string[] {
  const measured = runs.map((r) => ({ ...r, size: r.companies }));
  const withLocal = runs.some((r) => r.local);
  console.log(
    table(
      [
        'visible companies',
        'on its topics',
        'calls',
        'by operation',
        'items read',
        'KB read',
        'RCU (AWS rules)',
        ...(withLocal ? localHeader : []),
        'p50 ms in process',
      ],
      measured.map((r) => [
        count(r.companies),
        count(r.onTopic),
        r.fake.calls,
        r.fake.byOperation,
        count(r.fake.itemsRead),
        kb(r.fake.bytes),
        r.fake.readUnits.toFixed(1),
        ...(withLocal ? localCells(r) : []),
        ms(median(r.fakeSamples), 2),
      ]),
      ['right', 'right', 'right', 'left'],
    ),
  );
  if (runs.length > 1) {
    const [first, last] = [runs[0]!, runs[runs.length - 1]!];
    console.log(
      growthLine(measured, 'companies', ` (topic Queries ${ratio(last.topicQueries / first.topicQueries)})`),
    );
  }
  console.log(
    "  calls: the Query of the member's partition (its card: 1 item, no contacts) and one Query gsi1 per topic and\n" +
      '  side: MATCH#NEED#<each offer>, MATCH#OFFER#<each need> (2 offers + 2 needs = 4 topic Queries). Each reads\n' +
      '  every visible company on that topic and side whole (the ranking must see them all); the rest of the\n' +
      '  directory is not read. Half the companies are members (POST /v1/members), half partners (POST /v1/partners);\n' +
      "  half of them have one entry on the member's four partitions. KB read: the items' whole size, which\n" +
      '  DynamoDB bills whatever the projection (the route projects pk, sk and the card).',
  );
  for (const r of runs) {
    console.log(
      `  ${count(r.companies)} companies: ${r.topicQueries} topic Queries read ${count(r.matchItemsRead)} match items; ` +
        `written in ${ms(r.setupMs / 1000, 1)} s on the fake table; ${r.matchesReturned} matches returned (limit 25)` +
        (r.local
          ? `; ${count(r.local.copiedItems)} items copied to DynamoDB Local in ${ms(r.local.copyMs / 1000, 1)} s, ` +
            `its calls there ${r.local.cost.byOperation}, ${count(r.local.cost.itemsRead)} items returned, ${kb(r.local.cost.bytes)} KB as projected`
          : ''),
    );
  }
  return [
    `| GET /v1/matches?memberId= (2 offers, 2 needs) at ${runs.map((r) => count(r.companies)).join(' / ')} visible companies, half on its topics | DynamoDB calls ${across(runs.map((r) => r.fake.calls))} (1 member read + ${runs.map((r) => r.topicQueries).join(' / ')} topic Queries); items read ${across(runs.map((r) => r.fake.itemsRead))} (1 member item + the match items of the companies on its topics); RCU ${across(
      runs.map((r) => r.fake.readUnits),
      (v) => v.toFixed(1),
    )} by AWS rules${timingSummary(measured)} |`,
  ];
}

// The section ──────────────────────────────────────────────────────────────────────────────────────

export interface PartnershipOptions {
  leads: number[];
  companies: number[];
  /** Copy to DynamoDB Local: every item, only the partitions the request reads, or nothing. */
  local: 'all' | 'read' | 'none';
  /** DynamoDB Local runs only at sizes up to this (copying is ~400 items/s). */
  localUpTo: number;
  requests: number;
  number?: string;
}

/** Prints parts A and B (numbered from `number`) and returns summary rows for the README table. */
export async function partnershipsSection(
  dynamo: DynamoDbLocal | undefined,
  options: PartnershipOptions,
): Promise<string[]> {
  const summary: string[] = [];
  const level = logger.getLevelName();
  logger.setLogLevel('WARN');
  const localFor = (size: number) =>
    options.local !== 'none' && size <= options.localUpTo ? dynamo : undefined;
  const copyAll = options.local === 'all';
  const copied = copyAll ? 'every item copied' : 'the partitions the request reads copied';
  try {
    if (options.leads.length > 0) {
      section(
        `${options.number ?? ''}A. GET /v1/reports/pipeline: read cost at ${options.leads.map(count).join(', ')} leads`,
      );
      console.log(
        '  Leads written through the API on bench/fake-table.ts (calls and request units by AWS rules), the app in process; ' +
          (dynamo && options.local !== 'none'
            ? `then DynamoDB Local (ReturnConsumedCapacity TOTAL, ${copied}) up to ${count(options.localUpTo)} leads`
            : 'no DynamoDB Local'),
      );
      const runs: PipelineRun[] = [];
      for (const size of options.leads)
        runs.push(await runPipeline(size, { dynamo: localFor(size), copyAll, requests: options.requests }));
      summary.push(...printPipeline(runs));
    }
    if (options.companies.length > 0) {
      section(
        `${options.number ?? ''}B. GET /v1/matches?memberId=: read cost at ${options.companies.map(count).join(', ')} visible companies`,
      );
      console.log(
        '  Companies written through the API on bench/fake-table.ts (calls and request units by AWS rules), the app in process; ' +
          (dynamo && options.local !== 'none'
            ? `then DynamoDB Local (ReturnConsumedCapacity TOTAL, ${copied}) up to ${count(options.localUpTo)} companies`
            : 'no DynamoDB Local'),
      );
      const runs: MatchRun[] = [];
      for (const size of options.companies)
        runs.push(await runMatches(size, { dynamo: localFor(size), copyAll, requests: options.requests }));
      summary.push(...printMatches(runs));
    }
  } finally {
    logger.setLogLevel(level);
  }
  return summary;
}

const sizes = (text: string) =>
  text
    .split(',')
    .map((size) => Number(size.trim()))
    .filter((size) => size > 0);

/** The knobs, from the environment, over `defaults` (this script's: 100, 1,000 and 10,000, all copied up to 1,000). */
export function partnershipOptions(
  defaults: {
    leads: string;
    companies: string;
    local: 'all' | 'read' | 'none';
    localUpTo: number;
    requests: number;
  } = {
    leads: '100,1000,10000',
    companies: '100,1000,10000',
    local: 'all',
    localUpTo: 1000,
    requests: 200,
  },
): PartnershipOptions {
  const local = process.env.BENCH_PARTNERSHIPS_LOCAL ?? defaults.local;
  if (local !== 'all' && local !== 'read' && local !== 'none')
    throw new Error('BENCH_PARTNERSHIPS_LOCAL is all, read or none');
  return {
    leads: sizes(process.env.BENCH_PARTNERSHIPS_LEADS ?? defaults.leads),
    companies: sizes(process.env.BENCH_PARTNERSHIPS_COMPANIES ?? defaults.companies),
    local,
    localUpTo: defaults.localUpTo,
    requests: Number(process.env.BENCH_PARTNERSHIPS_REQUESTS ?? defaults.requests),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const startedAt = performance.now();
  const options = partnershipOptions();
  let exitCode = 0;
  const dynamo = options.local !== 'none' ? await startDynamo() : undefined;
  try {
    console.log(`bridge-crm partnerships bench — ${new Date().toISOString()} — Node ${process.version}`);
    const summary = await partnershipsSection(dynamo, options);
    section('Summary (for the README)');
    console.log(['| figure | measured |', '| --- | --- |', ...summary].join('\n'));
  } catch (error) {
    exitCode = 1;
    console.error('\npartnerships bench failed:', error);
  } finally {
    await dynamo?.stop();
    console.log(`\npartnerships bench finished in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  }
  process.exit(exitCode);
}
