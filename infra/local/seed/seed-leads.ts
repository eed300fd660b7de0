import { CampaignRepository } from '../../../shared/campaigns/campaign-repository.ts';
import type { Campaign } from '../../../shared/campaigns/campaign-schema.ts';
import { RecipientRepository } from '../../../shared/campaigns/recipient-repository.ts';
import { forEachBounded } from '../../../shared/concurrency/for-each-bounded.ts';
import { StaffRoster } from '../../../shared/console/staff-roster.ts';
import type { Database } from '../../../shared/data/dynamo-client.ts';
import type { LastKey } from '../../../shared/data/prefix-search.ts';
import { ConflictError, ValidationError } from '../../../shared/domain/errors.ts';
import type { Member } from '../../../shared/domain/member-schema.ts';
import type { Partner } from '../../../shared/domain/partner-schema.ts';
import { leadChangeItem } from '../../../shared/leads/lead-changes.ts';
import { leadGuardItems, leadIndexItems } from '../../../shared/leads/lead-items.ts';
import { LeadRepository } from '../../../shared/leads/lead-repository.ts';
import { PartnerRepository } from '../../../shared/partners/partner-repository.ts';
import { drainLeadChanges } from '../../../shared/reports/pipeline-consumer.ts';
import { SettingsRepository } from '../../../shared/settings/settings-repository.ts';
import { type DemoCampaignReach, demoStaff, demoStaffNames, generateDemoLeads } from './demo-leads.ts';

/** Lead writes in flight: DynamoDB Local serialises its writes, so more than two only queue up. */
const concurrency = 2;

/**
 * Writes the demo's partnership leads (one per ten members), each once, at its final stage, with its
 * whole timeline in the one transaction the API writes a lead with. The other side is a demo partner
 * as written (read back, so one a user's tax id kept out is never named) or a second demo member; a
 * campaign's leads name a member contact the campaign reached. A lead already written (a seed run
 * again) is left as it is; one whose two companies and topic a user's open lead already holds (or
 * whose currency an admin took out of the rate table meanwhile) is left out. Last, the change events
 * the writes left in the outbox are applied to the pipeline report, so it shows the demo at once.
 */
export async function seedDemoLeads(
  db: Database,
  options: {
    seed: number;
    count: number;
    now: Date;
    /** The demo members as written. */
    members: readonly Member[];
    /** Whether an id is one the seed drew for its campaigns: those are the demo's. */
    isDemoCampaign: (id: string) => boolean;
    newId: () => string;
  },
): Promise<{ leads: number; items: number; skipped: number }> {
  const [partners, campaigns, settings] = await Promise.all([
    demoPartners(db, options.now),
    campaignReach(db, options.isDemoCampaign),
    new SettingsRepository(db).read(),
  ]);
  const drafts = generateDemoLeads({
    seed: options.seed,
    count: options.count,
    now: options.now,
    members: options.members,
    partners,
    campaigns,
    rates: settings.rates.value,
    newId: options.newId,
  });
  const leads = new LeadRepository(db);
  const result = { leads: 0, items: 0, skipped: 0 };
  // The staff who own and work the leads, by name in the console.
  const roster = new StaffRoster(db);
  for (const sub of demoStaff) {
    await roster.record({
      sub,
      name: demoStaffNames[sub],
      role: 'staff',
      signedInAt: options.now.toISOString(),
    });
    result.items++;
  }
  await forEachBounded(drafts, concurrency, async ({ lead, entries }) => {
    try {
      await leads.write({ before: undefined, after: lead, entries });
      result.leads++;
      // The lead, its timeline, its guard while open, its index items and its change event.
      result.items +=
        1 +
        entries.length +
        leadGuardItems(lead).length +
        leadIndexItems(lead).length +
        (leadChangeItem(undefined, lead, entries) ? 1 : 0);
    } catch (error) {
      // A currency without a rate in force: the rate table changed since it was read.
      if (error instanceof ValidationError) {
        result.skipped++;
        return;
      }
      if (!(error instanceof ConflictError)) throw error;
      // No field: a lead of this id exists, written by an earlier run. `topic`: a user's open lead.
      if (error.field !== undefined) result.skipped++;
    }
  });
  await drainLeadChanges(db);
  return result;
}

/** The partners the seed wrote (created at the demo's "today"), read back with their contacts. */
export async function demoPartners(db: Database, now: Date): Promise<Partner[]> {
  const repository = new PartnerRepository(db);
  const ids: string[] = [];
  let startKey: LastKey | undefined;
  do {
    const page = await repository.listByFacet({ facet: 'all', value: 'partners', limit: 500, startKey });
    ids.push(...page.items.map((p) => p.id));
    startKey = page.lastKey;
  } while (startKey);
  const partners: Partner[] = [];
  // Reads do not queue behind one another as writes do.
  await forEachBounded(ids, 8, async (id) => {
    const partner = await repository.get(id);
    if (partner && partner.createdAt === now.toISOString()) partners.push(partner);
  });
  return partners;
}

/** The demo's sent campaigns, each with the member contacts it was delivered to. */
async function campaignReach(
  db: Database,
  isDemoCampaign: (id: string) => boolean,
): Promise<DemoCampaignReach[]> {
  const found: Campaign[] = [];
  let startKey: LastKey | undefined;
  do {
    const page = await new CampaignRepository(db).list(100, startKey);
    found.push(...page.items.filter((c) => c.state === 'sent' && isDemoCampaign(c.id)));
    startKey = page.lastKey;
  } while (startKey);
  const recipients = new RecipientRepository(db);
  const reach: DemoCampaignReach[] = [];
  for (const campaign of found) {
    const reached: { memberId: string; contactId: string }[] = [];
    let from: LastKey | undefined;
    do {
      const page = await recipients.page(campaign.id, 1000, from);
      for (const r of page.items) {
        if (r.companyKind === 'member' && (r.status === 'delivered' || r.status === 'sent')) {
          reached.push({ memberId: r.memberId, contactId: r.contactId });
        }
      }
      from = page.lastKey;
    } while (from);
    reach.push({
      id: campaign.id,
      sentAt: campaign.sendAt ?? campaign.updatedAt,
      targetMarkets: campaign.targetMarkets,
      recipients: reached,
    });
  }
  return reach;
}
