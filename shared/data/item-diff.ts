import { sameValue } from '../domain/same-value.ts';
import type { Key } from './keys.ts';
import type { TransactLeg } from './transact.ts';

export type StoredItemOf<T = unknown> = Key & Record<string, T>;

export const itemKeyOf = (item: { pk: unknown; sk: unknown }): string => `${item.pk}\u0000${item.sk}`;

const stampOf = (item: Record<string, unknown>) => ({
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  version: item.version,
});

/**
 * The legs that take a company's derived items (contacts, index entries) from what `before` wrote to
 * what `after` writes: a Put for each item that is new or holds something new (its stamps aside: an
 * item that changed only with its company's version is not rewritten), a Delete for each one gone.
 */
export function itemDiffLegs(table: string, before: StoredItemOf[], after: StoredItemOf[]): TransactLeg[] {
  const legs: TransactLeg[] = [];
  const old = new Map(before.map((item) => [itemKeyOf(item), item]));
  for (const item of after) {
    const previous = old.get(itemKeyOf(item));
    old.delete(itemKeyOf(item));
    if (previous && sameValue({ ...previous, ...stampOf(item) }, item)) continue;
    legs.push({ Put: { TableName: table, Item: item } });
  }
  for (const removed of old.values()) {
    legs.push({ Delete: { TableName: table, Key: { pk: removed.pk, sk: removed.sk } } });
  }
  return legs;
}

/**
 * Who holds a uniqueness guard, by the attribute it sets: a member or a partner (a tax id, an email),
 * or a lead (its two companies and topic while it is open).
 */
export interface GuardOwner {
  attribute: 'memberId' | 'partnerId' | 'leadId';
  id: string;
}

/**
 * The legs that move a company's uniqueness guards from `before` to `after`. A guard it claims is put
 * only if no one holds it, or it holds it already (an email moving between two of its contacts), or
 * `takesFrom` does (a partner becoming a member hands its guards over in the same transaction); never
 * over another company's. A guard it releases is deleted only while it still holds it. Each claiming
 * leg comes with its guard, so a caller can tell which field a cancelled transaction tripped on.
 */
export function guardLegs(
  table: string,
  before: StoredItemOf[],
  after: StoredItemOf[],
  owner: GuardOwner,
  takesFrom?: GuardOwner,
): { leg: TransactLeg; claims?: StoredItemOf }[] {
  const legs: { leg: TransactLeg; claims?: StoredItemOf }[] = [];
  const old = new Map(before.map((guard) => [itemKeyOf(guard), guard]));
  const self = { '#owner': owner.attribute };
  for (const guard of after) {
    const previous = old.get(itemKeyOf(guard));
    old.delete(itemKeyOf(guard));
    if (previous && previous.contactId === guard.contactId) continue;
    legs.push({
      claims: guard,
      leg: {
        Put: {
          TableName: table,
          Item: guard,
          ConditionExpression: takesFrom
            ? 'attribute_not_exists(pk) OR #owner = :self OR #from = :from'
            : 'attribute_not_exists(pk) OR #owner = :self',
          ExpressionAttributeNames: takesFrom ? { ...self, '#from': takesFrom.attribute } : self,
          ExpressionAttributeValues: takesFrom
            ? { ':self': owner.id, ':from': takesFrom.id }
            : { ':self': owner.id },
        },
      },
    });
  }
  for (const released of old.values()) {
    legs.push({
      leg: {
        Delete: {
          TableName: table,
          Key: { pk: released.pk, sk: released.sk },
          ConditionExpression: '#owner = :self',
          ExpressionAttributeNames: self,
          ExpressionAttributeValues: { ':self': owner.id },
        },
      },
    });
  }
  return legs;
}
