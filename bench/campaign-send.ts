/**
 * `npm run bench:campaign` (and section 5 of `npm run bench`): issue 8's campaign-sending figures,
 * printed as figures and ratios, never pass/fail.
 *
 * Part A, end to end on this machine: DynamoDB Local in memory and the local app (`createLocalApp`: the
 * API, the timer scheduler, the in-process send queue, the outbox). Members are written as the API
 * writes them (MemberRepository.createMany, as the seed does), each with 8 consenting contacts (the
 * most a member may have, so the fewest items per recipient to write); a campaign in three languages
 * is created and scheduled with `{}` (now) through the API with a staff token; the bench waits until it
 * is `sent` and the queues are idle. Counted: `.eml` files in the outbox, DynamoDB calls by phase and
 * operation (a middleware on the app's document client, ReturnConsumedCapacity TOTAL: items returned,
 * units DynamoDB Local reports), send-queue calls, wall time from the schedule request.
 *
 * Part B, AWS's path with mocked clients (aws-sdk-client-mock instance mocks): the campaign worker's
 * Lambda handler (`campaignWorker`) takes the `{"dispatch"}` message, then every message the
 * dispatcher put on the mocked SQS queue, 10 records per invocation, sending through `SesTransport` to
 * a mocked SES; DynamoDB is bench/fake-table.ts, an in-memory table serving just the calls sending
 * makes (1 MB pages, conditions, transactions), loaded with the audience entries the same members'
 * writes store. Counted at two sizes: calls per operation, items, request units by AWS's billing rules,
 * SQS and SES calls, and the ratio between the sizes (linear: the ratio of the sizes).
 *
 * Knobs (environment): BENCH_CAMPAIGN_RECIPIENTS (part A's audience, default 3000; 0 skips part A),
 * BENCH_CAMPAIGN_MOCKED (part B's audiences, default `10000,100000`; empty skips part B),
 * BENCH_CAMPAIGN_SEND_SAMPLE (part B's sender on only the first N recipient messages of each size,
 * the dispatch still whole; default every message). `npm run bench` runs smaller defaults (bench/run.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { monotonicFactory } from 'ulid';
import { createTableIfMissing } from '../infra/local/create-table.ts';
import { createDevSecrets, signingSecretsOf } from '../infra/local/dev-secrets.ts';
import type { DynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { createLocalApp } from '../infra/local/local-app.ts';
import { generateDemoMembers } from '../infra/local/seed/demo-members.ts';
import { CampaignRepository } from '../shared/campaigns/campaign-repository.ts';
import { campaignCreateSchema } from '../shared/campaigns/campaign-schema.ts';
import { CampaignService } from '../shared/campaigns/campaign-service.ts';
import type { RecipientCounts } from '../shared/campaigns/recipient.ts';
import { RecipientRepository } from '../shared/campaigns/recipient-repository.ts';
import { handleSendMessage } from '../shared/campaigns/sender.ts';
import type { SendingDeps } from '../shared/campaigns/sending-deps.ts';
import { SqsSendQueue } from '../shared/campaigns/sqs-send-queue.ts';
import { forEachBounded } from '../shared/concurrency/for-each-bounded.ts';
import { createDatabase, type Database } from '../shared/data/dynamo-client.ts';
import { campaignKey } from '../shared/data/keys.ts';
import { defaultRateTable } from '../shared/domain/exchange-rates.ts';
import { type Language, type MemberCreate, memberCreateSchema } from '../shared/domain/member-schema.ts';
import { seedTierTable } from '../shared/domain/tiers.ts';
import { SesTransport } from '../shared/email/ses-transport.ts';
import { signLocalToken } from '../shared/identity/local-jwt.ts';
import type { HistoryEntry } from '../shared/members/history-entry.ts';
import { memberChanges } from '../shared/members/member-changes.ts';
import { allItems, indexItems } from '../shared/members/member-items.ts';
import { MemberRepository } from '../shared/members/member-repository.ts';
import { applyProfile } from '../shared/members/member-state.ts';
import { logger } from '../shared/observability/logger.ts';
import { campaignWorker } from '../shared/runtime/campaign-worker.ts';
import { purposeKeys } from '../shared/security/purpose-keys.ts';
import { SettingsRepository } from '../shared/settings/settings-repository.ts';
import { type DynamoCall, DynamoProbe, itemSize } from './ddb-probe.ts';
import { FakeTable, type FakeTableCall } from './fake-table.ts';
import { BENCH_SEED, startDynamo } from './local-env.ts';
import { kb, ms, ratio, section, table } from './report.ts';

const CONTACTS_PER_MEMBER = 8;
const LANGUAGES: Language[] = ['ru', 'vi', 'en'];
const MEMBERS_PER_CALL = 40;
const BENCH_ACTOR = { sub: 'bench', role: 'admin' } as const;
const PUBLIC_BASE_URL = 'http://bridge-crm.bench';
const SENDER = {
  from: 'Bridge CRM <outreach@bridge-crm.bench>',
  domain: 'bridge-crm.bench',
  publicBaseUrl: PUBLIC_BASE_URL,
  organisation: { name: 'Bench Business Association', postalAddress: '1 Example Street, Moscow, Russia' },
  unsubscribeMailto: 'unsubscribe@bridge-crm.bench',
};

const count = (n: number) => n.toLocaleString('en-US');
const perRecipient = (value: number, recipients: number, digits = 2) => (value / recipients).toFixed(digits);

// Members and the campaign ─────────────────────────────────────────────────────────────────────────

/** Demo members (the seed's generator), all active, with 8 consenting contacts each: `recipients` contacts. */
function benchMemberInputs(recipients: number): MemberCreate[] {
  const members = generateDemoMembers({
    seed: BENCH_SEED.seed,
    count: Math.ceil(recipients / CONTACTS_PER_MEMBER),
    now: BENCH_SEED.now,
  });
  return members.map((member, i) =>
    memberCreateSchema.parse({
      ...member,
      status: 'active',
      contacts: Array.from(
        { length: Math.min(CONTACTS_PER_MEMBER, recipients - i * CONTACTS_PER_MEMBER) },
        (_, j) => ({
          name: `${member.contacts?.[j % (member.contacts.length || 1)]?.name ?? 'Contact'} ${j + 1}`,
          email: `m${i}.c${j}@members.bench.example`,
          position: 'Export manager',
          language: LANGUAGES[(i + j) % LANGUAGES.length]!,
          consent: { outreach: true, news: false },
        }),
      ),
    }),
  );
}

