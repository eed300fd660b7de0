import { createDatabase, type Database } from '../data/dynamo-client.ts';

/** A variable the function cannot run without; a missing one fails the invocation with its name. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set.`);
  return value;
}

/** The table named by `TABLE_NAME`; `DYNAMODB_ENDPOINT` points tests and the bench at DynamoDB Local. */
export function databaseFromEnvironment(): Database {
  return createDatabase({
    tableName: requiredEnv('TABLE_NAME'),
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  });
}
