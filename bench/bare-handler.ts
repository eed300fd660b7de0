import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/data/dynamo-client.ts';
import { memberKey } from '../shared/data/keys.ts';

/**
 * The cold-start baseline: a Lambda handler that does one DynamoDB GetItem with the app's document
 * client configuration and nothing else (no Hono, zod, middy, Powertools). Bundled by the bench with
 * the construct's esbuild options, so like every function it leaves `@aws-sdk/*` to the runtime (the
 * bench imports the repository's copy); the difference to members-api is what the app stack costs.
 */
const doc = createDocumentClient({
  tableName: process.env.TABLE_NAME ?? '',
  ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
});

interface Event {
  pathParameters?: Record<string, string | undefined>;
  rawPath?: string;
}

export async function handler(event: Event): Promise<{ statusCode: number; body: string }> {
  const id = event.pathParameters?.id ?? event.rawPath?.split('/').pop() ?? '';
  const result = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: memberKey(id) }));
  return result.Item
    ? { statusCode: 200, body: JSON.stringify(result.Item) }
    : { statusCode: 404, body: '{"title":"Not Found"}' };
}
