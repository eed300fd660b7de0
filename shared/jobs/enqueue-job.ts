import { DatabaseUnavailableError } from '../domain/errors.ts';
import { JobQueueUnavailableError } from './job-queue.ts';
import type { Job, JobRepository } from './job-repository.ts';
import type { JobRuntime } from './job-types.ts';

/**
 * Queues a stored job. If the queue is down the job is marked failed (so nobody waits on it) and the
 * caller gets a 503 whose detail says what was kept and what to do.
 */
export async function enqueueJob<J extends Job>(
  jobs: JobRepository,
  runtime: Pick<JobRuntime, 'queue' | 'clock'>,
  job: J,
  detailIfUnavailable: string,
): Promise<J> {
  try {
    await runtime.queue.enqueue({ jobId: job.id });
  } catch (error) {
    if (!(error instanceof JobQueueUnavailableError)) throw error;
    await jobs.fail(job.id, 'The job could not be queued.', runtime.clock());
    throw new DatabaseUnavailableError(detailIfUnavailable);
  }
  return job;
}
