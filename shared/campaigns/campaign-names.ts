import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import { campaignKey } from '../data/keys.ts';
import type { CampaignState } from './campaign-state.ts';

/** A campaign as a list that cites it names it: what a company received, what brought a lead. */
export interface CampaignName {
  id: string;
  name: string;
  state: CampaignState;
}

/**
 * The campaigns' names as they are now, by id, in one batch read of only those attributes. A campaign
 * deleted since (only drafts are) is missing from the map.
 */
export async function campaignNames(
  db: Database,
  ids: readonly string[],
): Promise<ReadonlyMap<string, CampaignName>> {
  const campaigns = await batchGetAll(
    db,
    [...new Set(ids)].map((id) => campaignKey(id)),
    { projection: 'id, #name, #state', names: { '#name': 'name', '#state': 'state' } },
  );
  return new Map(campaigns.map((c) => [String(c.id), c as unknown as CampaignName]));
}
