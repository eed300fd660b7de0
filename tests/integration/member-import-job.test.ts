import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../../shared/data/dynamo-client.ts';
import { DatabaseUnavailableError } from '../../shared/domain/errors.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { createApp } from '../../shared/http/app.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { type JobMessage, JobQueueUnavailableError } from '../../shared/jobs/job-queue.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import type { JobRuntime } from '../../shared/jobs/job-types.ts';
import { runJob } from '../../shared/jobs/run-job.ts';
import { layoutColumns } from '../../shared/members/member-csv.ts';
import type { ImportReport, RowReport, RowStatus } from '../../shared/members/member-csv-service.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The asynchronous import: a file over the threshold is stored and applied by a job in batches. The
 * threshold and the batch size are shrunk here (5 rows answered within the request, 4 rows a batch) so
 * that a file of a dozen rows exercises every path; tests/integration/member-import.test.ts runs the
 * production sizes once.
 */

const threshold = 5;
const batchRows = 4;

let t: TestApp;
let staff: string;
/** The app as production wires it, but answering within the request only up to `threshold` rows. */
let app: ReturnType<typeof createApp>;
let runtime: JobRuntime;
let jobs: JobRepository;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  app = createApp({ ...t.deps, importSyncMaxRows: threshold }, allApis);
  runtime = {
    db: t.db,
    queue: t.jobs,
    clock: t.deps.clock,
    newId: t.deps.newId,
    options: { import: { batchRows } },
  };
  t.jobs.setHandler((message) => runJob(runtime, memberJobs, message));
  jobs = new JobRepository(t.db);
});
afterAll(() => t.drop());

type Row = Record<string, string>;
const columns = layoutColumns(2);

/** A CSV writer independent of the one under test; a string row is written as it is. */
function csvOf(rows: (Row | string)[]): string {
  const cell = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [
    columns.join(','),
    ...rows.map((row) => (typeof row === 'string' ? row : columns.map((c) => cell(row[c] ?? '')).join(','))),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

let innBody = 560_000_000;
function row(overrides: Row = {}): Row {
  const taxId = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Пакет ${taxId}»`,
    country: 'RU',
    region: 'RU-KGD',
    taxId,
    sectors: 'energy|logistics',
    interests: 'technology-transfer',
    languages: 'ru|en',
    contact1_name: 'Ольга Смирнова',
    contact1_email: `olga.${taxId}@batch.ru`,
    contact1_language: 'ru',
    contact1_outreach: 'yes',
    contact1_news: 'no',
    ...overrides,
  };
}

interface JobRefBody {
  job: { id: string; status: string; href: string };
}

interface ImportJobView {
  id: string;
  kind: 'import';
  status: string;
  rows: number;
  processed: number;
  summary: Record<RowStatus, number>;
  reportHref: string;
  startedAt: string | null;
  finishedAt: string | null;
  error?: string;
}

async function post(target: { request: ReturnType<typeof createApp>['request'] }, body: string) {
  return target.request('/v1/members/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${staff}`, 'content-type': 'text/csv' },
    body,
  });
}

async function getJob(id: string): Promise<ImportJobView> {
  const response = await t.call('GET', `/v1/jobs/${id}`, { token: staff });
  expect(response.status).toBe(200);
  return (await response.json()) as ImportJobView;
}

/** A job queues its next batch while running; idle() covers what was queued so far, so repeat. */
async function settle(id: string): Promise<ImportJobView> {
  for (;;) {
    await t.jobs.idle();
    const job = await getJob(id);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
  }
}

/** Every entry of a job's report, page by page. */
async function reportOf(id: string, limit = 100): Promise<RowReport[]> {
  const rows: RowReport[] = [];
  let cursor: string | null = null;
  do {
    const response = await t.call(
      'GET',
      `/v1/jobs/${id}/report?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token: staff },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: RowReport[]; nextCursor: string | null };
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function itemsOf(db: Database, jobId: string, prefix: string) {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `JOB#${jobId}`, ':prefix': prefix },
    }),
  );
  return result.Items ?? [];
}

