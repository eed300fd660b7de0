import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tierTableKey } from '../../shared/data/keys.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { appOnMockedDynamo } from '../support/mocked-app.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const enqueued: string[] = [];
const { app } = appOnMockedDynamo('settings-unit', {
  enqueue: async ({ jobId }) => {
    enqueued.push(jobId);
  },
});

beforeEach(() => {
  dynamo.reset();
  enqueued.length = 0;
  dynamo.on(BatchGetCommand).resolves({ Responses: { 'settings-unit': [] } });
  dynamo.on(GetCommand).resolves({});
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

describe('GET /v1/tiers', () => {
  it('reads the tier table alone and strongly, so version comparisons across a change see it', async () => {
    expect((await app.request('/v1/tiers')).status).toBe(200);
    expect(dynamo.commandCalls(BatchGetCommand)).toEqual([]);
    const [read] = dynamo.commandCalls(GetCommand);
    expect(read!.args[0].input).toMatchObject({ TableName: 'settings-unit', ConsistentRead: true });
    expect(read!.args[0].input.Key).toEqual(tierTableKey);
  });
});
