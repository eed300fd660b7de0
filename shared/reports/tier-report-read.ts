import { ValidationError } from '../domain/errors.ts';
import { MissingExchangeRateError } from '../domain/exchange-rates.ts';
import type { Currency } from '../domain/money.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { buildTierReport, type TierAggregate, type TierReport } from './tier-report.ts';

/**
 * The tier report as it stands now, for the API and the console alike: the current table and rates,
 * the aggregate items, figures in the table currency or in `currency`. A requested currency without
 * a rate in force is the caller's to fix (a 422 on `currency`).
 */
export async function readTierReport(
  deps: {
    settings: Pick<SettingsRepository, 'read'>;
    members: { tierAggregates(): Promise<TierAggregate[]> };
    clock: () => Date;
  },
  currency?: Currency,
): Promise<TierReport & { asOf: string }> {
  const [current, aggregates] = await Promise.all([deps.settings.read(), deps.members.tierAggregates()]);
  const at = deps.clock();
  try {
    const report = buildTierReport(current.tiers.value, aggregates, {
      rates: current.rates.value,
      at,
      ...(currency ? { currency } : {}),
    });
    return { ...report, asOf: at.toISOString() };
  } catch (error) {
    // Only a requested currency needs a rate: the table currency is reported as it is stored.
    if (error instanceof MissingExchangeRateError) {
      throw new ValidationError(
        [{ path: 'currency', message: error.message }],
        'Cannot report in this currency.',
      );
    }
    throw error;
  }
}
