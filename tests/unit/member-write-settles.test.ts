/**
 * A member write computes the tier from the tier and rate tables it read. If a table is saved while
 * the write is in flight, the re-tier job that change starts may already have passed the member; the
 * write then re-tiers its own member. Fakes stand in for the repositories so the interleaving is exact.
 */
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, PreconditionFailedError } from '../../shared/domain/errors.ts';
import { defaultRateTable } from '../../shared/domain/exchange-rates.ts';
import { seedTierTable, type TierTable } from '../../shared/domain/tiers.ts';
import type { MemberRepository, MemberWrite } from '../../shared/members/member-repository.ts';
import { MemberService } from '../../shared/members/member-service.ts';
import { logger } from '../../shared/observability/logger.ts';

logger.setLogLevel('SILENT');

import type { Settings, SettingsRepository } from '../../shared/settings/settings-repository.ts';

// Micro up to 500 million RUB instead of 120 million: a 300-million company moves from small to micro.
const widerMicro: TierTable = {
  ...seedTierTable,
  tiers: seedTierTable.tiers.map((tier) =>
    tier.name === 'micro'
      ? { ...tier, upperBound: 50_000_000_000 }
      : tier.name === 'small'
        ? { ...tier, lowerBound: 50_000_000_000 }
        : tier,
  ),
};
const settingsAt = (version: number, tiers: TierTable): Settings => ({
  tiers: { value: tiers, version },
  rates: { value: defaultRateTable, version: 1 },
});

function harness(reads: Settings[], writeOutcomes: ('ok' | Error)[] = []) {
  const written: MemberWrite[] = [];
  const settledLater: string[] = [];
  const members = {
    async write(write: MemberWrite) {
      const outcome = writeOutcomes.shift() ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      written.push(write);
    },
  } as unknown as MemberRepository;
  // Each read takes the next state; the last one stays in force.
  const settings = {
    read: async () => (reads.length > 1 ? reads.shift()! : reads[0]!),
  } as unknown as SettingsRepository;
  let id = 0;
  const service = new MemberService({
    members,
    settings,
    clock: () => new Date('2026-06-01T00:00:00Z'),
    newId: () => `01JD5Z7Q8N3V2K4M6P8R0T2X${String(id++).padStart(2, '0')}`,
    settleLater: async (memberId) => {
      settledLater.push(memberId);
    },
  });
  return { service, written, settledLater };
}

const input = {
  name: 'ООО «Гонка»',
  country: 'RU',
  taxId: '7707083893',
  sectors: ['energy' as const],
  interests: [],
  targetMarkets: [],
  languages: ['ru' as const],
  status: 'active' as const,
  offers: [],
  needs: [],
  matchmakingVisible: false,
  contacts: [],
  verifiedRevenue: { amount: 30_000_000_000, currency: 'RUB' as const },
};
const staff = { sub: 'staff-1', role: 'staff' as const };

describe('a member write racing a tier table change', () => {
  it('writes once when the tables did not change', async () => {
    const { service, written } = harness([settingsAt(1, seedTierTable)]);
    const member = await service.create(input, staff);
    expect(member.tier).toBe('small');
    expect(written).toHaveLength(1);
  });

  it('re-tiers its own member, recorded as a retier, when a table was saved in between', async () => {
    const { service, written } = harness([settingsAt(1, seedTierTable), settingsAt(2, widerMicro)]);
    const member = await service.create(input, staff);
    expect(written.map((w) => w.after.tier)).toEqual(['small', 'micro']);
    expect(written[1]!.history).toMatchObject({ action: 'retier', actor: { sub: 'system:retier' } });
    expect(written[1]!.before?.version).toBe(1);
    expect(member.tier).toBe('micro');
  });

  it('answers with the saved member when settling fails, and queues a re-tier of that member', async () => {
    const { service, written, settledLater } = harness(
      [settingsAt(1, seedTierTable), settingsAt(2, widerMicro)],
      ['ok', new DatabaseUnavailableError('throttled')],
    );
    const member = await service.create(input, staff);
    expect(written).toHaveLength(1);
    expect(member).toMatchObject({ tier: 'small', version: 1 });
    expect(settledLater).toEqual([member.id]);
  });

  it('queues nothing when the tables did not change', async () => {
    const { service, settledLater } = harness([settingsAt(1, seedTierTable)]);
    await service.create(input, staff);
    expect(settledLater).toEqual([]);
  });

  it('leaves the member to whoever wrote it since, when the re-tier loses the race', async () => {
    const { service, written } = harness(
      [settingsAt(1, seedTierTable), settingsAt(2, widerMicro)],
      ['ok', new PreconditionFailedError('changed')],
    );
    const member = await service.create(input, staff);
    expect(written).toHaveLength(1);
    expect(member.tier).toBe('small');
  });
});
