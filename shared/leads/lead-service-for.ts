import type { Database } from '../data/dynamo-client.ts';
import { eventExists } from '../events/event-exists.ts';
import { type MemberReads, memberReads } from '../members/member-read.ts';
import { type PartnerReads, partnerReads } from '../partners/partner-read.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { CampaignTrace } from './campaign-trace.ts';
import { LeadRepository } from './lead-repository.ts';
import { LeadService } from './lead-service.ts';

/**
 * The lead use cases as every context wires them (the partnerships routes, the events' outcomes):
 * rates from the settings, campaigns and events checked where a source names one, and the report's
 * consumer told of each write where no stream runs it. Members and partners are only read here, and
 * an event only checked (event-exists.ts): a context that does not write them bundles none of their
 * repositories for it.
 */
export function leadServiceFor(deps: {
  db: Database;
  clock: () => Date;
  newId: () => string;
  leadChanges?: { written(): void } | undefined;
  leads?: LeadRepository;
  members?: MemberReads;
  partners?: PartnerReads;
}): LeadService {
  const settings = new SettingsRepository(deps.db);
  const { leadChanges, db } = deps;
  return new LeadService({
    leads: deps.leads ?? new LeadRepository(db),
    members: deps.members ?? memberReads(db),
    partners: deps.partners ?? partnerReads(db),
    campaigns: new CampaignTrace(db),
    events: { exists: (id) => eventExists(db, id) },
    rates: async () => (await settings.read()).rates.value,
    clock: deps.clock,
    newId: deps.newId,
    ...(leadChanges ? { written: () => leadChanges.written() } : {}),
  });
}