/** Each input as the API would create it (tiered with the seed's tables), with its history entry. */
function memberWrites(inputs: readonly MemberCreate[], newId: () => string) {
  const context = { tiers: seedTierTable, rates: defaultRateTable };
  return inputs.map((input) => {
    const after = applyProfile(undefined, input, context, {
      now: BENCH_SEED.now,
      consentSource: 'seed',
      actorSub: BENCH_ACTOR.sub,
      newId,
    });
    const history: HistoryEntry = {
      id: newId(),
      memberId: after.id,
      at: BENCH_SEED.now.toISOString(),
      actor: BENCH_ACTOR,
      action: 'create',
      changes: memberChanges(undefined, after),
    };
    return { after, history };
  });
}

const paragraph = {
  en: [
    'The association is preparing its Vietnam Year trade mission and a matchmaking day with Vietnamese ' +
      'companies looking for partners in Russia.',
    'Tell us which products or services {{companyName}} would like to present, and we will arrange ' +
      'meetings with buyers, distributors and industry associations from Hanoi and Ho Chi Minh City.',
    'Places in the delegation are limited; members in the {{tier}} tier are invited first.',
  ],
  ru: [
    'Ассоциация готовит торговую миссию «Год Вьетнама» и день деловых встреч с вьетнамскими компаниями, ' +
      'которые ищут партнёров в России.',
    'Расскажите, какие товары или услуги {{companyName}} хотела бы представить, и мы организуем встречи ' +
      'с покупателями, дистрибьюторами и отраслевыми ассоциациями Ханоя и Хошимина.',
    'Число мест в делегации ограничено; участники уровня {{tier}} приглашаются первыми.',
  ],
  vi: [
    'Hiệp hội đang chuẩn bị đoàn xúc tiến thương mại Năm Việt Nam và ngày kết nối với các doanh nghiệp ' +
      'Việt Nam đang tìm đối tác tại Nga.',
    'Hãy cho chúng tôi biết {{companyName}} muốn giới thiệu sản phẩm hoặc dịch vụ nào, chúng tôi sẽ sắp ' +
      'xếp các buổi gặp với người mua, nhà phân phối và hiệp hội ngành tại Hà Nội và TP. Hồ Chí Minh.',
    'Số chỗ trong đoàn có hạn; thành viên hạng {{tier}} được mời trước.',
  ],
};
const greeting = {
  en: 'Dear {{contactName}},',
  ru: 'Здравствуйте, {{contactName}}!',
  vi: 'Kính gửi {{contactName}},',
};
const subject = {
  en: 'Vietnam Year: partners for {{companyName}}',
  ru: 'Год Вьетнама: партнёры для {{companyName}}',
  vi: 'Năm Việt Nam: đối tác cho {{companyName}}',
};

/** A campaign to every member (empty segment) in ru, vi and en, a few paragraphs each, as staff would write it. */
function campaignBody() {
  const variant = (language: 'en' | 'ru' | 'vi') => ({
    subject: subject[language],
    html:
      `<p>${greeting[language]}</p>\n` +
      paragraph[language].map((p) => `<p>${p}</p>`).join('\n') +
      '\n{{#website}}<p><a href="{{website}}">{{website}}</a></p>{{/website}}',
    text: `${greeting[language]}\n\n${paragraph[language].join('\n\n')}\n{{#website}}\n{{website}}{{/website}}`,
  });
  return {
    name: 'Bench: Vietnam Year trade mission',
    segment: {},
    replyTo: 'partnerships@bench.example',
    variants: { ru: variant('ru'), vi: variant('vi'), en: variant('en') },
  };
}

// Tallies ──────────────────────────────────────────────────────────────────────────────────────────

/** What one phase asked of DynamoDB. */
interface Tally {
  calls: Map<string, number>;
  itemsReturned: number;
  /** Items a read examined (Part B: a Query's page before its filter, the keys a Get or BatchGet asked for). */
  itemsExamined: number;
  itemsWritten: number;
  readUnits: number;
  writeUnits: number;
  /** Part B: write units of index entries (Part A's units are DynamoDB Local's TOTAL). */
  indexWriteUnits: number;
  /** performance.now() when the phase's last call completed. */
  lastAt: number;
  /** Part A: milliseconds spent waiting on DynamoDB Local, by operation. */
  waitMs: Map<string, number>;
}

const newTally = (): Tally => ({
  calls: new Map(),
  itemsReturned: 0,
  itemsExamined: 0,
  itemsWritten: 0,
  readUnits: 0,
  writeUnits: 0,
  indexWriteUnits: 0,
  lastAt: 0,
  waitMs: new Map(),
});

