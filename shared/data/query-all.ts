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
