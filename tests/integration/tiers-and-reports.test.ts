import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../shared/data/dynamo-client.ts';
import {
  convert,
  defaultRateTable,
  type RateTable,
  rateTableSchema,
} from '../../shared/domain/exchange-rates.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import type { Money } from '../../shared/domain/money.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { seedTierTable, type TierTable, tierForRevenue, tierTableSchema } from '../../shared/domain/tiers.ts';
import { type JobMessage, JobQueueUnavailableError } from '../../shared/jobs/job-queue.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import { runJob } from '../../shared/jobs/run-job.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { saveSettingsAndRetier } from '../../shared/members/retier-job.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const now = new Date('2026-03-01T09:00:00Z');
const MILLION_RUB = 100_000_000;
const rub = (millions: number): Money => ({ amount: millions * MILLION_RUB, currency: 'RUB' });
const usd = (dollars: number): Money => ({ amount: dollars * 100, currency: 'USD' });

let t: TestApp;
let staff: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
  staff = await t.token('staff');
  admin = await t.token('admin');
});
afterAll(() => t.drop());

let innBody = 780_000_000;
function company(revenue: Money | undefined, overrides: Record<string, unknown> = {}) {
  const inn = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Ретир ${inn}»`,
    country: 'RU',
    taxId: inn,
    sectors: ['food-canning'],
    interests: ['digital-economy'],
    ...(revenue ? { verifiedRevenue: revenue } : {}),
    contacts: [{ name: 'Анна Петрова', email: `anna.${inn}@retier.ru`, language: 'ru' }],
    ...overrides,
  };
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function createMember(revenue: Money | undefined): Promise<Member> {
  const response = await t.call('POST', '/v1/members', { token: staff, body: company(revenue) });
  expect(response.status).toBe(201);
  return json<Member>(response);
}

async function getMember(id: string): Promise<Member> {
  return json<Member>(await t.call('GET', `/v1/members/${id}`, { token: staff }));
}

async function history(id: string) {
  const page = await json<{ items: { action: string; actor: unknown; changes: { field: string }[] }[] }>(
    await t.call('GET', `/v1/members/${id}/history?limit=100`, { token: staff }),
  );
  return page.items;
}

interface JobView {
  id: string;
  status: string;
  scanned: number;
  changed: number;
  startedAt: string | null;
  finishedAt: string | null;
  error?: string;
}

async function getJob(id: string): Promise<JobView> {
  return json<JobView>(await t.call('GET', `/v1/jobs/${id}`, { token: staff }));
}

/** A job queues its next batch while running; idle() covers what was queued so far, so repeat. */
async function settle(jobId: string): Promise<JobView> {
  for (;;) {
    await t.jobs.idle();
    const job = await getJob(jobId);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
  }
}

async function etag(path: string): Promise<string> {
  return (await t.call('GET', path, { token: staff })).headers.get('etag')!;
}

async function put(path: string, body: unknown, token = admin, ifMatch?: string) {
  return t.call('PUT', path, {
    token,
    body,
    headers: { 'if-match': ifMatch ?? (await etag(path)) },
  });
}

/** The report as this file's figures give it: every amount well within a JSON number. */
interface Report {
  currency: string;
  asOf: string;
  tiers: {
    tier: string;
    label: string | null;
    inTable: boolean;
    memberCount: number;
    revenue: Money;
    duesExpected: Money | null;
  }[];
  totals: { memberCount: number; revenue: Money; duesExpected: Money };
}

async function report(query = ''): Promise<Report> {
  const response = await t.call('GET', `/v1/reports/tiers${query}`, { token: staff });
  expect(response.status).toBe(200);
  return json(response);
}

/** Every member's tier as the directory lists it (index items written by the same transactions). */
async function directoryTiers(): Promise<Map<string, string | null>> {
  const tiers = new Map<string, string | null>();
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; tier: string | null }[]; nextCursor: string | null } = await json(
      await t.call('GET', `/v1/members?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: staff }),
    );
    for (const m of page.items) tiers.set(m.id, m.tier);
    cursor = page.nextCursor;
  } while (cursor);
  return tiers;
}

