import { memberJobs } from '../shared/members/member-jobs.ts';
import { jobWorkerHandler } from '../shared/runtime/job-worker.ts';

/** The job worker: the directory's jobs (re-tier, CSV import) and its daily dated-rates run. */
export const handler = jobWorkerHandler(memberJobs);
