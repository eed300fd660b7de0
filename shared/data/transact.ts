import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { isTransactionConflict, mapDynamoError } from './dynamo-errors.ts';

export type TransactLeg = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the items of one transaction. */
export const maxTransactionItems = 100;

/**
 * Runs one all-or-nothing transaction. A transaction that lost a race with another one (DynamoDB
 * cancels it with `TransactionConflict`, typically on a shared aggregate item) is retried whole with
 * jittered backoff; its conditions are evaluated afresh each time, so a retry never overrides a
 * concurrent change. A condition failure is returned to the caller to interpret, leg by leg.
 */
export async function transactWrite(db: Database, legs: TransactLeg[], attempts = 8): Promise<void> {
  if (legs.length > maxTransactionItems) {
    throw new RangeError(`A transaction holds at most ${maxTransactionItems} items; got ${legs.length}.`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: legs }));
      return;
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= attempts) throw mapDynamoError(error);
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
