import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors.ts';
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
    // The request is valid but too big to apply atomically; nothing has been written.
    throw new ValidationError(
      [
        {
          path: '(body)',
          message: `This change writes ${legs.length} items; one write holds at most ${maxTransactionItems}.`,
        },
      ],
      'The change is too large to apply at once: send fewer contacts, sectors or interests per request.',
    );
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
