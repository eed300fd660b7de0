import { describe, expect, it } from 'vitest';
import { defaultRateTable, rateTableSchema } from '../../shared/domain/exchange-rates.ts';
import { seedTierTable, tierTableSchema } from '../../shared/domain/tiers.ts';

/** The seed tables are literals, not parsed when their module loads: here they are, once. */
describe('the seed tier and rate tables', () => {
  it('are valid tables, exactly as the schemas would give them back', () => {
    expect(tierTableSchema.parse(seedTierTable)).toEqual(seedTierTable);
    expect(rateTableSchema.parse(defaultRateTable)).toEqual(defaultRateTable);
  });

  it('are frozen, so no caller can change them for the rest of the process', () => {
    expect(Object.isFrozen(seedTierTable.tiers[0]!.annualDues)).toBe(true);
    expect(Object.isFrozen(defaultRateTable.rates)).toBe(true);
  });
});