async function jobItemCount(db: Database): Promise<number> {
  const result = await db.doc.send(
    new ScanCommand({
      TableName: db.tableName,
      FilterExpression: 'begins_with(pk, :job)',
      ExpressionAttributeValues: { ':job': 'JOB#' },
      Select: 'COUNT',
    }),
  );
  return result.Count ?? 0;
}

async function historyOf(id: string) {
  const response = await t.call('GET', `/v1/members/${id}/history?limit=100`, { token: staff });
  return ((await response.json()) as { items: { action: string; actor: { role: string } }[] }).items;
}

describe('POST /v1/members/import over the threshold', () => {
  it('answers 200 up to the threshold and 202 with Location above it', async () => {
    const atThreshold = await post(app, csvOf(Array.from({ length: threshold }, () => row())));
    expect(atThreshold.status).toBe(200);
    expect(((await atThreshold.json()) as ImportReport).summary.created).toBe(threshold);

    const above = await post(app, csvOf(Array.from({ length: threshold + 1 }, () => row())));
    expect(above.status).toBe(202);
    const { job } = (await above.json()) as JobRefBody;
    expect(job).toEqual({ id: expect.any(String), status: 'queued', href: `/v1/jobs/${job.id}` });
    expect(above.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    expect((await settle(job.id)).summary.created).toBe(threshold + 1);
  });

  it('applies the file in batches and reports each row as the request would', async () => {
    const rows = Array.from({ length: 13 }, () => row());
    rows[6] = { ...rows[6]!, contact1_email: 'not-an-email' };
    const response = await post(app, csvOf(rows));
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as JobRefBody;

    const done = await settle(job.id);
    expect(done).toMatchObject({
      kind: 'import',
      status: 'succeeded',
      rows: 13,
      processed: 13,
      summary: { created: 12, updated: 0, unchanged: 0, rejected: 1 },
      reportHref: `/v1/jobs/${job.id}/report`,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });

    // Paged five at a time across batches of four: file order, one entry per row.
    const report = await reportOf(job.id, 5);
    expect(report.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    expect(report[6]).toEqual({
      line: 8,
      status: 'rejected',
      errors: [expect.objectContaining({ path: 'contacts.0.email', column: 'contact1_email' })],
    });
    const created = report.filter((r) => r.status === 'created');
    expect(new Set(created.map((r) => r.id)).size).toBe(12);
    // Applied as the staff member who sent the file, recorded like any import.
    expect(await historyOf(created[0]!.id!)).toEqual([
      expect.objectContaining({ action: 'import', actor: expect.objectContaining({ role: 'staff' }) }),
    ]);

    // The stored file is deleted once the job is through; the job and its report expire by TTL.
    expect(await itemsOf(t.db, job.id, 'FILE#')).toEqual([]);
    const entries = await itemsOf(t.db, job.id, 'REPORT#');
    expect(entries).toHaveLength(13);
    const jobItem = await t.db.doc.send(
      new GetCommand({ TableName: t.db.tableName, Key: { pk: `JOB#${job.id}`, sk: 'JOB' } }),
    );
    const jobExpiry = jobItem.Item!.expiresAt as number;
    expect(jobExpiry).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
    for (const entry of entries) expect(entry.expiresAt).toBeGreaterThan(jobExpiry);

    // The same file again: every row unchanged, through the job as well.
    const again = await post(app, csvOf(rows));
    const second = await settle(((await again.json()) as JobRefBody).job.id);
    expect(second.summary).toEqual({ created: 0, updated: 0, unchanged: 12, rejected: 1 });
  });

  it('gives a mixed file the per-row outcomes of the synchronous import, batch boundaries and all', async () => {
    // The same starting directory in two tables: one imports the file within the request, the other
    // through the job, four rows a batch.
    const reference = await createTestApp();
    try {
      const referenceStaff = await reference.token('staff');
      const [a, b, c, d, e] = Array.from({ length: 5 }, () => row({ region: 'RU-TVE' }));
      const base = csvOf([a!, b!, c!, d!, e!]);
      for (const target of [reference.app, t.app]) {
        const seeded = await target.request('/v1/members/import', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${target === t.app ? staff : referenceStaff}`,
            'content-type': 'text/csv',
          },
          body: base,
        });
        expect(((await seeded.json()) as ImportReport).summary.created).toBe(5);
      }

      const duplicated = row({ region: 'RU-TVE' });
      const spaced = `${duplicated.taxId!.slice(0, 4)} ${duplicated.taxId!.slice(4)}`;
      const mixed = csvOf([
        /* 2 */ row({ region: 'RU-TVE' }),
        /* 3 */ duplicated,
        /* 4: a gives up its contact for a new one */ {
          ...a!,
          contact1_name: 'Новый контакт',
          contact1_email: `new.${a!.taxId}@batch.ru`,
        },
        /* 5 */ b!,
        /* 6: b's email */ row({ region: 'RU-TVE', contact1_email: b!.contact1_email! }),
        /* 7 */ 'broken,RU',
        /* 8: d takes the email a gave up, a batch later */ {
          ...d!,
          contact2_name: 'Перешедший контакт',
          contact2_email: a!.contact1_email!,
          contact2_language: 'ru',
        },
        /* 9: c's email, which c gives up only on line 11 */ row({
          region: 'RU-TVE',
          contact1_email: c!.contact1_email!,
        }),
        /* 10 */ { ...e!, status: 'resigned' },
        /* 11 */ { ...c!, contact1_email: `later.${c!.taxId}@batch.ru` },
        /* 12 */ row({ region: 'RU-TVE', contact1_email: 'nope', website: 'ftp://x' }),
        /* 13 */ row({ region: 'RU-TVE' }),
        /* 14: the tax id of line 3, in another batch */ { ...row({ region: 'RU-TVE' }), taxId: spaced },
        /* 15 */ row({ region: 'RU-TVE', description: '=1+1' }),
      ]);

      const sync = await reference.app.request('/v1/members/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${referenceStaff}`, 'content-type': 'text/csv' },
        body: mixed,
      });
      expect(sync.status).toBe(200);
      const expected = (await sync.json()) as ImportReport;
      expect(expected.rows.map((r) => r.status)).toEqual([
        'created',
        'rejected',
        'updated',
        'unchanged',
        'rejected',
        'rejected',
        'updated',
        'rejected',
        'rejected',
        'updated',
        'rejected',
        'created',
        'rejected',
        'created',
      ]);

      const accepted = await post(app, mixed);
      expect(accepted.status).toBe(202);
      const { job } = (await accepted.json()) as JobRefBody;
      const done = await settle(job.id);
      expect(done.summary).toEqual(expected.summary);
      // Member ids differ between the tables; which rows carry one does not.
      const comparable = (rows: RowReport[]) => rows.map(({ id, ...rest }) => ({ ...rest, id: !!id }));
      expect(comparable(await reportOf(job.id))).toEqual(comparable(expected.rows));

      // And the directories they leave behind are the same, member for member and cell for cell.
      const exported = async (target: TestApp['app'], token: string) =>
        (
          await target.request('/v1/members/export.csv?region=RU-TVE', {
            headers: { authorization: `Bearer ${token}` },
          })
        ).text();
      expect(await exported(t.app, staff)).toBe(await exported(reference.app, referenceStaff));
    } finally {
      await reference.drop();
    }
  });

  it('refuses a bad header, an unreadable file or too many rows before storing anything', async () => {
    const before = await jobItemCount(t.db);
    const many = Array.from({ length: 20 }, () => 'A,RU,1,energy,red');

    const header = await post(app, `name,country,taxId,sectors,colour\n${many.join('\n')}\n`);
    expect(header.status).toBe(422);
    expect(header.headers.get('location')).toBeNull();
    const unreadable = await post(app, `name,country,taxId,sectors\n"A,RU,1,energy\n${many.join('\n')}`);
    expect(unreadable.status).toBe(400);
    const tooMany = await post(app, `name,country,taxId,sectors\n${'A,RU,1,energy\n'.repeat(5001)}`);
    expect(tooMany.status).toBe(413);

    await t.jobs.idle();
    expect(await jobItemCount(t.db)).toBe(before);
  });

  it('answers 503 and fails the job when it cannot be queued', async () => {
    const ids: string[] = [];
    const recording = createApp(
      {
        ...t.deps,
        importSyncMaxRows: threshold,
        newId: () => {
          const id = t.deps.newId();
          ids.push(id);
          return id;
        },
        jobs: {
          enqueue: async () => {
            throw new JobQueueUnavailableError('down');
          },
        },
      },
      allApis,
    );
    const rows = Array.from({ length: threshold + 1 }, () => row());
    const response = await post(recording, csvOf(rows));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/nothing was imported/);
    expect(await jobs.get(ids[0]!)).toMatchObject({ status: 'failed', processed: 0 });
    expect(await new MemberRepository(t.db).memberIdByTaxId('RU', rows[0]!.taxId!)).toBeUndefined();
  });
});

