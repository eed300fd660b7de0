import type { Database } from '../data/dynamo-client.ts';
import { partnerPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import type { Partner } from '../domain/partner-schema.ts';
import type { StoredItem } from '../members/member-items.ts';
import { decoded } from '../members/stored-item-error.ts';
import { partnerFromItems } from './partner-items.ts';

/** Reading a partner, for code that never writes one (the events, the leads): PartnerRepository's `get`. */
export interface PartnerReads {
  get(id: string, options?: { consistent?: boolean }): Promise<Partner | undefined>;
}

/**
 * A partner whole, from one Query of its partition: what PartnerRepository.get returns (it calls this).
 * Apart from the repository so that a function that only reads partners bundles none of its writes,
 * nor the name search keys they compute (transliteration's table alone is ~32 KB).
 */
export async function readPartner(
  db: Database,
  id: string,
  options: { consistent?: boolean } = {},
): Promise<Partner | undefined> {
  const items: StoredItem[] = [];
  for await (const item of queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partnerPartition(id) },
    ...(options.consistent ? { ConsistentRead: true } : {}),
  })) {
    items.push(item);
  }
  return decoded(() => partnerFromItems(items));
}

export function partnerReads(db: Database): PartnerReads {
  return { get: (id, options) => readPartner(db, id, options) };
}
