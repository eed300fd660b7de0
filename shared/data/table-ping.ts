import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { tierTableKey } from './keys.ts';

/**
 * One cheap read of a known key (the tier table's item, projected to its key): proof the table answers,
 * for the health check. Throws whatever the read throws.
 */
export async function pingTable(db: Database): Promise<void> {
  await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: tierTableKey, ProjectionExpression: 'pk' }),
  );
}
