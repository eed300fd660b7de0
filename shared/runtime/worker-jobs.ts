import { dailyRosterCheck } from '../console/staff-roster-check.ts';
import type { JobRegistry } from '../jobs/job-types.ts';
import { memberJobs } from '../members/member-jobs.ts';
import { cognitoStaffDirectory } from './cognito-staff-directory.ts';
import { requiredEnv } from './environment.ts';

/**
 * What the job worker serves in AWS: the directory's jobs and daily run, and the daily check of the
 * staff roster against the user pool's groups (the local server lists its dev users instead).
 */
export const workerJobs: JobRegistry = {
  runners: memberJobs.runners,
  scheduled: [
    ...memberJobs.scheduled,
    dailyRosterCheck(() => cognitoStaffDirectory(requiredEnv('USER_POOL_ID'))),
  ],
};
