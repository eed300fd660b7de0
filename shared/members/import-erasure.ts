import { ConflictError } from '../domain/errors.ts';
import type { JobRepository } from '../jobs/job-repository.ts';
import { encodePlan, readPlan } from './import-job.ts';
import { type ErasedRows, planWithoutErased } from './member-csv-service.ts';

/** Purges that race another purge of the same file before one is given up (then: erase again). */
const maxAttempts = 5;

/**
 * Erasure reaches the import files still waiting in a job: each unfinished import whose file names
 * the erased member or one of its contacts gets a new revision of its file with those rows replaced
 * by their rejection, and the old revision is deleted. Rows keep their place, so the job goes on
 * where it was and reports them as not applied. Unfinished jobs are found on their index, never by a
 * Scan. Returns how many files were purged.
 */
export async function purgeErasedFromImports(
  jobs: JobRepository,
  erased: ErasedRows,
  clock: () => Date,
): Promise<number> {
  let purged = 0;
  for (const jobId of await jobs.unfinishedJobIds()) {
    if (await purgeJob(jobs, jobId, erased, clock)) purged++;
  }
  return purged;
}

async function purgeJob(jobs: JobRepository, jobId: string, erased: ErasedRows, clock: () => Date) {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const job = await jobs.get(jobId, 'import');
    if (!job || job.status === 'succeeded' || job.status === 'failed') return false;
    const plan = await readPlan(jobs, job.id, job.file);
    if (!plan) {
      // Replaced between the two reads: look again. Still the same: the file is gone, the job fails.
      const latest = await jobs.get(jobId, 'import');
      if (latest?.file.revision === job.file.revision) return false;
      continue;
    }
    const purgedPlan = planWithoutErased(plan, erased);
    if (!purgedPlan) return false;
    const next = await jobs.putFile(job.id, job.file.revision + 1, encodePlan(purgedPlan), clock());
    if (await jobs.replaceFile(job, next, clock())) {
      await jobs.deleteFile(job.id, job.file.revision);
      return true;
    }
    // Another erasure revised this file first, or the job ended: drop what was written and look again.
    await jobs.deleteFile(job.id, next.revision);
  }
  throw new ConflictError('An import file kept changing while the erasure purged it; erase again.');
}
