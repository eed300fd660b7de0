import type { Actor } from '../members/actor.ts';
import {
  countStatuses,
  type ImportPlan,
  MemberCsvService,
  planImport,
  rowStatuses,
} from '../members/member-csv-service.ts';
import { MemberService } from '../members/member-service.ts';
import { logger } from '../observability/logger.ts';
import { enqueueJob } from './enqueue-job.ts';
import type { ImportJob, JobRepository } from './job-repository.ts';
import type { JobDeps, JobRuntime } from './run-job.ts';

/**
 * Member CSV import as a background job, for files too large to apply within one request (API
 * Gateway gives an integration 29 s). The request checks the file as far as it can without the
 * database (400, 413, 422 come back at once), stores it in the job's partition and queues the job;
 * each queue message then applies one batch of rows through MemberCsvService.applyRows, the code the
 * synchronous import runs, and records the batch's report entries and counts.
 *
 * Delivery guarantees, given an at-least-once queue:
 * - One delivery at a time applies a batch. It claims the batch with a version-conditional write on
 *   the job item that sets a lease; a second copy of the message that reads the job before the claim
 *   loses the conditional write, and one that reads it after sees the live lease; either stops.
 * - A batch is recorded once. Recording is conditional on the claim's version, and moves the job past
 *   the batch; a later copy of the message starts from the stored position, never from an earlier one,
 *   so a row already reported is never applied again.
 * - A batch that fails part way (the worker dies, the database is unavailable) is applied again from
 *   its first row by the redelivered message. Rows the failed attempt applied are then reported
 *   `unchanged` and write nothing, since a row is a merge patch and the same patch changes nothing
 *   twice; so the report may say `unchanged` for a row this job created or updated, never more than
 *   that, and no member is created or changed twice.
 * The lease must outlast the worker's timeout (2 minutes in AWS), so a live delivery never loses its
 * batch to another, and expire within the queue's visibility timeout (12 minutes), so the redelivery
 * of a delivery that died finds it expired. A delivery that fails releases its lease at once.
 */

export interface ImportJobOptions {
  /** Rows per batch, one batch per queue message; bounds the work of one delivery. */
  batchRows: number;
  /** How long a claimed batch is held by its delivery; see above for its bounds. */
  leaseMs: number;
}

const defaultImportJobOptions: ImportJobOptions = { batchRows: 100, leaseMs: 5 * 60 * 1000 };

/** The stored file expired or is incomplete: the job cannot go on, and the file must be sent again. */
export class ImportFileMissingError extends Error {
  override readonly name = 'ImportFileMissingError';
}

export interface ImportFile {
  bytes: Uint8Array;
  /** Data rows, as planImport counted them. */
  rows: number;
  actor: Actor;
}

/** Stores the file, creates its import job and queues the first batch. */
export async function startImport(
  jobs: JobRepository,
  runtime: Pick<JobRuntime, 'queue' | 'clock' | 'newId'>,
  file: ImportFile,
): Promise<ImportJob> {
  const id = runtime.newId();
  const now = runtime.clock();
  // The file first: a job item exists only once its whole file does.
  const chunks = await jobs.putFile(id, file.bytes, now);
  const job = await jobs.createImport(
    id,
    { rows: file.rows, file: { chunks, bytes: file.bytes.byteLength }, actor: file.actor },
    now,
  );
  return enqueueJob(
    jobs,
    runtime,
    job,
    'The import could not be queued; nothing was imported. Send the file again.',
  );
}

/**
 * The plan of the job a worker ran last. Every batch applies a range of the whole file's plan, and
 * the stored file never changes, so a warm worker that runs the job's next batch (the usual case)
 * reuses it rather than reading and parsing the whole file again (about 70 ms per 3,000 rows).
 */
let lastPlan: { jobId: string; plan: ImportPlan } | undefined;

async function planOf(job: ImportJob, jobs: JobRepository): Promise<ImportPlan> {
  if (lastPlan?.jobId === job.id) return lastPlan.plan;
  const bytes = await jobs.readFile(job);
  const plan = bytes && planImport(bytes);
  if (!plan || plan.rows.length !== job.rows) {
    throw new ImportFileMissingError(
      'The uploaded file is no longer stored; import it again (rows already imported will report unchanged).',
    );
  }
  lastPlan = { jobId: job.id, plan };
  return plan;
}

/** One batch of an import job: claim, apply, report, record, queue the next one. */
export async function runImportBatch(job: ImportJob, deps: JobDeps): Promise<void> {
  const { jobs, runtime } = deps;
  const options = { ...defaultImportJobOptions, ...runtime.import };
  const now = runtime.clock();
  // Another delivery is applying this batch; it queues the next one, or its redelivery takes over.
  if (job.leaseUntil && Date.parse(job.leaseUntil) > now.getTime()) return;
  const claimed = await jobs.claim(job, now, options.leaseMs);
  if (!claimed) return;

  let recorded: ImportJob | undefined;
  try {
    const plan = await planOf(claimed, jobs);
    const from = claimed.processed;
    const to = Math.min(from + options.batchRows, claimed.rows);
    const service = new MemberService({
      members: deps.members,
      settings: deps.settings,
      clock: runtime.clock,
      newId: runtime.newId,
    });
    const reports = await new MemberCsvService(service, deps.members).applyRows(plan, claimed.actor, {
      from,
      to,
      onUnavailable: 'throw',
    });
    // Entries before progress: a job that says it processed a row has that row's entry.
    await jobs.putReport(claimed.id, from, reports, runtime.clock());
    const counts = countStatuses(reports);
    const summary = Object.fromEntries(
      rowStatuses.map((status) => [status, claimed.summary[status] + counts[status]]),
    ) as ImportJob['summary'];
    recorded = await jobs.recordImportBatch(claimed, { processed: to, summary }, runtime.clock());
  } catch (error) {
    await jobs.release(claimed, runtime.clock()).catch(() => undefined);
    throw error;
  }

  if (recorded?.status === 'running') await runtime.queue.enqueue({ jobId: job.id });
  if (recorded?.status === 'succeeded') {
    // The file holds contact data and is no longer needed; if this fails, its TTL removes it.
    await jobs.deleteFile(recorded).catch((error: unknown) => {
      logger.warn('import file not deleted; it expires', { jobId: job.id, error: error as Error });
    });
  }
}
