import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { mapDynamoError } from './dynamo-errors.ts';
import type { Key } from './keys.ts';

/** DynamoDB's limit on the keys of one BatchGetItem. */
const batchGetKeys = 100;

/**
 * Every item of `keys` that exists, in as few BatchGetItem calls as fit, with the keys DynamoDB
 * leaves unprocessed (throttling, the 16 MB limit) asked again after a growing pause, so none is
 * silently missing. `names` maps `#placeholders` of the projection (reserved words such as `status`).
 */
export async function batchGetAll(
  db: Database,
  keys: readonly Key[],
  options: { projection: string; names?: Record<string, string>; consistent?: boolean },
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += batchGetKeys) {
    let request: Key[] = keys.slice(i, i + batchGetKeys);
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      let result: BatchGetCommandOutput;
      try {
        result = await db.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [db.tableName]: {
                Keys: request,
                ProjectionExpression: options.projection,
                ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
                ...(options.consistent ? { ConsistentRead: true } : {}),
              },
            },
          }),
        );
      } catch (error) {
        throw mapDynamoError(error);
      }
      found.push(...(result.Responses?.[db.tableName] ?? []));
      request = (result.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as unknown as Key[];
    }
  }
  return found;
}