/** The phase's tally, new if it has none yet. */
function tallyIn(phases: Map<string, Tally>, name: string): Tally {
  const found = phases.get(name);
  if (found) return found;
  const made = newTally();
  phases.set(name, made);
  return made;
}

const callCount = (t: Tally) => [...t.calls.values()].reduce((sum, n) => sum + n, 0);
const byOperation = (t: Tally) =>
  [...t.calls.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${count(n)}`)
    .join(', ');

function sumTallies(tallies: Iterable<Tally>): Tally {
  const total = newTally();
  for (const t of tallies) {
    for (const [op, n] of t.calls) total.calls.set(op, (total.calls.get(op) ?? 0) + n);
    for (const [op, n] of t.waitMs) total.waitMs.set(op, (total.waitMs.get(op) ?? 0) + n);
    total.itemsReturned += t.itemsReturned;
    total.itemsExamined += t.itemsExamined;
    total.itemsWritten += t.itemsWritten;
    total.readUnits += t.readUnits;
    total.writeUnits += t.writeUnits;
    total.indexWriteUnits += t.indexWriteUnits;
    total.lastAt = Math.max(total.lastAt, t.lastAt);
  }
  return total;
}

/** Which part of the sending path a DynamoDB call came from, carried through timers and promises. */
const phase = new AsyncLocalStorage<string>();

// Part A ───────────────────────────────────────────────────────────────────────────────────────────

export interface LocalRun {
  recipients: number;
  members: number;
  memberItems: number;
  memberWriteMs: number;
  campaignItemBytes: number;
  /** By phase: `schedule` (the API request), `dispatch`, `send`, `other` (anything else). */
  phases: Map<string, Tally>;
  /** Calls the middleware counted but that failed (conditions refused, conflicts): not in the phases. */
  failedCalls: number;
  queueCalls: number;
  queueMessages: number;
  deliveries: number;
  emails: number;
  counts: RecipientCounts;
  /** From the schedule request: its answer, the dispatcher's last call, the campaign seen `sent`, queues idle. */
  answeredMs: number;
  dispatchedMs: number;
  sentMs: number;
  idleMs: number;
}

/** Part A on a fresh table of `dynamo` (deleted afterwards). */
export async function runLocal(dynamo: DynamoDbLocal, recipients: number): Promise<LocalRun> {
  const tableName = `bench-campaign-${Date.now()}`;
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(admin, tableName);
  const outboxDir = mkdtempSync(join(tmpdir(), 'bridge-crm-bench-campaign-outbox-'));
  const secrets = await createDevSecrets();
  const local = await createLocalApp({
    endpoint: dynamo.endpoint,
    tableName,
    secrets,
    outboxDir,
    publicBaseUrl: PUBLIC_BASE_URL,
  });
  // Reads the bench itself makes (waiting, checking) go through a client of their own, uncounted.
  const own: Database = createDatabase({ tableName, endpoint: dynamo.endpoint });
  try {
    // The members, as the seed writes them: settings first, then createMany, two calls in flight.
    const settings = new SettingsRepository(local.db);
    await settings.put('tiers', seedTierTable, 0, BENCH_SEED.now);
    await settings.put('rates', defaultRateTable, 0, BENCH_SEED.now);
    const conditions = settings.unchangedLegs(await settings.read());
    const writes = memberWrites(benchMemberInputs(recipients), monotonicFactory());
    const repository = new MemberRepository(local.db);
    const calls = Array.from({ length: Math.ceil(writes.length / MEMBERS_PER_CALL) }, (_, i) =>
      writes.slice(i * MEMBERS_PER_CALL, (i + 1) * MEMBERS_PER_CALL),
    );
    const writeStarted = performance.now();
    let memberItems = 0;
    await forEachBounded(calls, 2, async (call) => {
      const outcome = await repository.createMany(call, conditions);
      if (outcome.refused.length > 0 || outcome.conditionsChanged)
        throw new Error(`bench members refused: ${JSON.stringify(outcome.refused[0]?.reason)}`);
      for (const member of outcome.written) memberItems += allItems(member).length + 1;
    });
    const memberWriteMs = performance.now() - writeStarted;

    const staff = await signLocalToken(secrets.privateJwk, { role: 'staff' });
    const call = (method: string, path: string, body: unknown) =>
      Promise.resolve(
        local.app.request(path, {
          method,
          headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const created = await call('POST', '/v1/campaigns', campaignBody());
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
    const campaignId = ((await created.json()) as { id: string }).id;
    const stored = await own.doc.send(
      new GetCommand({ TableName: tableName, Key: campaignKey(campaignId), ConsistentRead: true }),
    );
    const campaignItemBytes = itemSize(stored.Item ?? {});

    // Instruments, without changing what runs: calls are attributed to the phase they came from.
    const phases = new Map<string, Tally>();
    const tallyOf = (name: string) => tallyIn(phases, name);
    // How long each call waits on DynamoDB Local (the SDK's whole round trip), by phase and operation.
    local.db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          const t = tallyOf(phase.getStore() ?? 'other');
          const index = (args.input as { IndexName?: unknown }).IndexName;
          const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
          const op = typeof index === 'string' ? `${command} ${index}` : command;
          t.waitMs.set(op, (t.waitMs.get(op) ?? 0) + performance.now() - started);
        }
      },
      { step: 'initialize', name: 'benchCampaignTimer', priority: 'low' },
    );
    const probe = new DynamoProbe(local.db.doc);
    probe.measureCapacity = true;
    const totalCalls = () => [...probe.totals.values()].reduce((sum, n) => sum + n, 0);
    const callsBefore = totalCalls();
    probe.onCall = (c: DynamoCall) => {
      const t = tallyOf(phase.getStore() ?? 'other');
      // A Query on an index as `Query gsi1`, as part B names it.
      const op = c.target.includes('/') ? `${c.command} ${c.target.split('/')[1]}` : c.command;
      t.calls.set(op, (t.calls.get(op) ?? 0) + 1);
      t.itemsReturned += c.items;
      t.itemsWritten += c.writeItems;
      if (c.writeItems > 0) t.writeUnits += c.capacity ?? 0;
      else t.readUnits += c.capacity ?? 0;
      t.lastAt = performance.now();
    };
    // The scheduler's timer (and so the dispatcher) runs in the context `at` was called in.
    const at = local.scheduler.at.bind(local.scheduler);
    local.scheduler.at = (id, when) => phase.run('dispatch', () => at(id, when));
    let deliveries = 0;
    local.sends.setHandler((message) =>
      phase.run('send', () => {
        deliveries++;
        return handleSendMessage(message, local.sending);
      }),
    );
    let queueCalls = 0;
    let queueMessages = 0;
    const enqueue = local.sending.sendQueue.enqueue.bind(local.sending.sendQueue);
    local.sending.sendQueue.enqueue = (messages) => {
      queueCalls++;
      queueMessages += messages.length;
      return enqueue(messages);
    };

    const started = performance.now();
    const scheduled = await phase.run('schedule', () =>
      call('POST', `/v1/campaigns/${campaignId}/schedule`, {}),
    );
    const answeredMs = performance.now() - started;
    if (scheduled.status !== 202) throw new Error(`schedule answered ${scheduled.status}`);
    const campaigns = new CampaignRepository(own);
    const deadline = started + Math.max(600_000, recipients * 200);
    let state = 'scheduled';
    while (state !== 'sent') {
      if (performance.now() > deadline) throw new Error(`campaign still ${state} at the deadline`);
      if (state === 'paused' || state === 'cancelled') throw new Error(`campaign ${state}`);
      await sleep(50);
      state = (await campaigns.get(campaignId))?.state ?? 'missing';
    }
    const sentMs = performance.now() - started;
    await local.sends.idle();
    await local.mailEvents.idle();
    const idleMs = performance.now() - started;

    const emails = (await readdir(outboxDir)).filter((file) => file.endsWith('.eml')).length;
    const counts = await new RecipientRepository(own).counts(campaignId);
    const recorded = [...phases.values()].reduce((sum, t) => sum + callCount(t), 0);
    return {
      recipients,
      members: writes.length,
      memberItems,
      memberWriteMs,
      campaignItemBytes,
      phases,
      failedCalls: totalCalls() - callsBefore - recorded,
      queueCalls,
      queueMessages,
      deliveries,
      emails,
      counts,
      answeredMs,
      dispatchedMs: (phases.get('dispatch')?.lastAt ?? started) - started,
      sentMs,
      idleMs,
    };
  } finally {
    local.scheduler.close();
    local.db.doc.destroy();
    own.doc.destroy();
    await admin.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    admin.destroy();
    await rm(outboxDir, { recursive: true, force: true });
  }
}

// Part B ───────────────────────────────────────────────────────────────────────────────────────────

export interface MockedRun {
  recipients: number;
  /** Building the members and the fake table's audience entries (not measured below). */
  setupMs: number;
  /** `dispatch` (the dispatch message's invocation) and `send` (every other invocation). */
  phases: Map<string, Tally>;
  /** Wall time of each phase's invocations, ms (our code and the fakes; no network). */
  wallMs: Map<string, number>;
  invocations: Map<string, number>;
  sqsCalls: number;
  sqsMessages: number;
  sesCalls: number;
  sesBytes: number;
  failures: number;
  /** Recipient messages the worker handled (all of them unless sampled) and how many were left on the queue. */
  sent: number;
  leftOnQueue: number;
  state: string;
  counts: RecipientCounts;
}

/** Part B at one size: the campaign worker against mocked SQS and SES and the fake table. */
export async function runMocked(
  recipients: number,
  sendSample = Number.POSITIVE_INFINITY,
): Promise<MockedRun> {
  const setupStarted = performance.now();
  const tableName = 'bench-mocked';
  const newId = monotonicFactory();
  const fake = new FakeTable(tableName);
  fake.load(
    memberWrites(benchMemberInputs(recipients), newId).flatMap(({ after }) =>
      indexItems(after).filter((item) => item.type === 'audienceEntry'),
    ),
  );
  // An endpoint nothing answers on: a call the mocks did not take fails rather than reaching AWS.
  const db = createDatabase({ tableName, endpoint: 'http://127.0.0.1:9' });
  const dynamoMock = fake.serve(db.doc);
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  const sqs = new SQSClient({ region: 'eu-central-1', credentials, endpoint: 'http://127.0.0.1:9' });
  const ses = new SESv2Client({ region: 'eu-central-1', credentials, endpoint: 'http://127.0.0.1:9' });
  const sqsMock = mockClient(sqs);
  const sesMock = mockClient(ses);

  // One fake per stub, as the fake table does (no per-command matchers for sinon to compare each call with).
  const queue: string[] = [];
  let sqsCalls = 0;
  let sqsMessages = 0;
  let providerIds = 0;
  sqsMock.send.callsFake(async (command: unknown) => {
    if (!(command instanceof SendMessageBatchCommand)) throw new Error('bench: SQS call not mocked');
    const entries = command.input.Entries ?? [];
    if (entries.length > 10) throw new Error('SendMessageBatch takes at most 10 entries');
    sqsCalls++;
    sqsMessages += entries.length;
    for (const entry of entries) queue.push(entry.MessageBody ?? '');
    return {
      Successful: entries.map((entry) => ({
        Id: entry.Id,
        MessageId: `sqs-${++providerIds}`,
        MD5OfMessageBody: '',
      })),
      Failed: [],
    } as never;
  });
  let sesCalls = 0;
  let sesBytes = 0;
  sesMock.send.callsFake(async (command: unknown) => {
    if (!(command instanceof SendEmailCommand)) throw new Error('bench: SES call not mocked');
    sesCalls++;
    sesBytes += command.input.Content?.Raw?.Data?.byteLength ?? 0;
    return { MessageId: `ses-${++providerIds}` } as never;
  });

  const keys = purposeKeys(signingSecretsOf(await createDevSecrets()));
  const deps: SendingDeps = {
    db,
    clock: () => new Date(),
    newId,
    suppression: async () => keys.suppression,
    unsubscribeTokens: async () => keys.unsubscribe,
    partnerAnswers: async () => keys.partnerAnswers,
    followUpKey: async () => keys.followUpKey,
    sendQueue: new SqsSendQueue('https://sqs.eu-central-1.amazonaws.com/123456789012/sends', sqs),
    transport: new SesTransport('bench-configuration-set', ses),
    sender: SENDER,
  };
  try {
    // The campaign as the API creates and schedules it (uncounted, like part A's create).
    const campaigns = new CampaignRepository(db);
    const campaign = await new CampaignService({ campaigns, clock: deps.clock, newId }).create(
      campaignCreateSchema.parse(campaignBody()),
    );
    const now = deps.clock();
    await campaigns.move(campaign.id, ['draft'], 'scheduled', now, { sendAt: now.toISOString() });
    const setupMs = performance.now() - setupStarted;

    const phases = new Map<string, Tally>();
    fake.onCall = (c: FakeTableCall) => {
      const t = tallyIn(phases, phase.getStore() ?? 'other');
      t.calls.set(c.operation, (t.calls.get(c.operation) ?? 0) + 1);
      t.itemsReturned += c.itemsReturned;
      t.itemsExamined += c.itemsRead;
      t.itemsWritten += c.itemsWritten;
      t.readUnits += c.readUnits;
      t.writeUnits += c.writeUnits;
      t.indexWriteUnits += c.indexWriteUnits;
    };
    // What EventBridge Scheduler puts on the queue at the send time.
    queue.push(JSON.stringify({ dispatch: campaign.id }));
    const worker = campaignWorker(() => deps);
    const wallMs = new Map<string, number>();
    const invocations = new Map<string, number>();
    let failures = 0;
    let serial = 0;
    let handled = 0;
    let next = 0;
    while (next < queue.length) {
      const isDispatch = queue[next]!.includes('"dispatch"');
      if (!isDispatch && handled >= sendSample) break;
      // A dispatch alone (as its schedule puts it on the queue), then up to 10 recipients per invocation.
      const bodies = isDispatch
        ? [queue[next]!]
        : queue.slice(next, next + Math.min(10, sendSample - handled));
      next += bodies.length;
      const name = isDispatch ? 'dispatch' : 'send';
      if (!isDispatch) handled += bodies.length;
      const event: SQSEvent = {
        Records: bodies.map(
          (body) =>
            ({
              messageId: `m${serial++}`,
              body,
              attributes: { ApproximateReceiveCount: '1' },
            }) as unknown as SQSRecord,
        ),
      };
      const started = performance.now();
      const response = await phase.run(name, () => worker(event));
      wallMs.set(name, (wallMs.get(name) ?? 0) + performance.now() - started);
      invocations.set(name, (invocations.get(name) ?? 0) + 1);
      failures += response.batchItemFailures.length;
      // sinon keeps every call's arguments otherwise: hundreds of thousands of commands at 100,000.
      dynamoMock.resetHistory();
      sqsMock.resetHistory();
      sesMock.resetHistory();
    }
    fake.onCall = undefined;
    const state = (await campaigns.get(campaign.id))?.state ?? 'missing';
    const counts = await new RecipientRepository(db).counts(campaign.id);
    return {
      recipients,
      setupMs,
      phases,
      wallMs,
      invocations,
      sqsCalls,
      sqsMessages,
      sesCalls,
      sesBytes,
      failures,
      sent: handled,
      leftOnQueue: queue.length - next,
      state,
      counts,
    };
  } finally {
    dynamoMock.restore();
    sqsMock.restore();
    sesMock.restore();
    db.doc.destroy();
    sqs.destroy();
    ses.destroy();
  }
}

// Report ───────────────────────────────────────────────────────────────────────────────────────────

const countsLine = (counts: RecipientCounts) =>
  Object.entries(counts)
    .filter(([, n]) => n !== 0)
    .map(([status, n]) => `${status} ${count(n)}`)
    .join(', ') || 'none';

function printLocal(run: LocalRun): string[] {
  const n = run.recipients;
  const order = ['schedule', 'dispatch', 'send', 'other'].filter((name) => run.phases.has(name));
  const label: Record<string, string> = {
    schedule: 'schedule request (API)',
    dispatch: 'dispatcher (audience, recipients, enqueue)',
    send: `sender (${count(run.deliveries)} messages)`,
    other: 'other',
  };
  const total = sumTallies(run.phases.values());
  const row = (name: string, t: Tally) => [
    name,
    count(callCount(t)),
    byOperation(t),
    count(t.itemsReturned),
    count(t.itemsWritten),
    t.readUnits.toFixed(1),
    t.writeUnits.toFixed(1),
  ];
  const send = run.phases.get('send') ?? newTally();
  console.log(
    table(
      ['phase', 'DynamoDB calls', 'by operation', 'items returned', 'items written', 'RCU', 'WCU'],
      [
        ...order.map((name) => row(label[name]!, run.phases.get(name)!)),
        row('total', total),
        [
          'per recipient',
          perRecipient(callCount(total), n),
          [...total.calls.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([op, c]) => `${op} ${perRecipient(c, n)}`)
            .join(', '),
          perRecipient(total.itemsReturned, n),
          perRecipient(total.itemsWritten, n),
          perRecipient(total.readUnits, n),
          perRecipient(total.writeUnits, n),
        ],
        [
          '  of which the sender',
          perRecipient(callCount(send), n),
          [...send.calls.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([op, c]) => `${op} ${perRecipient(c, n)}`)
            .join(', '),
          perRecipient(send.itemsReturned, n),
          perRecipient(send.itemsWritten, n),
          perRecipient(send.readUnits, n),
          perRecipient(send.writeUnits, n),
        ],
      ],
      ['left', 'right', 'left', 'right', 'right', 'right', 'right'],
    ),
  );
  console.log(
    '  RCU/WCU as DynamoDB Local reports them (ReturnConsumedCapacity TOTAL); items returned count every item a' +
      '\n  Get, BatchGet or Query gave back (a filtered Query reads more than it returns).' +
      (run.failedCalls > 0
        ? `\n  ${run.failedCalls} call(s) failed (refused or conflicting) and are left out above.`
        : ''),
  );
  const rate = n / (run.sentMs / 1000);
  const sendWait = [...send.waitMs.values()].reduce((sum, v) => sum + v, 0);
  console.log('\n  Where the sender waits (DynamoDB Local round trips through the SDK, per operation):');
  console.log(
    table(
      ['operation', 'calls', 'per recipient', 'mean ms', 'ms per recipient'],
      [
        ...[...send.calls.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([op, c]) => [
            op,
            count(c),
            perRecipient(c, n),
            ms((send.waitMs.get(op) ?? 0) / c, 2),
            ms((send.waitMs.get(op) ?? 0) / n, 2),
          ]),
        ['all', count(callCount(send)), perRecipient(callCount(send), n), '-', ms(sendWait / n, 2)],
      ],
    ),
  );
  console.log(
    `  of ${ms(run.sentMs / n, 2)} ms per recipient end to end, ${ms(sendWait / n, 2)} ms is the sender waiting on DynamoDB Local;` +
      ' the rest is composing the MIME message, the outbox file, the queue and the dispatcher running alongside.\n',
  );
  console.log(
    [
      `  audience: ${count(n)} contacts of ${count(run.members)} members (8 each, all consenting, ru/vi/en), written` +
        ` before the clock starts: ${count(run.memberItems)} items in ${ms(run.memberWriteMs / 1000)} s` +
        ` (${count(Math.round(run.memberItems / (run.memberWriteMs / 1000)))} items/s)`,
      `  campaign item: ${kb(run.campaignItemBytes)} KB (three variants), read again by every message`,
      `  outbox: ${count(run.emails)} .eml files for an audience of ${count(n)}; recipients: ${countsLine(run.counts)}`,
      `  send queue: ${count(run.queueCalls)} enqueue calls (SendMessageBatch in AWS) carrying ${count(run.queueMessages)} messages;` +
        ` ${count(run.deliveries)} deliveries to the sender (the in-process queue runs one at a time)`,
      `  wall, from the schedule request: answered ${ms(run.answeredMs)} ms; dispatcher's last call ${ms(run.dispatchedMs / 1000, 2)} s;` +
        ` campaign seen \`sent\` ${ms(run.sentMs / 1000, 2)} s (polled every 50 ms); queues idle ${ms(run.idleMs / 1000, 2)} s`,
      `  ${rate.toFixed(1)} recipients/s, ${ms(run.sentMs / n, 2)} ms per recipient end to end`,
    ].join('\n'),
  );
  return [
    `| campaign to ${count(n)} recipients, end to end locally (schedule → outbox) | ${count(run.emails)} emails in ${ms(run.sentMs / 1000)} s (${rate.toFixed(0)} recipients/s, one at a time; dispatcher done at ${ms(run.dispatchedMs / 1000)} s); DynamoDB ${perRecipient(callCount(total), n)} calls per recipient (sender ${perRecipient(callCount(send), n)}: ${[
      ...send.calls.entries(),
    ]
      .map(([op, c]) => `${op} ${perRecipient(c, n, 1)}`)
      .join(
        ', ',
      )}), ${perRecipient(total.itemsReturned, n, 1)} items returned and ${perRecipient(total.itemsWritten, n, 1)} written per recipient, ${perRecipient(total.readUnits, n, 1)} RCU + ${perRecipient(total.writeUnits, n, 1)} WCU (Local); ${count(run.queueCalls)} send-queue calls |`,
  ];
}