describe('import job delivery', () => {
  it('applies each row once under duplicated, failed and stalled deliveries', async () => {
    const pending: JobMessage[] = [];
    const capture = {
      enqueue: async (message: JobMessage) => {
        pending.push(message);
      },
    };
    const captured: JobRuntime = { ...runtime, queue: capture };
    const sending = createApp({ ...t.deps, importSyncMaxRows: threshold, jobs: capture }, allApis);
    const rows = Array.from({ length: 14 }, () => row());
    const response = await post(sending, csvOf(rows));
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as JobRefBody;
    expect(pending).toEqual([{ jobId: job.id }]);
    const progress = async () => (await jobs.get(job.id, 'import'))!;

    // Batch 1 (rows 0–3), delivered twice at once: one copy claims it, the other stops.
    const message = pending.shift()!;
    await Promise.all([runJob(captured, memberJobs, message), runJob(captured, memberJobs, message)]);
    expect(pending).toEqual([message]);
    expect((await progress()).processed).toBe(4);

    // Batch 2 (rows 4–7): the database fails on the batch's second transaction. The rows already in
    // flight finish; the delivery fails and gives its claim back, and nothing is recorded.
    const faulty = faultyDatabase();
    faulty.failOn(2);
    await expect(runJob({ ...captured, db: faulty.db }, memberJobs, pending.shift()!)).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    expect(await progress()).toMatchObject({ status: 'running', processed: 4 });
    expect((await progress()).leaseUntil).toBeUndefined();
    expect(pending).toEqual([]);
    // The queue redelivers it; the batch is applied again from its first row.
    await runJob(captured, memberJobs, message);
    expect((await progress()).processed).toBe(8);

    // Batch 3 (rows 8–11): a delivery claims it and dies without a word. Another copy of the message
    // leaves the batch alone while the claim lasts; the redelivery after it expires takes over.
    const current = await progress();
    expect(await jobs.claim(current, new Date(), 60_000)).toBeDefined();
    pending.length = 0;
    await runJob(captured, memberJobs, message);
    expect((await progress()).processed).toBe(8);
    expect(pending).toEqual([]);
    await runJob({ ...captured, clock: () => new Date(Date.now() + 61_000) }, memberJobs, message);
    expect((await progress()).processed).toBe(12);

    // Batch 4 (rows 12–13) ends the job; late copies of any message are dropped.
    pending.length = 0;
    await runJob(captured, memberJobs, message);
    await runJob(captured, memberJobs, message);
    expect(pending).toEqual([]);

    const done = await getJob(job.id);
    expect(done).toMatchObject({ status: 'succeeded', rows: 14, processed: 14 });
    const report = await reportOf(job.id);
    expect(report.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    // The interrupted batch reports the rows its first attempt applied as unchanged: the documented
    // worst case. Every other row is created, and every count matches the report.
    const interrupted = report.slice(4, 8).map((r) => r.status);
    expect(interrupted).toContain('unchanged');
    expect(interrupted.every((s) => s === 'created' || s === 'unchanged')).toBe(true);
    expect(report.filter((r, i) => (i < 4 || i >= 8) && r.status !== 'created')).toEqual([]);
    const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
    for (const r of report) counts[r.status]++;
    expect(done.summary).toEqual(counts);

    // Fourteen members, each written once: one history entry apiece, whatever the deliveries did.
    const ids = report.map((r) => r.id!);
    expect(new Set(ids).size).toBe(14);
    for (const id of ids) expect(await historyOf(id)).toHaveLength(1);
  });

  it('fails the job, saying what to do, when its stored file is gone', async () => {
    const pending: JobMessage[] = [];
    const capture = { enqueue: async (message: JobMessage) => void pending.push(message) };
    const sending = createApp({ ...t.deps, importSyncMaxRows: threshold, jobs: capture }, allApis);
    const response = await post(sending, csvOf(Array.from({ length: threshold + 1 }, () => row())));
    const { job } = (await response.json()) as JobRefBody;
    const stored = (await jobs.get(job.id, 'import'))!;
    await jobs.deleteFile(stored.id);
    await runJob({ ...runtime, queue: capture }, memberJobs, pending.shift()!);
    expect(await getJob(job.id)).toMatchObject({
      status: 'failed',
      processed: 0,
      error: expect.stringMatching(/no longer stored; import it again/),
    });
  });
});

describe('GET /v1/jobs/{id}/report', () => {
  it('is for import jobs, with cursors bound to the job', async () => {
    const make = async () => {
      const response = await post(app, csvOf(Array.from({ length: threshold + 1 }, () => row())));
      const id = ((await response.json()) as JobRefBody).job.id;
      await settle(id);
      return id;
    };
    const [first, second] = [await make(), await make()];
    const page = await t.call('GET', `/v1/jobs/${first}/report?limit=2`, { token: staff });
    const { nextCursor } = (await page.json()) as { nextCursor: string };
    expect(nextCursor).toEqual(expect.any(String));
    const foreign = await t.call('GET', `/v1/jobs/${second}/report?cursor=${nextCursor}`, { token: staff });
    expect(foreign.status).toBe(400);

    expect((await t.call('GET', '/v1/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/report', { token: staff })).status).toBe(
      404,
    );
    const memberToken = await t.token('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    expect((await t.call('GET', `/v1/jobs/${first}/report`, { token: memberToken })).status).toBe(403);
  });

  it('is described in the OpenAPI document, with the 202 of the import', async () => {
    const doc = (await (await t.call('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, { description?: string; responses: Record<string, unknown> }>>;
    };
    const post = doc.paths['/v1/members/import']!.post!;
    expect(post.responses['202']).toMatchObject({
      headers: { Location: expect.anything() },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportAccepted' } } },
    });
    expect(post.description).toContain('up to 200 data rows');
    expect(doc.paths['/v1/jobs/{id}/report']!.get!.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportRowPage' } } },
    });
  });
});

/** A client on the test table whose TransactWriteItems calls fail as DynamoDB throttling would. */
function faultyDatabase() {
  const db = createDatabase({ tableName: t.db.tableName, endpoint: inject('dynamoEndpoint') });
  let transactions = 0;
  let failing: number | undefined;
  db.doc.middlewareStack.add(
    (next) => async (args) => {
      if ('TransactItems' in (args.input as object) && ++transactions === failing) {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return {
    db,
    /** Fails the nth transaction from now. */
    failOn: (n: number) => {
      failing = transactions + n;
    },
  };
}
