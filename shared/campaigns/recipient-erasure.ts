import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { memberRecipientsPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';

/**
 * Blanks the address and merge values (company and contact names among them) of every campaign
 * recipient of a member that is being erased; statuses and counts stay, so campaign stats still add
 * up. A member's recipients are one index partition, so no campaign is read. Resolves to the message
 * ids of the emails they were sent, for a runtime that keeps copies to delete them.
 */
export async function eraseMemberRecipients(
  db: Database,
  memberId: string,
): Promise<{ blanked: number; messageIds: string[] }> {
  let blanked = 0;
  const messageIds: string[] = [];
  for await (const { pk, sk, messageId } of queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': memberRecipientsPartition(memberId) },
    ProjectionExpression: 'pk, sk, messageId',
  })) {
    if (typeof messageId === 'string') messageIds.push(messageId);
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: { pk, sk },
          UpdateExpression: 'SET email = :null, #values = :null',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#values': 'values' },
          ExpressionAttributeValues: { ':null': null },
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
    blanked++;
  }
  return { blanked, messageIds };
}
