import type { Database } from '../data/dynamo-client.ts';
import { memberRecipientsPartition } from '../data/keys.ts';
import type { LastKey } from '../data/prefix-search.ts';
import { queryPage } from '../data/query-all.ts';
import { type CampaignName, campaignNames } from './campaign-names.ts';
import type { Recipient } from './recipient.ts';
import { recipientOf } from './recipient-repository.ts';

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
  const byId = await campaignNames(
    db,
    recipients.map((r) => r.campaignId),
  );
  return {
    items: recipients.map((recipient) => ({ recipient, campaign: byId.get(recipient.campaignId) })),
    ...(found.lastKey ? { lastKey: found.lastKey } : {}),
  };
}
