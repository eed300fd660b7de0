import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { forEachBounded } from '../concurrency/for-each-bounded.ts';
import { DatabaseUnavailableError } from '../domain/errors.ts';
import type { Database } from './dynamo-client.ts';
import { mapDynamoError } from './dynamo-errors.ts';

/** DynamoDB's limit on the requests of one BatchWriteItem call. */
const batchSize = 25;

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/** Re-sends of what DynamoDB left unprocessed before the caller is told the database is too busy. */
const maxAttempts = 8;

async function writeBatch(db: Database, batch: WriteRequest[]): Promise<void> {
  let requests = batch;
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt === maxAttempts) {
      throw new DatabaseUnavailableError('The database kept throttling the batch; try again shortly.');
    }
    if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
    try {
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
      requests = (result.UnprocessedItems?.[db.tableName] ?? []) as WriteRequest[];
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}

async function writeAll(
  db: Database,
  requests: WriteRequest[],
  options: { concurrency?: number; onProgress?: (written: number) => void },
): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += batchSize) {
    batches.push(requests.slice(start, start + batchSize));
  }
  let written = 0;
  await forEachBounded(batches, options.concurrency ?? 1, async (batch) => {
    await writeBatch(db, batch);
    written += batch.length;
    options.onProgress?.(written);
  });
}

/**
 * Puts many independent items, 25 per call and `concurrency` calls in flight, re-sending what
 * DynamoDB leaves unprocessed (throttled) with backoff until all are written. For items that need no
 * condition and no shared transaction: seeding, history rewrites.
 */
export function batchPut(
  db: Database,
  items: Record<string, unknown>[],
  options: { concurrency?: number; onProgress?: (written: number) => void } = {},
): Promise<void> {
  return writeAll(
    db,
    items.map((Item) => ({ PutRequest: { Item } })),
    options,
  );
}

/** Deletes many items by key, in the same way: for items no other write depends on (a job's file). */
export function batchDelete(
  db: Database,
  keys: Record<string, unknown>[],
  options: { concurrency?: number } = {},
): Promise<void> {
  return writeAll(
    db,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
    options,
  );
}
