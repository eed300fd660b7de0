import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ulid } from 'ulid';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { logger } from '../../shared/observability/logger.ts';
import { appOnMockedDynamo } from '../support/mocked-app.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const { app } = appOnMockedDynamo('faults');

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate of requests exceeds the allowed throughput.',
    $metadata: {},
  });

beforeAll(() => {
  logger.setLogLevel('SILENT');
});
beforeEach(() => dynamo.reset());

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(JSON.stringify(body)).not.toMatch(/Throughput|Exception|at .*\.ts/);
  return body;
}

describe('when DynamoDB throttles or is unreachable', () => {
  it('a read answers 503 problem+json without the AWS error', async () => {
    dynamo.on(QueryCommand).rejects(throttled());
    const response = await app.request(`/v1/members/${ulid()}`);
    expect(response.status).toBe(503);
    expect((await problemOf(response)).status).toBe(503);
  });

  it('a write whose transaction is throttled answers 503 and is not reported as a conflict', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { faults: [] } });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
      }),
    );
    const response = await app.request('/v1/members', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'ООО «Тест»',
        country: 'RU',
        taxId: withInnCheckDigits('770200001'),
        sectors: ['energy'],
      }),
    });
    expect(response.status).toBe(503);
    await problemOf(response);
  });

  it('the health check answers 503 when the table does not answer', async () => {
    dynamo.on(GetCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const response = await app.request('/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable' });
  });

  it('an unexpected error is a 500 problem that names nothing internal', async () => {
    dynamo
      .on(QueryCommand)
      .rejects(new Error('ValidationException: One or more parameter values were invalid: pk'));
    const response = await app.request(`/v1/members/${ulid()}`);
    expect(response.status).toBe(500);
    const body = await problemOf(response);
    expect(JSON.stringify(body)).not.toContain('pk');
  });
});
