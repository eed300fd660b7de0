import { CampaignRepository } from './campaign-repository.ts';
import { RecipientRepository } from './recipient-repository.ts';
import { settleExpiredClaim } from './sender.ts';
import type { SendingDeps } from './sending-deps.ts';

/** How often the sweep runs: a claim lasts 10 minutes, so none stays unsettled much past its expiry. */
export const claimSweepIntervalMs = 15 * 60 * 1000;

/**
 * Makes `unknown` every recipient whose claim expired unrecorded, where no redelivered message comes
 * to notice it (the sender's worker died and the queue gave up, or the message was lost): one Query
 * per claims shard, then the same conditional move a redelivery would make. Resolves to how many it
 * settled. Safe to run anywhere, any number of times.
 */
export async function sweepExpiredClaims(deps: SendingDeps): Promise<number> {
  const recipients = new RecipientRepository(deps.db);
  const campaigns = new CampaignRepository(deps.db);
  let settled = 0;
  for await (const claim of recipients.expiredClaims(deps.clock())) {
    const recipient = await recipients.get(claim.campaignId, claim.contactId);
    if (recipient?.status !== 'claimed') continue;
    if (await settleExpiredClaim(recipient, deps, recipients, campaigns)) settled++;
  }
  return settled;
}
