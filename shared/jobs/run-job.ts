import type { Database } from '../data/dynamo-client.ts';
import { ConflictError, DatabaseUnavailableError } from '../domain/errors.ts';
import { MissingExchangeRateError } from '../domain/exchange-rates.ts';
import { MemberRepository } from '../members/member-repository.ts';
import { logger } from '../observability/logger.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { ImportFileMissingError, type ImportJobOptions, runImportBatch } from './import-job.ts';
import { type JobMessage, type JobQueue, JobQueueUnavailableError } from './job-queue.ts';
import { type Job, JobRepository } from './job-repository.ts';
import { type RetierOptions, runRetierBatch } from './retier-job.ts';

/** What a job needs from the runtime it runs in (a Lambda, or the local server). */
export interface JobRuntime {
  db: Database;
  queue: JobQueue;
  clock: () => Date;
  newId: () => string;
  /** Batch sizing; the defaults suit production, tests shrink them to see a job resume. */
  retier?: Partial<RetierOptions>;
  import?: Partial<ImportJobOptions>;
}

/** What a batch runner gets: the runtime and the repositories over its database. */
export interface JobDeps {
  db: Database;
  jobs: JobRepository;
  members: MemberRepository;
  settings: SettingsRepository;
  runtime: JobRuntime;
}

function runBatch(job: Job, deps: JobDeps): Promise<void> {
  switch (job.kind) {
    case 'retier':
      return runRetierBatch(job, deps);
    case 'import':
      return runImportBatch(job, deps);
    default:
      // A kind this deployment does not know, written by a newer one.
      throw new Error(`No runner for job kind ${String((job as { kind: unknown }).kind)}.`);
  }
}

/**
 * Failures that a later delivery of the same message may not meet: they are rethrown so the queue
 * redelivers, and the job, still running, resumes from its stored progress.
 */
function isTransient(error: unknown): boolean {
  return (
    error instanceof DatabaseUnavailableError ||
    error instanceof ConflictError ||
    error instanceof JobQueueUnavailableError
  );
}

/** What the job's status may say about a failure: actionable, with no stack and no personal data. */
function publicMessage(error: unknown): string {
  if (error instanceof MissingExchangeRateError) {
    return `${error.message}; add that rate and save the exchange-rate table again.`;
  }
  if (error instanceof ImportFileMissingError) return error.message;
  return 'The job stopped on an unexpected error; it has been logged.';
}

/**
 * Runs the next batch of the job a message names. A message for a finished or unknown job is
 * dropped: it is a duplicate, or outlived its job's retention.
 */
export async function runJob(runtime: JobRuntime, message: JobMessage): Promise<void> {
  const jobs = new JobRepository(runtime.db);
  const job = await jobs.get(message.jobId);
  if (!job || job.status === 'succeeded' || job.status === 'failed') return;
  try {
    await runBatch(job, {
      db: runtime.db,
      jobs,
      members: new MemberRepository(runtime.db),
      settings: new SettingsRepository(runtime.db),
      runtime,
    });
  } catch (error) {
    if (isTransient(error)) throw error;
    logger.error('job failed', { jobId: job.id, kind: job.kind, error: error as Error });
    await jobs.fail(job.id, publicMessage(error), runtime.clock());
  }
}
