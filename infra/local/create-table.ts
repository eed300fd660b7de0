import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { keyAttributeNames, tableDefinition } from '../../shared/data/table-definition.ts';

/** Creates the table from the shared definition unless it exists; safe to call on every start. */
export async function createTableIfMissing(
  client: DynamoDBClient,
  tableName: string,
): Promise<'created' | 'existed'> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: tableDefinition.billingMode,
        AttributeDefinitions: keyAttributeNames().map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        // No stream here: nothing on this machine reads one yet, and DynamoDB Local writes a stream
        // record (both images) beside every item, ~1.2x the seed's time. A local change-event consumer
        // turns it on with `tableDefinition.stream`, as the CDK stack does.
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'existed';
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: tableDefinition.timeToLiveAttribute },
    }),
  );
  return 'created';
}
