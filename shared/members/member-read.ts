import type { Database } from '../data/dynamo-client.ts';
import { memberPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import type { Member } from '../domain/member-schema.ts';
import { memberFromItems, type StoredItem } from './member-items.ts';
import { decoded } from './stored-item-error.ts';

/** Reading a member, for code that never writes one (the events, the leads): MemberRepository's `get`. */
export interface MemberReads {
  get(id: string, options?: { consistent?: boolean }): Promise<Member | undefined>;
}

/**
 * A member whole, from one Query of its partition: what MemberRepository.get returns (it calls this).
 * Apart from the repository so that a function that only reads members bundles none of its writes, nor
 * the name search keys they compute (transliteration's table alone is ~32 KB).
 */
export async function readMember(
  db: Database,
  id: string,
  options: { consistent?: boolean } = {},
): Promise<Member | undefined> {
  const items: StoredItem[] = [];
  for await (const item of queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': memberPartition(id) },
    ...(options.consistent ? { ConsistentRead: true } : {}),
  })) {
    items.push(item);
  }
  return decoded(() => memberFromItems(items));
}

export function memberReads(db: Database): MemberReads {
  return { get: (id, options) => readMember(db, id, options) };
}
