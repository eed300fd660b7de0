/**
 * What an erasure reaches beyond the member's own items: import files still waiting in a job, a
 * batch that runs after the erasure, and a job that fails. A 300-row import is held in its queue (no
 * batch runs) while the member it names is erased.
 */
import { gunzipSync } from 'node:zlib';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailHasher } from '../../shared/domain/email-hash.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { createApp } from '../../shared/http/app.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import type { JobMessage } from '../../shared/jobs/job-queue.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import type { JobRuntime } from '../../shared/jobs/job-types.ts';
import { runJob } from '../../shared/jobs/run-job.ts';
import { layoutColumns } from '../../shared/members/member-csv.ts';
import type { RowReport } from '../../shared/members/member-csv-service.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { MemberService } from '../../shared/members/member-service.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let admin: string;
/** Jobs are queued here and run only when a test says so. */
const held: JobMessage[] = [];
let app: ReturnType<typeof createApp>;
/** The same, answering within the request only up to 5 rows, for the tests that need any job at all. */
let smallJobs: ReturnType<typeof createApp>;
let runtime: JobRuntime;
let jobs: JobRepository;

beforeAll(async () => {
  t = await createTestApp();
  [staff, admin] = await Promise.all([t.token('staff'), t.token('admin')]);
  const queue = { enqueue: async (message: JobMessage) => void held.push(message) };
  app = createApp({ ...t.deps, jobs: queue }, allApis);
  smallJobs = createApp({ ...t.deps, jobs: queue, importSyncMaxRows: 5 }, allApis);
  runtime = {
    db: t.db,
    queue,
    clock: t.deps.clock,
    newId: t.deps.newId,
    options: { import: { batchRows: 100 } },
  };
  jobs = new JobRepository(t.db);
});
afterAll(() => t.drop());

const columns = layoutColumns(2);
let innBody = 730_000_000;

function row(overrides: Record<string, string> = {}): Record<string, string> {
  const taxId = withInnCheckDigits(String(innBody++));
  return {
    name: `ООО «Партия ${taxId}»`,
    country: 'RU',
    taxId,
    sectors: 'energy',
    contact1_name: 'Пётр Иванов',
    contact1_email: `petr.${taxId}@party.ru`,
    contact1_language: 'ru',
    contact1_outreach: 'yes',
    contact1_news: 'no',
    ...overrides,
  };
}

function csvOf(rows: Record<string, string>[]): string {
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\r\n')}\r\n`;
}

