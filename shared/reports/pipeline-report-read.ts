import type { Database } from '../data/dynamo-client.ts';
import { ValidationError } from '../domain/errors.ts';
import { MissingExchangeRateError } from '../domain/exchange-rates.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { PipelineAggregates } from './pipeline-aggregates.ts';
import { buildPipelineReport, type PipelineReport } from './pipeline-report.ts';

/**
 * The pipeline report on `asOf` (a date; default today), for the API and the console alike: the
 * aggregate lines (one Query) and the rates. A currency without a rate in force then is the caller's to
 * fix (a 422 on `asOf`).
 */
export async function readPipelineReport(
  deps: { db: Database; clock: () => Date },
  asOf?: string,
): Promise<PipelineReport> {
  const { db } = deps;
  const at = asOf ? new Date(`${asOf}T00:00:00.000Z`) : deps.clock();
  const [lines, settings] = await Promise.all([
    new PipelineAggregates(db).lines(),
    new SettingsRepository(db).read(),
  ]);
  try {
    return buildPipelineReport(lines, settings.rates.value, at);
  } catch (error) {
    if (!(error instanceof MissingExchangeRateError)) throw error;
    throw new ValidationError([{ path: 'asOf', message: `${error.message}; the report cannot convert it.` }]);
  }
}
