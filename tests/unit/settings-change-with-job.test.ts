import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ulid } from 'ulid';
import { beforeEach, describe, expect, it } from 'vitest';
import { CursorCodec } from '../../shared/data/cursor.ts';
import { createDatabase } from '../../shared/data/dynamo-client.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { createApp } from '../../shared/http/app.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const enqueued: string[] = [];
const app = createApp({
  db: createDatabase({ tableName: 'settings-unit', endpoint: 'http://127.0.0.1:9' }),
  cursors: async () => new CursorCodec(Buffer.from('unit')),
  claims: async () => ({ sub: 'admin-1', 'cognito:groups': ['admin'] }),
  jobs: {
    enqueue: async ({ jobId }) => {
      enqueued.push(jobId);
    },
  },
  clock: () => new Date('2026-11-24T10:00:00Z'),
  newId: ulid,
  docsAsset: async () => undefined,
});

beforeEach(() => {
  dynamo.reset();
  enqueued.length = 0;
  dynamo.on(BatchGetCommand).resolves({ Responses: { 'settings-unit': [] } });
});

describe('PUT /v1/tiers', () => {
  it('stores the table and its re-tier job in one transaction, then queues that job', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const response = await app.request('/v1/tiers', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': '"0"' },
      body: JSON.stringify(seedTierTable),
    });
    expect(response.status).toBe(200);
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    const legs = call!.args[0].input.TransactItems!;
    expect(legs.map((leg) => leg.Put?.Item?.type)).toEqual(['tierTable', 'job']);
    const jobId = legs[1]!.Put!.Item!.id as string;
    expect(enqueued).toEqual([jobId]);
    expect(((await response.json()) as { job: { id: string } }).job.id).toBe(jobId);
  });

  it('queues nothing when the transaction is refused', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      Object.assign(new Error('Transaction cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const response = await app.request('/v1/tiers', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': '"3"' },
      body: JSON.stringify(seedTierTable),
    });
    expect(response.status).toBe(412);
    expect(enqueued).toEqual([]);
  });
});
