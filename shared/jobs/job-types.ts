import type { Database } from '../data/dynamo-client.ts';
import type { JobQueue } from './job-queue.ts';
import type { Job, JobRepository } from './job-repository.ts';

/**
 * Batch sizing by job kind. Empty here on purpose: each context adds its kinds' options where it
 * defines them (`declare module '../jobs/job-types.ts'`), so the runner knows no kind by name.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one entry per job kind.
export interface JobKindOptions {}

/** What a job needs from the runtime it runs in (a Lambda, or the local server). */
export interface JobRuntime {
  db: Database;
  queue: JobQueue;
  clock: () => Date;
  newId: () => string;
  /** Batch sizing by kind; the defaults suit production, tests shrink them to see a job resume. */
  options?: { [K in keyof JobKindOptions]?: Partial<JobKindOptions[K]> };
}

/** What a batch gets from the runner. */
export interface JobDeps {
  db: Database;
  jobs: JobRepository;
  runtime: JobRuntime;
}

/** How one kind of background job runs, registered by the context the kind belongs to. */
export interface JobRunner<K extends Job['kind'] = Job['kind']> {
  kind: K;
  /** Runs the job's next batch and queues the one after, if any. */
  run(job: Extract<Job, { kind: K }>, deps: JobDeps): Promise<void>;
  /**
   * What the job's status may say about an error that stopped it (actionable, no stack, no personal
   * data), or undefined for the generic message.
   */
  publicMessage?(error: unknown): string | undefined;
}

/** Work the daily schedule starts (EventBridge Scheduler in AWS, a timer locally), named by `run`. */
export interface ScheduledTask {
  run: string;
  /** Starts the day's work; resolves to the job it stored, if it needs one. */
  start(runtime: JobRuntime): Promise<Job | undefined>;
}

/** A runner of any kind, each paired with its own kind's jobs. */
export type AnyJobRunner = { [K in Job['kind']]: JobRunner<K> }[Job['kind']];

/** The job kinds and scheduled tasks one runtime serves, from the contexts it runs. */
export interface JobRegistry {
  runners: readonly AnyJobRunner[];
  scheduled: readonly ScheduledTask[];
}
