import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { companyEventsPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import { ConflictError } from '../domain/errors.ts';
import { erasedMarker } from '../members/contact-erasure.ts';

/**
 * An erased company's delegates in every event it took part in: their names (copied onto the
 * participation for the counterparts' agendas) become the erasure's marker. Written with raw updates
 * on the items the company's event list finds, so the directory's bundle carries none of the events'
 * schemas. Each update holds only while the participation is at the version read; one that lost a race
 * is read again. Idempotent: an erasure run again finds the marker and writes the same.
 */
export async function eraseEventDelegates(db: Database, companyId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let raced = false;
    for await (const item of queryAll(db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': companyEventsPartition(companyId) },
    })) {
      const participant = item.participant as { version: number; delegates: { name: string }[] };
      if (participant.delegates.every((d) => d.name === erasedMarker)) continue;
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET participant.delegates = :delegates, participant.version = :next',
            ConditionExpression: 'participant.version = :read',
            ExpressionAttributeValues: {
              ':delegates': participant.delegates.map((d) => ({ ...d, name: erasedMarker })),
              ':read': participant.version,
              ':next': participant.version + 1,
            },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw mapDynamoError(error);
        raced = true;
      }
    }
    if (!raced) return;
    // The company's event list (an index) may not show a participation's latest version yet.
    await sleep(100 * attempt);
    if (attempt >= 5)
      throw new ConflictError('The company’s event participations kept changing; erase it again.');
  }
}
