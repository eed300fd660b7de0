import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { eventKey } from '../data/keys.ts';

/**
 * Whether an event exists: one GetItem of its item, projected to its key. What EventRepository.exists
 * answers (it calls this), for code that checks an event and reads nothing of it (a lead whose source
 * names one), without the events' repository and schemas.
 */
export async function eventExists(db: Database, id: string): Promise<boolean> {
  try {
    const result = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: eventKey(id), ProjectionExpression: 'pk' }),
    );
    return result.Item !== undefined;
  } catch (error) {
    throw mapDynamoError(error);
  }
}
