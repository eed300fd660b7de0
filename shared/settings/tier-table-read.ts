import type { Database } from '../data/dynamo-client.ts';
import { getItem } from '../data/get-item.ts';
import { tierTableKey } from '../data/keys.ts';
import { seedTierTable, type TierTable, tierTableSchema } from '../domain/tiers.ts';

/**
 * The tier table alone, for a page that only names tiers by their labels: one GetItem, without the
 * rate table and the writes SettingsRepository carries. Never written: the built-in default, as there.
 */
export async function readTierTable(db: Database): Promise<TierTable> {
  const item = await getItem(db, tierTableKey);
  return item ? tierTableSchema.parse(item.value) : seedTierTable;
}
