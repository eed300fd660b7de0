import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { suppressionKey } from '../data/keys.ts';
import type { EmailHasher } from '../domain/email-hash.ts';

/** Why an address is on the suppression list: it gets no mail of any kind again. */
export type SuppressionReason = 'erased' | 'bounced' | 'complained';

/**
 * Puts an address on the suppression list (its keyed hash only, never the address). Putting it again
 * changes nothing that matters: the entry says the address is suppressed, and why it was last.
 */
export async function suppress(
  db: Database,
  hasher: EmailHasher,
  email: string,
  reason: SuppressionReason,
  at: string,
): Promise<void> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...suppressionKey(hasher.hash(email)), type: 'suppression', reason, at },
      }),
    );
  } catch (error) {
    throw mapDynamoError(error);
  }
}

/** Whether the list holds the address: transactional mail checks this and nothing else. */
export async function isSuppressed(db: Database, hasher: EmailHasher, email: string): Promise<boolean> {
  try {
    const result = await db.doc.send(
      new GetCommand({
        TableName: db.tableName,
        Key: suppressionKey(hasher.hash(email)),
        ProjectionExpression: 'pk',
      }),
    );
    return result.Item !== undefined;
  } catch (error) {
    throw mapDynamoError(error);
  }
}