function printMocked(runs: MockedRun[]): string[] {
  const sizes = runs.map((r) => r.recipients);
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  const sizeRatio = last.recipients / first.recipients;
  const sampled = runs.some((r) => r.leftOnQueue > 0);
  const total = (values: Iterable<number>) => [...values].reduce((sum, v) => sum + v, 0);

  /** Rows of figures: each size's value and that value per `unit` of it, then the last size's over the first's. */
  const figures = (unitOf: (run: MockedRun) => number, perUnitRatio: boolean) => {
    const rows: (string | number)[][] = [];
    const add = (name: string, values: number[], digits = 0) => {
      const per = values.map((v, i) => v / unitOf(runs[i]!));
      const ratioOf = perUnitRatio ? per : values;
      rows.push([
        name,
        ...values.flatMap((v, i) => [
          digits === 0 ? count(Math.round(v)) : v.toFixed(digits),
          per[i]!.toFixed(3),
        ]),
        runs.length > 1 ? ratio(ratioOf[ratioOf.length - 1]! / ratioOf[0]!) : '-',
      ]);
    };
    const tallyRows = (ts: Tally[]) => {
      add('DynamoDB calls', ts.map(callCount));
      for (const op of [...new Set(ts.flatMap((t) => [...t.calls.keys()]))])
        add(
          `  ${op}`,
          ts.map((t) => t.calls.get(op) ?? 0),
        );
      add(
        'items returned',
        ts.map((t) => t.itemsReturned),
      );
      add(
        'items examined (Query pages, keys asked)',
        ts.map((t) => t.itemsExamined),
      );
      add(
        'items written',
        ts.map((t) => t.itemsWritten),
      );
      add(
        'read request units',
        ts.map((t) => t.readUnits),
        1,
      );
      add(
        'write request units, table',
        ts.map((t) => t.writeUnits),
        1,
      );
      add(
        'write request units, gsi1/gsi2 entries',
        ts.map((t) => t.indexWriteUnits),
        1,
      );
    };
    return { rows, add, tallyRows };
  };
  const tallies = (name: string) => runs.map((r) => r.phases.get(name) ?? newTally());
  const header = (unit: string, ratioTitle: string) => [
    'figure',
    ...runs.flatMap((r) => [`${count(r.recipients)} rcpts`, `per ${unit}`]),
    ratioTitle,
  ];

  // The dispatcher: always the whole audience.
  const dispatch = figures((r) => r.recipients, false);
  dispatch.tallyRows(tallies('dispatch'));
  dispatch.add(
    'SQS SendMessageBatch calls',
    runs.map((r) => r.sqsCalls),
  );
  dispatch.add(
    '  messages',
    runs.map((r) => r.sqsMessages),
  );
  dispatch.add(
    'wall ms (1 invocation)',
    runs.map((r) => r.wallMs.get('dispatch') ?? 0),
  );
  console.log(
    '  The dispatch message (one worker invocation): audience, suppression list, recipients, send queue.',
  );
  console.log(table(header('rcpt', `ratio (sizes ${ratio(sizeRatio)})`), dispatch.rows));

  // The sender: every recipient message, or the first `sent` of them.
  const send = figures((r) => r.sent, sampled);
  send.tallyRows(tallies('send'));
  send.add(
    'SES SendEmail calls',
    runs.map((r) => r.sesCalls),
  );
  send.add(
    'worker invocations (≤ 10 records)',
    runs.map((r) => r.invocations.get('send') ?? 0),
  );
  send.add(
    'wall ms',
    runs.map((r) => r.wallMs.get('send') ?? 0),
  );
  console.log(
    sampled
      ? `\n  The sender, on the first ${runs.map((r) => count(r.sent)).join(' / ')} recipient messages of each size (the rest` +
          ' left on the queue); per message, and the ratio of per-message figures (constant per recipient: 1.00×).'
      : '\n  The sender: every recipient message, through the worker 10 records per invocation.',
  );
  console.log(
    table(header('msg', sampled ? 'per-msg ratio' : `ratio (sizes ${ratio(sizeRatio)})`), send.rows),
  );

  const totals = runs.map((r) => sumTallies(r.phases.values()));
  const callsOf = (r: MockedRun, i: number) =>
    sampled
      ? callCount(r.phases.get('dispatch') ?? newTally()) +
        (callCount(r.phases.get('send') ?? newTally()) / r.sent) * r.recipients
      : callCount(totals[i]!);
  if (!sampled) {
    const all = figures((r) => r.recipients, false);
    all.tallyRows(totals);
    all.add(
      'SQS SendMessageBatch calls',
      runs.map((r) => r.sqsCalls),
    );
    all.add(
      'SES SendEmail calls',
      runs.map((r) => r.sesCalls),
    );
    all.add(
      'worker invocations',
      runs.map((r) => total(r.invocations.values())),
    );
    all.add(
      'wall ms',
      runs.map((r) => total(r.wallMs.values())),
    );
    console.log('\n  The whole send, dispatch to the last email:');
    console.log(table(header('rcpt', `ratio (sizes ${ratio(sizeRatio)})`), all.rows));
  } else {
    console.log(
      `\n  Projected whole send (dispatch measured + the sender's per-message calls × recipients): DynamoDB calls ` +
        `${runs.map((r, i) => count(Math.round(callsOf(r, i)))).join(' → ')} (${ratio(callsOf(last, runs.length - 1) / callsOf(first, 0))} for ${ratio(sizeRatio)} the recipients).`,
    );
  }
  for (const r of runs) {
    console.log(
      `  ${count(r.recipients)}: campaign ${r.state}; recipients: ${countsLine(r.counts)}; messages left on the queue ${count(r.leftOnQueue)};` +
        ` failed records ${r.failures}; emails ${kb(r.sesBytes / Math.max(1, r.sesCalls))} KB each;` +
        ` setup (members, audience entries) ${ms(r.setupMs / 1000)} s, not measured`,
    );
  }
  console.log(
    "  Request units by DynamoDB on-demand billing rules from item sizes (ddb-probe's size approximation), as" +
      "\n  ReturnConsumedCapacity would report them; gsi entries as the table's two all-attribute indexes would be written." +
      '\n  Wall ms is this process (real code, in-memory fakes, no network; tsx resolves every `await import()` of' +
      '\n  SesTransport and SqsSendQueue through its loader thread, ~0.3 ms each, which a bundle does not): growth, not AWS latency.',
  );
  const perRcpt = (r: MockedRun, pick: (t: Tally) => number) =>
    pick(r.phases.get('dispatch') ?? newTally()) / r.recipients +
    pick(r.phases.get('send') ?? newTally()) / r.sent;
  const readUnits = perRcpt(last, (t) => t.readUnits);
  const writeUnits = perRcpt(last, (t) => t.writeUnits + t.indexWriteUnits);
  // README "What it costs": us-east-1 on-demand list prices.
  const dollars = ((readUnits * 0.125 + writeUnits * 0.625) / 1e6) * 100_000;
  console.log(
    `  DynamoDB at on-demand list prices ($0.125 per million reads, $0.625 per million writes): $${dollars.toFixed(2)}` +
      ` per 100,000 recipients (${readUnits.toFixed(2)} RRU + ${writeUnits.toFixed(2)} WRU each, index entries included).`,
  );
  const sendCalls = callCount(last.phases.get('send') ?? newTally()) / last.sent;
  return [
    `| campaign sending against mocked AWS (${sizes.map(count).join(' and ')} recipients${sampled ? `; sender on the first ${count(last.sent)} messages of each` : ''}) | DynamoDB calls ${sampled ? 'projected ' : ''}${runs.map((r, i) => count(Math.round(callsOf(r, i)))).join(' → ')} (${ratio(callsOf(last, runs.length - 1) / callsOf(first, 0))} for ${ratio(sizeRatio)} the recipients): dispatcher ${perRecipient(callCount(last.phases.get('dispatch') ?? newTally()), last.recipients, 3)} per recipient, sender ${sendCalls.toFixed(2)} per message; ${readUnits.toFixed(2)} RRU + ${writeUnits.toFixed(2)} WRU per recipient (index entries included), ≈ $${dollars.toFixed(2)} of DynamoDB per 100,000; SQS SendMessageBatch ${runs.map((r) => count(r.sqsCalls)).join(' → ')}; SES SendEmail ${runs.map((r) => count(r.sesCalls)).join(' → ')} |`,
  ];
}

