import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import type { JobMessage } from '../../shared/jobs/job-queue.ts';
import { JobRepository } from '../../shared/jobs/job-repository.ts';
import { runJob } from '../../shared/jobs/run-job.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { saveSettingsAndRetier } from '../../shared/members/retier-job.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.drop());

describe('unfinished jobs', () => {
  it('are listed from creation until they succeed or fail, so a restart can resume them', async () => {
    const jobs = new JobRepository(t.db);
    const settings = new SettingsRepository(t.db);
    const held: JobMessage[] = [];
    const runtime = {
      db: t.db,
      queue: { enqueue: async (message: JobMessage) => void held.push(message) },
      clock: () => new Date(),
      newId: t.deps.newId,
    };
    const first = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', seedTierTable, 0);
    const second = await saveSettingsAndRetier(settings, jobs, runtime, 'tiers', seedTierTable, 1);
    expect((await jobs.unfinishedJobIds()).sort()).toEqual([first.job.id, second.job.id].sort());

    await runJob(runtime, memberJobs, held.shift()!);
    expect((await jobs.get(first.job.id))!.status).toBe('succeeded');
    await jobs.fail(second.job.id, 'stopped by the test', new Date());
    expect(await jobs.unfinishedJobIds()).toEqual([]);
    // Ending a job does not lose what it reports.
    expect(await jobs.get(second.job.id)).toMatchObject({ status: 'failed', error: 'stopped by the test' });
  });
});
