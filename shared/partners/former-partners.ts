import { batchPut } from '../data/batch-write.ts';
import type { Database } from '../data/dynamo-client.ts';
import { formerPartnersPartition, partnerHistoryPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import { erasedMarker } from '../members/contact-erasure.ts';
import { tombstoned } from '../members/history-tombstones.ts';
import type { FieldChange } from '../members/member-changes.ts';

/**
 * What a member that was a partner must erase beyond its own records: the partner's history (its
 * create and join entries hold the contacts' names and addresses) and the partner's campaign
 * recipients. Read and rewritten as bare items, so the directory function does not bundle the partner
 * schemas for it.
 */
export async function formerPartnerIds(db: Database, memberId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': formerPartnersPartition(memberId) },
  })) {
    ids.push(String(item.partnerId));
  }
  return ids;
}

/** Tombstones every contact value in the partner's history, as bare items; idempotent. */
export async function tombstonePartnerHistory(db: Database, partnerId: string): Promise<number> {
  const entries: (Record<string, unknown> & { changes: FieldChange[] })[] = [];
  for await (const item of queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partnerHistoryPartition(partnerId) },
    ConsistentRead: true,
  })) {
    entries.push(item as Record<string, unknown> & { changes: FieldChange[] });
  }
  const rewritten = tombstoned(entries, 'all', erasedMarker);
  await batchPut(db, rewritten);
  return rewritten.length;
}