/** Prints parts A and B (numbered from `number`) and returns summary rows for the README table. */
export async function campaignSendSection(
  dynamo: DynamoDbLocal | undefined,
  options: { local: number; mocked: number[]; sendSample?: number; number?: string },
): Promise<string[]> {
  const summary: string[] = [];
  const level = logger.getLevelName();
  // The dispatcher logs one line per run; the tables are the output here.
  logger.setLogLevel('WARN');
  try {
    if (dynamo && options.local > 0) {
      section(
        `${options.number ?? ''}A. Campaign to ${count(options.local)} recipients, end to end locally (schedule → outbox)`,
      );
      summary.push(...printLocal(await runLocal(dynamo, options.local)));
    }
    if (options.mocked.length > 0) {
      section(
        `${options.number ?? ''}B. Campaign sending against mocked AWS clients (${options.mocked.map(count).join(', ')} recipients)`,
      );
      const runs: MockedRun[] = [];
      for (const size of options.mocked) runs.push(await runMocked(size, options.sendSample));
      summary.push(...printMocked(runs));
    }
  } finally {
    logger.setLogLevel(level);
  }
  return summary;
}

/** The knobs, from the environment, over `defaults` (this script's: 3,000 locally, 10,000 and 100,000 mocked, every message). */
export function campaignBenchOptions(
  defaults: { local: number; mocked: string; sendSample: number } = {
    local: 3000,
    mocked: '10000,100000',
    sendSample: Number.POSITIVE_INFINITY,
  },
) {
  const sample = Number(process.env.BENCH_CAMPAIGN_SEND_SAMPLE ?? defaults.sendSample);
  return {
    local: Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? defaults.local),
    mocked: (process.env.BENCH_CAMPAIGN_MOCKED ?? defaults.mocked)
      .split(',')
      .map((size) => Number(size.trim()))
      .filter((size) => size > 0),
    // Not positive: every recipient message.
    sendSample: sample > 0 ? sample : Number.POSITIVE_INFINITY,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const startedAt = performance.now();
  const options = campaignBenchOptions();
  let exitCode = 0;
  const dynamo = options.local > 0 ? await startDynamo() : undefined;
  try {
    console.log(`bridge-crm campaign bench — ${new Date().toISOString()} — Node ${process.version}`);
    const summary = await campaignSendSection(dynamo, options);
    section('Summary (for the README)');
    console.log(['| figure | measured |', '| --- | --- |', ...summary].join('\n'));
  } catch (error) {
    exitCode = 1;
    console.error('\ncampaign bench failed:', error);
  } finally {
    await dynamo?.stop();
    console.log(`\ncampaign bench finished in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  }
  process.exit(exitCode);
}
