import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchGetAll } from '../../shared/data/batch-get.ts';
import { createDatabase } from '../../shared/data/dynamo-client.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const db = createDatabase({ tableName: 'crm', endpoint: 'http://localhost:1' });
beforeEach(() => dynamo.reset());

const key = (n: number) => ({ pk: `K#${n}`, sk: 'S' });

describe('batchGetAll', () => {
  it('asks again for the keys DynamoDB leaves unprocessed, and splits more than 100 keys', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { crm: [key(0)] },
        UnprocessedKeys: { crm: { Keys: [key(1)] } },
      })
      .resolvesOnce({ Responses: { crm: [key(1)] } })
      .resolves({ Responses: { crm: [key(100)] } });
    const keys = Array.from({ length: 101 }, (_, n) => key(n));
    const found = await batchGetAll(db, keys, { projection: 'pk, #s', names: { '#s': 'status' } });
    expect(found).toEqual([key(0), key(1), key(100)]);
    const calls = dynamo.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!.crm!);
    expect(calls.map((c) => c.Keys!.length)).toEqual([100, 1, 1]);
    expect(calls[0]!.ExpressionAttributeNames).toEqual({ '#s': 'status' });
  });
});
