import { gunzipSync, gzipSync } from 'node:zlib';
import { ConflictError } from '../domain/errors.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { ImportFileRef, ImportJob, JobRepository } from '../jobs/job-repository.ts';
import type { JobRuntime } from '../jobs/job-types.ts';
import { logger } from '../observability/logger.ts';
import type { Actor } from './actor.ts';
import { countStatuses, type ImportPlan, MemberCsvService, rowStatuses } from './member-csv-service.ts';
import type { MemberJobDeps } from './member-job-deps.ts';
import { memberServiceFor } from './member-service-for.ts';

/**
 * Member CSV import as a background job, for files too large to apply within one request (API
 * Gateway gives an integration 29 s). The request checks the file as far as it can without the
 * database (400, 413, 422 come back at once), stores its plan (the parsed rows, gzipped JSON) in the
 * job's partition and queues the job;
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

declare module '../jobs/job-types.ts' {
  interface JobKindOptions {
    import: ImportJobOptions;
  }
}

/** The stored file expired or is incomplete: the job cannot go on, and the file must be sent again. */
export class ImportFileMissingError extends Error {
  override readonly name = 'ImportFileMissingError';
}

/**
 * The plan, not the CSV, is what a job stores: rows stay at their index and line when an erasure
 * replaces some of them (storePlan), and no batch parses the file again.
 */
export function encodePlan(plan: ImportPlan): Uint8Array {
  return gzipSync(JSON.stringify(plan));
}

function decodePlan(bytes: Uint8Array): ImportPlan {
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as ImportPlan;
}

/** The stored plan of the file `file` names, or undefined when that revision is gone. */
export async function readPlan(jobs: JobRepository, jobId: string, file: ImportFileRef) {
  const bytes = await jobs.readFile(jobId, file);
  return bytes && decodePlan(bytes);
}

/** Stores the file's plan, creates its import job and queues the first batch. */
export async function startImport(
  jobs: JobRepository,
  runtime: Pick<JobRuntime, 'queue' | 'clock' | 'newId'>,
  upload: { plan: ImportPlan; actor: Actor },
): Promise<ImportJob> {
  const id = runtime.newId();
  const now = runtime.clock();
  // The file first: a job item exists only once its whole file does.
  const file = await jobs.putFile(id, 0, encodePlan(upload.plan), now);
  const job = await jobs.createImport(id, { rows: upload.plan.rows.length, file, actor: upload.actor }, now);
  return enqueueJob(
    jobs,
    runtime,
    job,
    'The import could not be queued; nothing was imported. Send the file again.',
  );
}

/**
 * The plan of the job a worker ran last. Every batch applies a range of the whole file's plan, and a
 * revision of the file never changes, so a warm worker that runs the job's next batch (the usual case)
 * reuses it rather than reading and decoding it again.
 */
let lastPlan: { jobId: string; revision: number; plan: ImportPlan } | undefined;

async function planOf(job: ImportJob, jobs: JobRepository): Promise<ImportPlan> {
  if (lastPlan?.jobId === job.id && lastPlan.revision === job.file.revision) return lastPlan.plan;
  const plan = await readPlan(jobs, job.id, job.file);
  if (!plan || plan.rows.length !== job.rows) {
    const latest = await jobs.get(job.id, 'import');
    // An erasure replaced the file since this delivery read the job: the queue retries with the new one.
    if (latest && latest.file.revision !== job.file.revision) {
      throw new ConflictError('The import file was revised while this batch started; retrying.');
    }
    throw new ImportFileMissingError(
      'The uploaded file is no longer stored; import it again (rows already imported will report unchanged).',
    );
  }
  lastPlan = { jobId: job.id, revision: job.file.revision, plan };
  return plan;
}

/** One batch of an import job: claim, apply, report, record, queue the next one. */
export async function runImportBatch(job: ImportJob, deps: MemberJobDeps): Promise<void> {
  const { jobs, runtime } = deps;
  const options = { ...defaultImportJobOptions, ...runtime.options?.import };
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
    const service = memberServiceFor(runtime, { members: deps.members, settings: deps.settings });
    const reports = await new MemberCsvService(service, deps.members).applyRows(plan, claimed.actor, {
      from,
      to,
      onUnavailable: 'throw',
      uploadedAt: claimed.createdAt,
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
    await jobs.deleteFile(recorded.id).catch((error: unknown) => {
      logger.warn('import file not deleted; it expires', { jobId: job.id, error: error as Error });
    });
  }
}