async function call(method: string, path: string, token: string, body?: unknown, target = app) {
  return target.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined
        ? {}
        : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** A member with two contacts, created through the API. */
async function createMember() {
  const taxId = withInnCheckDigits(String(innBody++));
  const response = await call('POST', '/v1/members', staff, {
    name: `АО «Стираемое ${taxId}»`,
    country: 'RU',
    taxId,
    sectors: ['food-canning'],
    contacts: [
      { name: 'Мария Кузнецова', email: `maria.${taxId}@erase.ru`, language: 'ru' },
      { name: 'Nguyễn Văn An', email: `an.${taxId}@erase.vn`, language: 'vi' },
    ],
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; taxId: string; contacts: { email: string }[] };
}

/** Starts a held import of `rows` and returns its job id. */
async function heldImport(rows: Record<string, string>[], target = app): Promise<string> {
  const response = await call('POST', '/v1/members/import', staff, csvOf(rows), target);
  expect(response.status).toBe(202);
  return ((await response.json()) as { job: { id: string } }).job.id;
}

async function fileItems(jobId: string) {
  const result = await t.db.doc.send(
    new QueryCommand({
      TableName: t.db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :file)',
      ExpressionAttributeValues: { ':pk': `JOB#${jobId}`, ':file': 'FILE#' },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/** Everything the stored file says, decoded: what an operator with table access could read. */
async function storedText(jobId: string): Promise<string> {
  const chunks = (await fileItems(jobId)).map((item) => item.data as Uint8Array);
  return gunzipSync(Buffer.concat(chunks)).toString('utf8');
}

/** Runs the held messages of `jobId` (and those they queue) until the job ends. */
async function runHeld(jobId: string) {
  for (let message = held.shift(); message; message = held.shift()) {
    if (message.jobId === jobId) await runJob(runtime, memberJobs, message);
    else held.push(message);
    const job = await jobs.get(jobId, 'import');
    if (job?.status === 'succeeded' || job?.status === 'failed') return job;
  }
  return jobs.get(jobId, 'import');
}

async function reportOf(jobId: string): Promise<RowReport[]> {
  const entries: RowReport[] = [];
  let cursor: string | null = null;
  do {
    const response = await call(
      'GET',
      `/v1/jobs/${jobId}/report?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      staff,
    );
    const page = (await response.json()) as { items: RowReport[]; nextCursor: string | null };
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

const erasedMessage = /erased after the file was uploaded/;

describe('erasure and import files waiting in a job', () => {
  it('purges a held 300-row file of the erased member and its contacts, and the job applies the rest', async () => {
    const erased = await createMember();
    const [maria, an] = erased.contacts.map((c) => c.email) as [string, string];
    // Most rows lack their sectors: rejected without a write, so the test spends its time on the purge.
    const rows = Array.from({ length: 300 }, (_, i) => (i % 6 === 0 ? row() : row({ sectors: '' })));
    // Line 12 updates the member to be erased, with a third contact; line 202 names one of its
    // contacts under another company.
    rows[10] = row({
      taxId: erased.taxId,
      name: 'АО «Стираемое»',
      contact1_email: maria,
      contact2_name: 'Ivan Petrov',
      contact2_email: `ivan.${erased.taxId}@erase.ru`,
      contact2_language: 'en',
      contact2_outreach: 'no',
      contact2_news: 'no',
    });
    rows[200] = row({ contact1_name: 'Nguyễn Văn An', contact1_email: an });
    const jobId = await heldImport(rows);
    expect(await storedText(jobId)).toContain(maria);

    expect((await call('POST', `/v1/members/${erased.id}/erase`, admin)).status).toBe(200);

    const text = await storedText(jobId);
    for (const gone of [
      maria,
      an,
      `ivan.${erased.taxId}@erase.ru`,
      'Ivan Petrov',
      'Nguyễn Văn An',
      erased.taxId,
    ]) {
      expect(text).not.toContain(gone);
    }
    // One revision is stored: the purged one replaced the upload.
    expect(new Set((await fileItems(jobId)).map((item) => String(item.sk).slice(0, 9)))).toEqual(
      new Set(['FILE#001#']),
    );

    const done = await runHeld(jobId);
    expect(done).toMatchObject({ status: 'succeeded', processed: 300 });
    // 52 complete rows (every sixth, and lines 12 and 202), two of them purged; 248 without sectors.
    expect(done!.summary).toEqual({ created: 50, updated: 0, unchanged: 0, rejected: 250 });
    const report = await reportOf(jobId);
    for (const line of [12, 202]) {
      expect(report.find((r) => r.line === line)).toMatchObject({
        status: 'rejected',
        errors: [{ path: '(row)', message: expect.stringMatching(erasedMessage) }],
      });
    }
    const after = (await (await call('GET', `/v1/members/${erased.id}`, staff)).json()) as {
      contacts: { email: string | null; erasedAt?: string }[];
    };
    expect(after.contacts).toHaveLength(2);
    expect(after.contacts.every((c) => c.email === null && c.erasedAt)).toBe(true);
    // A succeeded job keeps no file.
    expect(await fileItems(jobId)).toEqual([]);
  });

  it('a batch whose file slipped past the purge still does not bring the erased contacts back', async () => {
    const erased = await createMember();
    const rows = Array.from({ length: 6 }, () => row());
    rows[0] = row({ taxId: erased.taxId, name: 'АО «Стираемое»', contact1_email: 'back@erase.ru' });
    const jobId = await heldImport(rows, smallJobs);
    // Erased by a runtime whose purge missed this file, as one uploaded during the erasure would be.
    const service = new MemberService({
      members: new MemberRepository(t.db),
      settings: new SettingsRepository(t.db),
      clock: () => new Date(),
      newId: t.deps.newId,
      settleLater: async () => undefined,
    });
    await service.erase(
      erased.id,
      { sub: 'admin-1', role: 'admin' },
      {
        suppression: new EmailHasher('v1', Buffer.from('test')),
        purgeImports: async () => 0,
        purgeRecipients: async () => 0,
      },
    );

    const done = await runHeld(jobId);
    expect(done!.summary).toMatchObject({ created: 5, rejected: 1 });
    expect((await reportOf(jobId))[0]).toMatchObject({
      line: 2,
      status: 'rejected',
      errors: [{ message: expect.stringMatching(erasedMessage) }],
    });
    const after = (await (await call('GET', `/v1/members/${erased.id}`, staff)).json()) as {
      contacts: { email: string | null }[];
    };
    expect(after.contacts.map((c) => c.email)).toEqual([null, null]);
  });

  it('deletes a failed import’s file at once, and no file outlives a day', async () => {
    const jobId = await heldImport(
      Array.from({ length: 6 }, () => row()),
      smallJobs,
    );
    const items = await fileItems(jobId);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(Number(item.expiresAt) - Date.parse(String(item.createdAt)) / 1000).toBeLessThanOrEqual(86_400);
    }
    await jobs.fail(jobId, 'Stopped for the test.', new Date());
    expect(await fileItems(jobId)).toEqual([]);
    expect(await jobs.get(jobId, 'import')).toMatchObject({ status: 'failed' });
    held.length = 0;
  });
});
