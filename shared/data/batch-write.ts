import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { mapDynamoError } from './dynamo-errors.ts';

/** DynamoDB's limit on the requests of one BatchWriteItem call. */
const batchSize = 25;

/**
 * Puts many independent items, 25 per call, re-sending what DynamoDB leaves unprocessed (throttled)
 * with backoff until all are written. For items that need no condition and no shared transaction:
 * seeding, history rewrites, job output.
 */
export async function batchPut(
  db: Database,
  items: Record<string, unknown>[],
  onProgress?: (written: number) => void,
) {
  let written = 0;
  for (let start = 0; start < items.length; start += batchSize) {
    let requests = items.slice(start, start + batchSize).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      try {
        const result = await db.doc.send(
          new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
      } catch (error) {
        throw mapDynamoError(error);
      }
    }
    written += Math.min(batchSize, items.length - start);
    onProgress?.(written);
  }
}
