import type { AuditLog } from '../audit/audit-log.ts';
import type { ImportJob, JobRepository } from '../jobs/job-repository.ts';
import type { JobRuntime } from '../jobs/job-types.ts';
import type { Actor } from './actor.ts';
import { startImport } from './import-job.ts';
import { countStatuses, type ImportReport, type MemberCsvService, planImport } from './member-csv-service.ts';

/**
 * Data rows up to which an import runs within the request. A row costs about 20 ms on DynamoDB Local
 * (which runs transactions one at a time) and less in AWS, so 200 rows answer in a few seconds, well
 * inside API Gateway's 29-second integration timeout; larger files go to an import job.
 */
export const syncImportMaxRows = 200;

export type CsvImportOutcome = { kind: 'report'; report: ImportReport } | { kind: 'job'; job: ImportJob };

/**
 * A member CSV imported as the API's `POST /v1/members/import` and the console's import form both
 * do it: every check that refuses the whole file (400, 413, 422) is thrown before anything is stored;
 * then a small file is applied at once and reported row by row, a larger one stored for an import job.
 * Either way it is on the audit log, here, so that both ways in are recorded alike.
 */
export async function importMemberCsv(
  bytes: Uint8Array,
  actor: Actor,
  deps: {
    csv: MemberCsvService;
    jobs: JobRepository;
    runtime: Pick<JobRuntime, 'queue' | 'clock' | 'newId'>;
    syncMaxRows: number;
    audit: AuditLog;
  },
): Promise<CsvImportOutcome> {
  const plan = planImport(bytes);
  if (plan.rows.length <= deps.syncMaxRows) {
    const rows = await deps.csv.applyRows(plan, actor);
    const summary = countStatuses(rows);
    await deps.audit.record({ action: 'import', actor, rows: rows.length, counts: summary });
    return { kind: 'report', report: { summary, rows } };
  }
  const job = await startImport(deps.jobs, deps.runtime, { plan, actor });
  await deps.audit.record({ action: 'import', actor, rows: job.rows, jobId: job.id });
  return { kind: 'job', job };
}
