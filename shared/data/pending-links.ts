import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Language, languages } from '../domain/languages.ts';
import type { Database } from './dynamo-client.ts';
import { mapDynamoError } from './dynamo-errors.ts';
import type { Key } from './keys.ts';
import { queryAll } from './query-all.ts';

/** What every pending single-use link stores (security/link-token.ts): never the secret itself. */
export interface PendingLink {
  email: string;
  language: Language;
  secretHash: string;
  validUntil: string;
}

/** The pending link at `key` (read strongly), with the item's other attributes; undefined if none. */
export async function readPendingLink(
  db: Database,
  key: Key,
): Promise<(PendingLink & { item: Record<string, unknown> }) | undefined> {
  try {
    const result = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
    );
    const item = result.Item;
    if (!item || typeof item.secretHash !== 'string') return undefined;
    return {
      email: String(item.email),
      language: (languages as readonly string[]).includes(String(item.language))
        ? (item.language as Language)
        : 'en',
      secretHash: item.secretHash,
      validUntil: String(item.validUntil),
      item,
    };
  } catch (error) {
    throw mapDynamoError(error);
  }
}

/** Replaces the pending link at `key` (the older one stops working); DynamoDB's TTL removes it a day after it expired. */
export async function writePendingLink(
  db: Database,
  key: Key,
  type: string,
  link: PendingLink,
): Promise<void> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...key,
          type,
          ...link,
          expiresAt: Math.floor((Date.parse(link.validUntil) + 24 * 3600 * 1000) / 1000),
        },
      }),
    );
  } catch (error) {
    throw mapDynamoError(error);
  }
}

/**
 * Deletes every item of a partition (a member's pending links, accounts and counts, at its erasure),
 * so links of contacts removed before the erasure go too, not only those of its contacts now.
 */
export async function deletePartition(db: Database, pk: string): Promise<number> {
  let deleted = 0;
  for await (const { sk } of queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ProjectionExpression: 'sk',
  })) {
    try {
      await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: { pk, sk } }));
    } catch (error) {
      throw mapDynamoError(error);
    }
    deleted++;
  }
  return deleted;
}
