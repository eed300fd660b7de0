import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import { campaignKey, memberRecipientsPartition } from '../data/keys.ts';
import type { LastKey } from '../data/prefix-search.ts';
import { queryPage } from '../data/query-all.ts';
import type { CampaignState } from './campaign-state.ts';
import type { Recipient } from './recipient.ts';
import { recipientOf } from './recipient-repository.ts';

/** A campaign as a list of what one company received names it. */
export interface CampaignName {
  id: string;
  name: string;
  state: CampaignState;
}

/**
 * What a company's contacts received, the newest campaign first: one Query of its recipients index
 * partition (campaign ids are ULIDs, so their order is the campaigns'), and one batch read of the
 * campaigns' names as they are now. A campaign deleted since (only drafts are, and drafts have no
 * recipients) would leave its recipients without a name.
 */
export async function memberCampaigns(
  db: Database,
  companyId: string,
  page: { limit: number; startKey?: LastKey | undefined },
): Promise<{ items: { recipient: Recipient; campaign: CampaignName | undefined }[]; lastKey?: LastKey }> {
  const found = await queryPage(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': memberRecipientsPartition(companyId) },
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  const recipients = found.items.map(recipientOf);
  const ids = [...new Set(recipients.map((r) => r.campaignId))];
  const campaigns = await batchGetAll(
    db,
    ids.map((id) => campaignKey(id)),
    { projection: 'id, #name, #state', names: { '#name': 'name', '#state': 'state' } },
  );
  const byId = new Map(campaigns.map((c) => [String(c.id), c as unknown as CampaignName]));
  return {
    items: recipients.map((recipient) => ({ recipient, campaign: byId.get(recipient.campaignId) })),
    ...(found.lastKey ? { lastKey: found.lastKey } : {}),
  };
}