function withBoundary(table: TierTable, millions: number): TierTable {
  return {
    ...table,
    tiers: table.tiers.map((tier) =>
      tier.name === 'micro'
        ? { ...tier, upperBound: millions * MILLION_RUB }
        : tier.name === 'small'
          ? { ...tier, lowerBound: millions * MILLION_RUB }
          : tier,
    ),
  };
}

/** The report recomputed from member records: what the aggregates must equal. */
function expectedLines(members: Member[], table: TierTable) {
  return table.tiers.map((tier) => {
    const inTier = members.filter((m) => m.status !== 'resigned' && m.tier === tier.name);
    return {
      tier: tier.name,
      memberCount: inTier.length,
      revenue: inTier.reduce((sum, m) => sum + m.tierRevenue!.amount, 0),
      dues: inTier.length * tier.annualDues.amount,
    };
  });
}

const cases: { key: string; revenue: Money | undefined }[] = [
  { key: 'rub50', revenue: rub(50) },
  { key: 'rub119', revenue: rub(119) },
  { key: 'rub150', revenue: rub(150) },
  { key: 'rub500', revenue: rub(500) },
  { key: 'rub900', revenue: rub(900) },
  { key: 'usd2m', revenue: usd(2_000_000) },
  { key: 'usd10m', revenue: usd(10_000_000) },
  { key: 'none', revenue: undefined },
  { key: 'resigned150', revenue: rub(150) },
];
const ids = new Map<string, string>();
const idOf = (key: string) => ids.get(key)!;

async function allMembers(): Promise<Member[]> {
  return Promise.all([...ids.values()].map(getMember));
}

/** Every member is on the tier `table` gives it, and the report's lines agree with the members. */
async function expectTiersUnder(table: TierTable) {
  const rates = await json<RateTable>(await t.call('GET', '/v1/exchange-rates', { token: staff }));
  const members = await allMembers();
  for (const m of members) {
    const revenue = cases.find((c) => idOf(c.key) === m.id)!.revenue;
    expect(m.tier).toBe(revenue ? tierForRevenue(table, rates, revenue, now).tier.name : null);
  }
  const r = await report();
  expect(r.tiers.map((l) => [l.tier, l.memberCount, l.revenue.amount])).toEqual(
    expectedLines(members, table).map((l) => [l.tier, l.memberCount, l.revenue]),
  );
}

