/**
 * A re-tier job against writes that keep winning: a member that loses a race is retried after a pause
 * inside the batch, one that loses every try is listed on the job, and the job succeeds either way. A
 * member whose own write could not settle it gets a job of its own, which the worker retries.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../shared/data/dynamo-client.ts';
import { memberKey } from '../../shared/data/keys.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { seedTierTable, type TierTable } from '../../shared/domain/tiers.ts';
import type { JobMessage } from '../../shared/jobs/job-queue.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import type { JobRuntime } from '../../shared/jobs/job-types.ts';
import { runJob } from '../../shared/jobs/run-job.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { queueMemberRetier, saveSettingsAndRetier } from '../../shared/members/retier-job.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const now = new Date('2026-03-01T09:00:00Z');
let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
  staff = await t.token('staff');
});
afterAll(() => t.drop());

// Micro up to 200 million RUB instead of 120 million: a 150-million company moves from small to micro.
const widerMicro: TierTable = {
  ...seedTierTable,
  tiers: seedTierTable.tiers.map((tier) =>
    tier.name === 'micro'
      ? { ...tier, upperBound: 20_000_000_000 }
      : tier.name === 'small'
        ? { ...tier, lowerBound: 20_000_000_000 }
        : tier,
  ),
};

let innBody = 820_000_000;
async function createMember(): Promise<Member> {
  const inn = withInnCheckDigits(String(innBody++));
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: {
      name: `ООО «Гонка ${inn}»`,
      country: 'RU',
      taxId: inn,
      sectors: ['energy'],
      verifiedRevenue: { amount: 15_000_000_000, currency: 'RUB' },
      contacts: [],
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Member;
}

const tierOf = async (id: string) =>
  ((await (await t.call('GET', `/v1/members/${id}`, { token: staff })).json()) as Member).tier;

/** Another writer that wins the race: the member's version moves just before the job's write. */
const overtake = (id: string) =>
  t.db.doc.send(
    new UpdateCommand({
      TableName: t.db.tableName,
      Key: memberKey(id),
      UpdateExpression: 'SET version = version + :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );

/** A database for the job whose `before` hook runs ahead of each re-tier write, with the member's id. */
function jobDatabase(before: (memberId: string) => Promise<void>) {
  const db = createDatabase({ tableName: t.db.tableName, endpoint: inject('dynamoEndpoint') });
  db.doc.middlewareStack.add(
    (next) => async (args) => {
      const legs = (args.input as { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] })
        .TransactItems;
      const entry = legs?.find((leg) => leg.Put?.Item?.action === 'retier')?.Put?.Item;
      if (entry) await before(String(entry.memberId));
      return next(args);
    },
    { step: 'initialize' },
  );
  return db;
}

describe('re-tier jobs and lost races', () => {
  let stale: Member;

  it('retries a member that loses a race, lists one that loses every try, and succeeds', async () => {
    const [always, once, free] = [await createMember(), await createMember(), await createMember()];
    stale = always;
    const lost = new Map<string, number>();
    const db = jobDatabase(async (memberId) => {
      const times = (lost.get(memberId) ?? 0) + 1;
      lost.set(memberId, times);
      if (memberId === always.id || (memberId === once.id && times === 1)) await overtake(memberId);
    });
    const pending: JobMessage[] = [];
    const runtime: JobRuntime = {
      db,
      queue: { enqueue: async (message) => void pending.push(message) },
      clock: () => now,
      newId: t.deps.newId,
    };
    const settings = new SettingsRepository(t.db);
    const version = (await settings.read()).tiers.version;
    const jobs = new JobRepository(t.db);
    const { job } = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', widerMicro, version);
    while (pending.length > 0) await runJob(runtime, memberJobs, pending.shift()!);

    const view = await t.call('GET', `/v1/jobs/${job.id}`, { token: staff });
    expect(await view.json()).toMatchObject({
      status: 'succeeded',
      scanned: 3,
      changed: 2,
      stale: [always.id],
      staleCount: 1,
    });
    expect([lost.get(always.id), lost.get(once.id), lost.get(free.id)]).toEqual([5, 2, 1]);
    expect([await tierOf(always.id), await tierOf(once.id), await tierOf(free.id)]).toEqual([
      'small',
      'micro',
      'micro',
    ]);
  });

  it('re-tiers a member its write could not settle in a job of its own, which the worker retries', async () => {
    // The first try meets a throttled database: the job fails that delivery, and the queue delivers
    // it again after a pause.
    let tries = 0;
    const db = jobDatabase(async () => {
      if (tries++ === 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    const runtime: JobRuntime = { db, queue: t.jobs, clock: () => now, newId: t.deps.newId };
    t.jobs.setHandler((message) => runJob(runtime, memberJobs, message));
    try {
      const job = await queueMemberRetier(runtime, stale.id);
      await t.jobs.idle();
      expect(tries).toBe(2);
      const view = await t.call('GET', `/v1/jobs/${job.id}`, { token: staff });
      expect(await view.json()).toMatchObject({ status: 'succeeded', scanned: 1, changed: 1, stale: [] });
      expect(await tierOf(stale.id)).toBe('micro');
    } finally {
      t.jobs.setHandler((message) => runJob(t.jobRuntime, memberJobs, message));
    }
  });
});
