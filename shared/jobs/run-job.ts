import { ConflictError, DatabaseUnavailableError } from '../domain/errors.ts';
import { logger } from '../observability/logger.ts';
import { type JobMessage, JobQueueUnavailableError } from './job-queue.ts';
import { type Job, JobRepository } from './job-repository.ts';
import type { AnyJobRunner, JobDeps, JobRegistry, JobRuntime } from './job-types.ts';

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

function runnerOf(registry: JobRegistry, job: Job): AnyJobRunner {
  const runner = registry.runners.find((r) => r.kind === job.kind);
  // A kind this deployment does not run, written by a newer one or served by another function.
  if (!runner) throw new Error(`No runner for job kind ${String(job.kind)}.`);
  return runner;
}

/**
 * Runs the next batch of the job a message names. A message for a finished or unknown job is
 * dropped: it is a duplicate, or outlived its job's retention.
 */
export async function runJob(runtime: JobRuntime, registry: JobRegistry, message: JobMessage): Promise<void> {
  const jobs = new JobRepository(runtime.db);
  const job = await jobs.get(message.jobId);
  if (!job || job.status === 'succeeded' || job.status === 'failed') return;
  let runner: AnyJobRunner | undefined;
  try {
    runner = runnerOf(registry, job);
    const deps: JobDeps = { db: runtime.db, jobs, runtime };
    // The registry pairs each runner with its own kind, which the job was just matched on.
    await runner.run(job as never, deps);
  } catch (error) {
    if (isTransient(error)) throw error;
    logger.error('job failed', { jobId: job.id, kind: job.kind, error: error as Error });
    const message =
      runner?.publicMessage?.(error) ?? 'The job stopped on an unexpected error; it has been logged.';
    await jobs.fail(job.id, message, runtime.clock());
  }
}

/** Starts the scheduled task a schedule's message names; an unknown name is an error to redeliver. */
export async function startScheduled(runtime: JobRuntime, registry: JobRegistry, run: string): Promise<void> {
  const task = registry.scheduled.find((t) => t.run === run);
  if (!task) throw new Error(`No scheduled task ${run}.`);
  await task.start(runtime);
}
