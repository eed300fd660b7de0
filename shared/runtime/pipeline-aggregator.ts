import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Database } from '../data/dynamo-client.ts';
import type { LeadChange } from '../leads/lead-changes.ts';
import { logger } from '../observability/logger.ts';
import { PipelineAggregates } from '../reports/pipeline-aggregates.ts';
import { toBaseWith } from '../reports/pipeline-consumer.ts';
import type { ToBase } from '../reports/pipeline-lines.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { databaseFromEnvironment } from './environment.ts';

/**
 * The pipeline report's consumer on the table's stream (AWS): each new lead change event (an outbox
 * item the lead's write put) is read back and applied once (PipelineAggregates.apply: a record delivered again
 * finds its event gone and changes nothing). The event source mapping passes only the inserts of
 * outbox items. A record that throws is reported with every record after it (the stream is ordered),
 * so Lambda retries from there; after the mapping's retries it goes to the dead-letter queue, which
 * alarms, and the event stays in the outbox for the next drain or rebuild.
 */
export function pipelineAggregator(db: () => Database) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const database = db();
    const aggregates = new PipelineAggregates(database);
    let toBase: ToBase | undefined;
    for (const record of event.Records) {
      try {
        toBase ??= toBaseWith((await new SettingsRepository(database).read()).rates.value);
        const keys = record.dynamodb?.Keys;
        if (record.eventName !== 'INSERT' || !keys?.pk?.S || !keys.sk?.S) continue;
        // The event as stored now (read, not taken from the image, which would need an unmarshaller
        // the bundle does not otherwise carry): gone means another delivery applied it.
        const { Item } = await db().doc.send(
          new GetCommand({
            TableName: db().tableName,
            Key: { pk: keys.pk.S, sk: keys.sk.S },
            ConsistentRead: true,
          }),
        );
        if (Item) await aggregates.apply(Item as LeadChange, toBase);
      } catch (error) {
        logger.error('lead change not applied', {
          sequence: record.dynamodb?.SequenceNumber,
          error: error as Error,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

/** The pipeline aggregator Lambda handler (the table's stream, outbox inserts only). */
export function pipelineAggregatorHandler() {
  return middy(pipelineAggregator(databaseFromEnvironment)).use(
    injectLambdaContext(logger, { resetKeys: true }),
  );
}
