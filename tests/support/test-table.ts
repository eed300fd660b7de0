import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTableIfMissing } from '../../infra/local/create-table.ts';
import { createDatabase, type Database } from '../../shared/data/dynamo-client.ts';

export function localClient(endpoint = inject('dynamoEndpoint')): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A fresh table with the production definition, for one test file. */
export async function createTestTable(): Promise<{
  db: Database;
  tableName: string;
  drop: () => Promise<void>;
}> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID()}`;
  const client = localClient(endpoint);
  await createTableIfMissing(client, tableName);
  return {
    db: createDatabase({ tableName, endpoint }),
    tableName,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
}

/** Every item of a test's table, read with Scan (tests may; request paths never do). */
export async function scanAll(db: Database): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
