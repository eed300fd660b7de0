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

/**
 * One page of a Query: at most `Limit` items, and the key to resume after them (undefined on the last
 * page). DynamoDB returns a key whenever it stops at `Limit`, even where the Query ends there, which
 * would make a last page exactly `Limit` long lead to an empty one; so one item more is read, and the
 * page ends with a key only if that item exists. Not with a filter (`Limit` counts the items read, not
 * those kept) or a projection (the key is built from the last item's key attributes): those pages
 * resume where DynamoDB stopped.
 */
export async function queryPage(
  db: Database,
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  const limit = input.Limit;
  const peek = limit !== undefined && limit > 0 && !input.FilterExpression && !input.ProjectionExpression;
  let result: QueryCommandOutput;
  try {
    result = await db.doc.send(
      new QueryCommand({ TableName: db.tableName, ...input, ...(peek ? { Limit: limit + 1 } : {}) }),
    );
  } catch (error) {
    throw mapDynamoError(error);
  }
  const items = result.Items ?? [];
  if (peek && items.length > limit) {
    const page = items.slice(0, limit);
    return { items: page, lastKey: keyOf(page.at(-1)!, input.IndexName) };
  }
  return { items, lastKey: result.LastEvaluatedKey };
}

/**
 * The key DynamoDB would resume after `item` with: the table's, and the index's where one is read (its
 * key attributes are `<index>pk` and `<index>sk`, table-definition.ts).
 */
function keyOf(item: Record<string, unknown>, index: string | undefined): Record<string, unknown> {
  const names = index ? ['pk', 'sk', `${index}pk`, `${index}sk`] : ['pk', 'sk'];
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}