describe('tiers, exchange rates and the re-tier job', () => {
  beforeAll(async () => {
    for (const { key, revenue } of cases) ids.set(key, (await createMember(revenue)).id);
    const resigned = idOf('resigned150');
    const del = await t.call('DELETE', `/v1/members/${resigned}`, {
      token: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(del.status).toBe(200);
  });

  it('serves the tier table and the rate table with an ETag', async () => {
    const tiers = await t.call('GET', '/v1/tiers', { token: staff });
    expect(tiers.status).toBe(200);
    expect(tiers.headers.get('etag')).toBe('"0"');
    expect(await tiers.json()).toEqual(seedTierTable);

    const rates = await t.call('GET', '/v1/exchange-rates', { token: staff });
    expect(rates.status).toBe(200);
    expect(rates.headers.get('etag')).toBe('"0"');
    expect(await rates.json()).toEqual(defaultRateTable);
  });

  it('lets only admins replace a table, and only with a current If-Match', async () => {
    const body = withBoundary(seedTierTable, 130);
    expect((await put('/v1/tiers', body, staff)).status).toBe(403);
    expect((await put('/v1/exchange-rates', defaultRateTable, staff)).status).toBe(403);
    const member = await t.token('member', idOf('rub50'));
    expect((await t.call('GET', '/v1/tiers', { token: member })).status).toBe(403);
    expect((await t.call('GET', '/v1/reports/tiers', { token: member })).status).toBe(403);
    expect((await t.call('GET', '/v1/tiers')).status).toBe(401);

    const missing = await t.call('PUT', '/v1/tiers', { token: admin, body });
    expect(missing.status).toBe(428);
    expect((await put('/v1/tiers', body, admin, '"7"')).status).toBe(412);
    expect((await put('/v1/exchange-rates', defaultRateTable, admin, '"3"')).status).toBe(412);
    expect((await put('/v1/tiers', body, admin, 'garbage')).status).toBe(412);
    expect(await etag('/v1/tiers')).toBe('"0"');
  });

  it('rejects invalid tables with the paths at fault and stores nothing', async () => {
    const gap = {
      ...seedTierTable,
      tiers: seedTierTable.tiers.map((tier, i) =>
        i === 1 ? { ...tier, lowerBound: tier.lowerBound + 1 } : tier,
      ),
    };
    const response = await put('/v1/tiers', gap);
    expect(response.status).toBe(422);
    const problem = await json<{ errors: { path: string }[] }>(response);
    expect(problem.errors.map((e) => e.path)).toEqual(['tiers.1.lowerBound']);

    const mixed = await put('/v1/tiers', {
      currency: 'RUB',
      tiers: [
        {
          name: 'all',
          label: 'All',
          lowerBound: 5,
          upperBound: 10,
          annualDues: { amount: 1, currency: 'USD' },
        },
      ],
      extra: true,
    });
    expect(mixed.status).toBe(422);
    const paths = (await json<{ errors: { path: string }[] }>(mixed)).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['(body)']));

    // Labels only in the console's languages, none of them empty.
    const labelled = await put('/v1/tiers', {
      ...seedTierTable,
      tiers: seedTierTable.tiers.map((tier, i) =>
        i === 0 ? { ...tier, labels: { ru: ' ', fr: 'Micro-entreprise' } } : tier,
      ),
    });
    expect(labelled.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(labelled)).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['tiers.0.labels.ru']),
    );

    const badRate = await put('/v1/exchange-rates', {
      base: 'RUB',
      rates: [{ currency: 'USD', perUnit: '92,5', validFrom: '2026-01-01' }],
    });
    expect(badRate.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(badRate)).errors[0]!.path).toBe('rates.0.perUnit');

    expect(await etag('/v1/tiers')).toBe('"0"');
    expect(await etag('/v1/exchange-rates')).toBe('"0"');
    expect(await json(await t.call('GET', '/v1/tiers', { token: staff }))).toEqual(seedTierTable);
  });

  it('reports per tier from the aggregates, matching the members', async () => {
    const members = await allMembers();
    const r = await report();
    expect(r.currency).toBe('RUB');
    expect(r.asOf).toBe(now.toISOString());
    expect(r.tiers.map((l) => l.tier)).toEqual(['micro', 'small', 'medium', 'large']);
    // Each line by the table's label, and its labels in the console's languages.
    expect(r.tiers[0]).toMatchObject({
      label: 'Micro enterprise',
      labels: { ru: 'Микропредприятие', vi: 'Doanh nghiệp siêu nhỏ' },
    });
    const expected = expectedLines(members, seedTierTable);
    expect(
      r.tiers.map((l) => ({ tier: l.tier, memberCount: l.memberCount, revenue: l.revenue.amount })),
    ).toEqual(expected.map(({ dues: _dues, ...line }) => line));
    expect(r.tiers.map((l) => l.duesExpected!.amount)).toEqual(expected.map((l) => l.dues));
    // micro: 50, 119; small: 150, 500, $2M; medium: 900, $10M; large: nobody. Resigned and unassessed count nowhere.
    expect(r.tiers.map((l) => l.memberCount)).toEqual([2, 3, 2, 0]);
    expect(r.totals.memberCount).toBe(7);
    expect(r.totals.revenue.amount).toBe(r.tiers.reduce((s, l) => s + l.revenue.amount, 0));
  });

  let boundaryJob: string;
  it('re-tiers exactly the members a moved boundary affects, with history, after PUT /v1/tiers', async () => {
    const before = await allMembers();
    const table = withBoundary(seedTierTable, 200);
    const response = await put('/v1/tiers', table);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBeNull();
    const body = await json<TierTable & { job: { id: string; status: string; href: string } }>(response);
    const { job, ...stored } = body;
    expect(stored).toEqual(table);
    expect(job).toEqual({ id: expect.any(String), status: 'queued', href: `/v1/jobs/${job.id}` });
    boundaryJob = job.id;

    const finished = await settle(job.id);
    expect(finished).toMatchObject({ status: 'succeeded', scanned: cases.length, changed: 3 });
    expect(finished.startedAt).toBe(now.toISOString());
    expect(finished.finishedAt).toBe(now.toISOString());
    expect(finished.error).toBeUndefined();

    const after = await allMembers();
    const moved = after.filter((m, i) => m.tier !== before[i]!.tier).map((m) => m.id);
    expect(moved.sort()).toEqual([idOf('rub150'), idOf('usd2m'), idOf('resigned150')].sort());
    for (const m of after) {
      const revenue = cases.find((c) => idOf(c.key) === m.id)!.revenue;
      expect(m.tier).toBe(revenue ? tierForRevenue(table, defaultRateTable, revenue, now).tier.name : null);
    }
    for (const id of moved) {
      const [latest] = await history(id);
      expect(latest).toEqual({
        id: expect.any(String),
        memberId: id,
        at: now.toISOString(),
        actor: { sub: 'system:retier', role: 'admin' },
        action: 'retier',
        changes: [{ field: 'tier', old: 'small', new: 'micro' }],
      });
    }
    expect((await history(idOf('rub500'))).some((e) => e.action === 'retier')).toBe(false);

    const directory = await directoryTiers();
    for (const m of after) expect(directory.get(m.id)).toBe(m.tier);

    const r = await report();
    const expected = expectedLines(after, table);
    expect(r.tiers.map((l) => [l.tier, l.memberCount, l.revenue.amount, l.duesExpected!.amount])).toEqual(
      expected.map((l) => [l.tier, l.memberCount, l.revenue, l.dues]),
    );
    expect(r.tiers.map((l) => l.memberCount)).toEqual([4, 1, 2, 0]);
  });

  it('shows a finished job and 404s an unknown one', async () => {
    const job = await t.call('GET', `/v1/jobs/${boundaryJob}`, { token: staff });
    expect(job.status).toBe(200);
    expect(await job.json()).toEqual({
      id: boundaryJob,
      kind: 'retier',
      status: 'succeeded',
      scanned: cases.length,
      changed: 3,
      stale: [],
      staleCount: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      startedAt: now.toISOString(),
      finishedAt: now.toISOString(),
    });
    expect((await t.call('GET', '/v1/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff })).status).toBe(404);
    expect((await t.call('GET', '/v1/jobs/not-a-job', { token: staff })).status).toBe(400);
  });

  it('re-tiers the dollar members when the dollar rate changes', async () => {
    const rates: RateTable = {
      base: 'RUB',
      rates: [
        ...defaultRateTable.rates,
        { currency: 'USD', perUnit: '120', validFrom: '2026-02-15' },
        { currency: 'USD', perUnit: '150', validFrom: '2026-04-01' },
      ],
    };
    const response = await put('/v1/exchange-rates', rates);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    const { job, ...stored } = await json<RateTable & { job: { id: string } }>(response);
    expect(stored).toEqual(rates);

    const finished = await settle(job.id);
    // $2M: 185M → 240M RUB, micro → small. $10M: 925M → 1.2B RUB, medium either way, revenue changes.
    expect(finished).toMatchObject({ status: 'succeeded', scanned: cases.length, changed: 2 });
    const dollar2 = await getMember(idOf('usd2m'));
    expect(dollar2.tier).toBe('small');
    expect(dollar2.tierRevenue).toEqual(rub(240));
    const dollar10 = await getMember(idOf('usd10m'));
    expect(dollar10.tier).toBe('medium');
    expect(dollar10.tierRevenue).toEqual(rub(1_200));
    const [latest] = await history(idOf('usd10m'));
    expect(latest!.action).toBe('retier');
    expect(latest!.changes.map((c) => c.field)).toEqual(['tierRevenue']);

    const table = withBoundary(seedTierTable, 200);
    const r = await report();
    const members = await allMembers();
    expect(r.tiers.map((l) => [l.tier, l.memberCount, l.revenue.amount])).toEqual(
      expectedLines(members, table).map((l) => [l.tier, l.memberCount, l.revenue]),
    );
  });

  it('converts the report into another currency line by line, totals matching the lines', async () => {
    const [inRub, inUsd] = [await report(), await report('?currency=USD')];
    const settings = {
      rates: await json<RateTable>(await t.call('GET', '/v1/exchange-rates', { token: staff })),
    };
    expect(inUsd.currency).toBe('USD');
    inUsd.tiers.forEach((line, i) => {
      expect(line.revenue).toEqual(convert(inRub.tiers[i]!.revenue, 'USD', settings.rates, now));
      expect(line.duesExpected).toEqual(convert(inRub.tiers[i]!.duesExpected!, 'USD', settings.rates, now));
    });
    expect(inUsd.totals.memberCount).toBe(inRub.totals.memberCount);
    expect(inUsd.totals.revenue.amount).toBe(inUsd.tiers.reduce((s, l) => s + l.revenue.amount, 0));
    expect(inUsd.totals.duesExpected.amount).toBe(
      inUsd.tiers.reduce((s, l) => s + l.duesExpected!.amount, 0),
    );

    const noRate = await put('/v1/exchange-rates', {
      base: 'RUB',
      rates: [{ currency: 'USD', perUnit: '120', validFrom: '2026-02-15' }],
    });
    await settle((await json<{ job: { id: string } }>(noRate)).job.id);
    const eur = await t.call('GET', '/v1/reports/tiers?currency=EUR', { token: staff });
    expect(eur.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(eur)).errors[0]!.path).toBe('currency');
    expect((await t.call('GET', '/v1/reports/tiers?currency=XYZ', { token: staff })).status).toBe(400);
  });

  it('flags report lines of tiers that left the table until the job has moved their members', async () => {
    // Hold the job back to look at the report in between, as a client would mid-job.
    const held: JobMessage[] = [];
    t.jobs.setHandler(async (message) => {
      held.push(message);
    });
    const current = await json<TierTable>(await t.call('GET', '/v1/tiers', { token: staff }));
    const renamed: TierTable = {
      ...current,
      tiers: current.tiers.map((tier) =>
        tier.name === 'micro' ? { ...tier, name: 'starter', label: 'Starter' } : tier,
      ),
    };
    const response = await put('/v1/tiers', renamed);
    expect(response.status).toBe(200);
    const { job } = await json<{ job: { id: string } }>(response);
    await t.jobs.idle();
    expect(held).toEqual([{ jobId: job.id }]);

    const mid = await report();
    expect(mid.tiers.map((l) => [l.tier, l.inTable])).toEqual([
      ['starter', true],
      ['small', true],
      ['medium', true],
      ['large', true],
      ['micro', false],
    ]);
    expect(mid.tiers[0]!.memberCount).toBe(0);
    expect(mid.tiers[4]).toMatchObject({ label: null, memberCount: 3, duesExpected: null });
    expect(mid.totals.memberCount).toBe(7);

    const runtime = { db: t.db, queue: t.jobs, clock: () => now, newId: t.deps.newId };
    t.jobs.setHandler((message) => runJob(runtime, memberJobs, message));
    for (const message of held) await runJob(runtime, memberJobs, message);
    // The three active micro members and the resigned one.
    expect((await settle(job.id)).changed).toBe(4);

    const after = await report();
    expect(after.tiers.map((l) => [l.tier, l.memberCount])).toEqual([
      ['starter', 3],
      ['small', 2],
      ['medium', 2],
      ['large', 0],
    ]);
  });

  it('converges on the newest table when it changes again before the first job has run', async () => {
    const first = await put('/v1/tiers', withBoundary(seedTierTable, 100));
    const second = await put('/v1/tiers', withBoundary(seedTierTable, 140));
    expect([first.status, second.status]).toEqual([200, 200]);
    const jobIds = await Promise.all(
      [first, second].map(async (r) => (await json<{ job: { id: string } }>(r)).job.id),
    );
    for (const id of jobIds) expect((await settle(id)).status).toBe('succeeded');

    await expectTiersUnder(withBoundary(seedTierTable, 140));
  });

  it('fails a job whose members need a rate no longer in force, saying which, and recovers on a fix', async () => {
    // The currencies members' revenue is in keep their rates (PUT /v1/exchange-rates refuses to drop
    // them), but a tier table may move to a currency the rate table lacks.
    const inYuan: TierTable = {
      ...seedTierTable,
      currency: 'CNY',
      tiers: seedTierTable.tiers.map((tier) => ({
        ...tier,
        annualDues: { ...tier.annualDues, currency: 'CNY' },
      })),
    };
    const switched = await put('/v1/tiers', inYuan);
    const failed = await settle((await json<{ job: { id: string } }>(switched)).job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(
      'no CNY rate against RUB is in force on 2026-03-01; add that rate and save the exchange-rate table again.',
    );
    expect(failed.finishedAt).toBe(now.toISOString());

    const rates = await json<RateTable>(await t.call('GET', '/v1/exchange-rates', { token: staff }));
    const fixed = await put('/v1/exchange-rates', {
      ...rates,
      rates: [...rates.rates, { currency: 'CNY', perUnit: '12.75', validFrom: '2026-01-01' }],
    });
    const ok = await settle((await json<{ job: { id: string } }>(fixed)).job.id);
    expect(ok).toMatchObject({ status: 'succeeded', scanned: cases.length });
    expect((await getMember(idOf('rub500'))).tierRevenue).toEqual({ amount: 3_921_568_627, currency: 'CNY' });
  });
});

describe('re-tier job batches', () => {
  const pending: JobMessage[] = [];
  const capture = {
    enqueue: async (message: JobMessage) => {
      pending.push(message);
    },
  };
  const tinyBatches = { pageSize: 5, pagesPerBatch: 1 };

  it('resumes each batch from the stored lastKey and ends as one pass would, duplicates included', async () => {
    const settings = new SettingsRepository(t.db);
    const jobs = new JobRepository(t.db);
    const runtime = {
      db: t.db,
      queue: capture,
      clock: () => now,
      newId: t.deps.newId,
      options: { retier: tinyBatches },
    };
    const { tiers } = await settings.read();
    const table = withBoundary(seedTierTable, 300);
    const { job } = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', table, tiers.version);
    expect(pending).toEqual([{ jobId: job.id }]);

    let batches = 0;
    let previous = await jobs.get(job.id, 'retier');
    while (pending.length > 0) {
      const message = pending.shift()!;
      batches++;
      if (batches === 3) {
        // The queue delivers this message twice at once: one copy records the batch, the other stops.
        await Promise.all([runJob(runtime, memberJobs, message), runJob(runtime, memberJobs, message)]);
        expect(pending).toHaveLength(1);
      } else {
        await runJob(runtime, memberJobs, message);
      }
      const current = (await jobs.get(job.id, 'retier'))!;
      expect(current.scanned).toBeGreaterThanOrEqual(previous!.scanned);
      if (current.status === 'running') {
        expect(current.lastKey).toBeDefined();
        expect(current.lastKey).not.toEqual(previous!.lastKey);
        expect(pending).toHaveLength(1);
      }
      previous = current;
    }
    expect(batches).toBeGreaterThan(10);
    const done = (await jobs.get(job.id, 'retier'))!;
    expect(done).toMatchObject({ status: 'succeeded', scanned: cases.length });
    expect(done.lastKey).toBeUndefined();
    await expectTiersUnder(table);
  });

  it('keeps a job running when its next batch cannot be queued, so redelivery resumes it', async () => {
    const settings = new SettingsRepository(t.db);
    const jobs = new JobRepository(t.db);
    let refuse = true;
    const flaky = {
      enqueue: async (message: JobMessage) => {
        if (refuse && (await jobs.get(message.jobId))?.status === 'running') {
          refuse = false;
          throw new JobQueueUnavailableError('down');
        }
        pending.push(message);
      },
    };
    const runtime = {
      db: t.db,
      queue: flaky,
      clock: () => now,
      newId: t.deps.newId,
      options: { retier: tinyBatches },
    };
    const table = withBoundary(seedTierTable, 180);
    const version = (await settings.read()).tiers.version;
    const { job } = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', table, version);
    const first = pending.shift()!;
    await expect(runJob(runtime, memberJobs, first)).rejects.toBeInstanceOf(JobQueueUnavailableError);
    const stalled = (await jobs.get(job.id, 'retier'))!;
    expect(stalled.status).toBe('running');
    expect(stalled.lastKey).toBeDefined();
    expect(pending).toEqual([]);

    // The queue redelivers the message it could not settle; the job goes on from its stored lastKey.
    pending.push(first);
    while (pending.length > 0) await runJob(runtime, memberJobs, pending.shift()!);
    expect(await jobs.get(job.id)).toMatchObject({ status: 'succeeded', scanned: cases.length });
    await expectTiersUnder(table);
  });

  it('answers 503 when the job cannot be queued, saying the table was saved', async () => {
    const enqueue = t.jobs.enqueue;
    t.jobs.enqueue = async () => {
      throw new JobQueueUnavailableError('down');
    };
    try {
      const before = await etag('/v1/tiers');
      const response = await put('/v1/tiers', withBoundary(seedTierTable, 170), admin, before);
      expect(response.status).toBe(503);
      expect((await json<{ detail: string }>(response)).detail).toMatch(
        /saved.*read the table for its new ETag and save it again/,
      );
      expect(await etag('/v1/tiers')).toBe(`"${Number(JSON.parse(before)) + 1}"`);
    } finally {
      t.jobs.enqueue = enqueue;
    }
  });

  it('redoes a batch whose settings changed under it, so the older job never leaves stale tiers', async () => {
    const settings = new SettingsRepository(t.db);
    const jobs = new JobRepository(t.db);
    const db = createDatabase({ tableName: t.db.tableName, endpoint: inject('dynamoEndpoint') });
    const { tiers } = await settings.read();
    const older = withBoundary(seedTierTable, 110);
    const newer = withBoundary(seedTierTable, 160);
    let swapped = false;
    // An admin saves another table while the job is writing its first member under the older one.
    db.doc.middlewareStack.add(
      (next) => async (args) => {
        if (!swapped && 'TransactItems' in (args.input as object)) {
          swapped = true;
          await settings.put('tiers', newer, tiers.version + 1, now);
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const runtime = { db, queue: capture, clock: () => now, newId: t.deps.newId };
    const { job } = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', older, tiers.version);
    await runJob(runtime, memberJobs, pending.shift()!);
    expect(swapped).toBe(true);
    expect(pending).toEqual([]);
    expect((await jobs.get(job.id))!.status).toBe('succeeded');
    await expectTiersUnder(newer);
  });
});

describe('OpenAPI document', () => {
  it('describes every tier, rate, job and report route with response schemas and valid body examples', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { example?: unknown }> };
    }>(await t.call('GET', '/openapi.json'));
    const schemaRef = (response: unknown) =>
      (response as { content: { 'application/json': { schema: { $ref: string } } } }).content[
        'application/json'
      ].schema.$ref;
    expect(schemaRef(doc.paths['/v1/tiers']!.get!.responses['200'])).toBe('#/components/schemas/TierTable');
    expect(schemaRef(doc.paths['/v1/tiers']!.put!.responses['200'])).toBe(
      '#/components/schemas/SavedTierTable',
    );
    expect(schemaRef(doc.paths['/v1/exchange-rates']!.get!.responses['200'])).toBe(
      '#/components/schemas/RateTable',
    );
    expect(schemaRef(doc.paths['/v1/exchange-rates']!.put!.responses['200'])).toBe(
      '#/components/schemas/SavedRateTable',
    );
    expect(schemaRef(doc.paths['/v1/jobs/{id}']!.get!.responses['200'])).toBe('#/components/schemas/Job');
    expect(schemaRef(doc.paths['/v1/reports/tiers']!.get!.responses['200'])).toBe(
      '#/components/schemas/TierReport',
    );
    for (const path of ['/v1/tiers', '/v1/exchange-rates']) {
      expect(doc.paths[path]!.put!.responses).toHaveProperty('412');
      expect(doc.paths[path]!.put!.responses).toHaveProperty('428');
    }
    // The documented examples are accepted by the very schemas that validate requests.
    expect(tierTableSchema.safeParse(doc.components.schemas.TierTable!.example).success).toBe(true);
    expect(rateTableSchema.safeParse(doc.components.schemas.RateTable!.example).success).toBe(true);
  });
});
