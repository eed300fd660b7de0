import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/**
 * One DynamoDB Local (in memory) for the whole integration run, shared by both integration projects
 * (vitest.config.ts), which is why it is held on `globalThis`: each project may load this module
 * afresh. Each test file makes its own table; the last project to finish stops it.
 */
const shared = globalThis as { integrationDynamo?: { started: Promise<DynamoDbLocal>; users: number } };

export default async function setup(project: TestProject) {
  shared.integrationDynamo ??= { started: startDynamoDbLocal({}), users: 0 };
  const held = shared.integrationDynamo;
  held.users += 1;
  const dynamo = await held.started;
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    held.users -= 1;
    if (held.users === 0) {
      shared.integrationDynamo = undefined;
      await dynamo.stop();
    }
  };
}
