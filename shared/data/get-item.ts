import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { mapDynamoError } from './dynamo-errors.ts';
import type { Key } from './keys.ts';

/** One item by its key, read consistently; the table's failures as the domain's errors. */
export async function getItem(db: Database, key: Key): Promise<Record<string, unknown> | undefined> {
  try {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  } catch (error) {
    throw mapDynamoError(error);
  }
}
