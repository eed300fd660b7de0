import { MissingExchangeRateError } from '../domain/exchange-rates.ts';
import type { JobRegistry, JobRunner } from '../jobs/job-types.ts';
import { ImportFileMissingError, runImportBatch } from './import-job.ts';
import { memberJobDeps } from './member-job-deps.ts';
import { retierForDatedRates, runRetierBatch } from './retier-job.ts';

const retierRunner: JobRunner<'retier'> = {
  kind: 'retier',
  run: (job, deps) => runRetierBatch(job, memberJobDeps(deps)),
  publicMessage: (error) =>
    error instanceof MissingExchangeRateError
      ? `${error.message}; add that rate and save the exchange-rate table again.`
      : undefined,
};

const importRunner: JobRunner<'import'> = {
  kind: 'import',
  run: (job, deps) => runImportBatch(job, memberJobDeps(deps)),
  publicMessage: (error) => (error instanceof ImportFileMissingError ? error.message : undefined),
};

/**
 * The directory's background work: re-tiering after a settings change, CSV imports, and the daily
 * run that applies exchange rates taking effect that day.
 */
export const memberJobs: JobRegistry = {
  runners: [retierRunner, importRunner],
  scheduled: [{ run: 'retier-for-dated-rates', start: retierForDatedRates }],
};
