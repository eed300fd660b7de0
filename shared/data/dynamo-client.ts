import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConfig {
  tableName: string;
  /** Set for DynamoDB Local or another DynamoDB-compatible store; unset in AWS. */
  endpoint?: string;
  region?: string;
}

/**
 * One document client per configuration. `removeUndefinedValues` lets repositories build items from
 * optional domain fields without a cleanup pass; numbers stay numbers because money is held in safe
 * integers (see domain/money.ts).
 */
export function createDocumentClient(config: DynamoConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'local',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export interface Database {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export function createDatabase(config: DynamoConfig): Database {
  return { doc: createDocumentClient(config), tableName: config.tableName };
}
