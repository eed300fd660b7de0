import { logger } from '../observability/logger.ts';
import { readTierTable } from '../settings/settings-repository.ts';
import { AudienceRepository } from './audience-repository.ts';
import { type Resolved, resolveAudience } from './audience-resolution.ts';
import { CampaignRepository } from './campaign-repository.ts';
import { mergeValuesOf, type TierNames } from './merge-values.ts';
import type { Recipient } from './recipient.ts';
import { hasPending } from './recipient.ts';
import { RecipientRepository } from './recipient-repository.ts';
import { enqueueQueued, type SendingDeps } from './sending-deps.ts';

/** How early a scheduler may fire and still count as on time (timers and schedules are not exact). */
const earlyToleranceMs = 1000;

/**
 * Starts sending a scheduled campaign whose time has come: moves it to `sending`, writes one recipient
 * per contact of its audience (those left out with their reason), and hands the queued ones to the
 * sender. Running it again (a redelivered schedule, a crash half way) creates no recipient twice and
 * re-enqueues only those still queued; a campaign paused, cancelled or sent meanwhile is left alone.
 */
export async function dispatchCampaign(campaignId: string, deps: SendingDeps): Promise<void> {
  const campaigns = new CampaignRepository(deps.db);
  const recipients = new RecipientRepository(deps.db);
  let campaign = await campaigns.get(campaignId);
  if (!campaign) return;
  const now = deps.clock();
  if (campaign.state === 'scheduled') {
    if (campaign.sendAt && Date.parse(campaign.sendAt) - now.getTime() > earlyToleranceMs) return;
    campaign = await campaigns.move(campaignId, ['scheduled'], 'sending', now);
  }
  if (campaign.state !== 'sending') return;

  // The tier table once per run, for every recipient's `{{tier}}` (merge-values.ts).
  const hasher = await deps.suppression();
  const [resolved, tierTable] = await Promise.all([
    resolveAudience(campaign, new AudienceRepository(deps.db), hasher),
    readTierTable(deps.db),
  ]);
  const records = recipientsOf(campaignId, resolved, now, tierTable.tiers);
  const added = await recipients.addNew(records);
  const enqueued = await enqueueQueued(recipients, deps.sendQueue, campaignId);
  logger.info('campaign dispatched', { campaignId, recipients: records.length, added, enqueued });
  await completeIfDone(campaignId, deps, recipients, campaigns);
}

/**
 * One recipient per resolved contact: queued with its language and its merge values as of now, in
 * that language (`tiers` names its tier), or excluded with the reason.
 */
export function recipientsOf(
  campaignId: string,
  resolved: readonly Resolved[],
  now: Date,
  tiers: TierNames,
): Recipient[] {
  const at = now.toISOString();
  return resolved.map((r) => ({
    campaignId,
    contactId: r.entry.contactId,
    companyKind: r.entry.companyKind,
    memberId: r.entry.memberId,
    email: r.entry.email,
    language: 'language' in r ? r.language : null,
    status: 'language' in r ? 'queued' : 'excluded',
    reason: 'excluded' in r ? r.excluded : null,
    values:
      'language' in r ? { ...mergeValuesOf(r.entry, r.language, tiers), countryCode: r.entry.country } : null,
    claimedUntil: null,
    messageId: null,
    sentAt: null,
    releasedAt: null,
    createdAt: at,
    updatedAt: at,
  }));
}

/** `sending → sent` once no recipient is queued or claimed; a lost race to do it is fine. */
export async function completeIfDone(
  campaignId: string,
  deps: Pick<SendingDeps, 'clock'>,
  recipients: RecipientRepository,
  campaigns: CampaignRepository,
): Promise<void> {
  if (hasPending(await recipients.counts(campaignId))) return;
  const campaign = await campaigns.get(campaignId);
  if (campaign?.state !== 'sending') return;
  try {
    await campaigns.move(campaignId, ['sending'], 'sent', deps.clock());
  } catch (error) {
    if ((await campaigns.get(campaignId))?.state === 'sending') throw error;
  }
}
