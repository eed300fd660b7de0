import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { mapDynamoError } from './dynamo-errors.ts';

/** Every item a Query matches, page after page, with DynamoDB's errors mapped to the domain's. */
export async function* queryAll(
  db: Database,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    let page: QueryCommandOutput;
    try {
      page = await db.doc.send(
        new QueryCommand({ TableName: db.tableName, ...input, ExclusiveStartKey: startKey }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** One page of a Query: its items and the key to resume after them (undefined on the last page). */
export async function queryPage(
  db: Database,
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  try {
    const result = await db.doc.send(new QueryCommand({ TableName: db.tableName, ...input }));
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
  } catch (error) {
    throw mapDynamoError(error);
  }
}
