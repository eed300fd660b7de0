import { jobWorkerHandler } from '../shared/runtime/job-worker.ts';
import { workerJobs } from '../shared/runtime/worker-jobs.ts';

/**
 * The job worker: the directory's jobs (re-tier, CSV import), its daily dated-rates run, and the daily
 * staff roster check.
 */
export const handler = jobWorkerHandler(workerJobs);
