import type { Database } from '../data/dynamo-client.ts';
import { EventRepository } from '../events/event-repository.ts';
import { MemberRepository } from '../members/member-repository.ts';
import { PartnerRepository } from '../partners/partner-repository.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { CampaignTrace } from './campaign-trace.ts';
import { LeadRepository } from './lead-repository.ts';
import { LeadService } from './lead-service.ts';

/**
 * The lead use cases as every context wires them (the partnerships routes, the events' outcomes):
 * rates from the settings, campaigns and events checked where a source names one, and the report's
 * consumer told of each write where no stream runs it.
 */
export function leadServiceFor(deps: {
  db: Database;
  clock: () => Date;
  newId: () => string;
  leadChanges?: { written(): void } | undefined;
  leads?: LeadRepository;
  members?: MemberRepository;
  partners?: PartnerRepository;
}): LeadService {
  const settings = new SettingsRepository(deps.db);
  const { leadChanges } = deps;
  return new LeadService({
    leads: deps.leads ?? new LeadRepository(deps.db),
    members: deps.members ?? new MemberRepository(deps.db),
    partners: deps.partners ?? new PartnerRepository(deps.db),
    campaigns: new CampaignTrace(deps.db),
    events: new EventRepository(deps.db),
    rates: async () => (await settings.read()).rates.value,
    clock: deps.clock,
    newId: deps.newId,
    ...(leadChanges ? { written: () => leadChanges.written() } : {}),
  });
}
