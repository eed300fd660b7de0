import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../shared/data/dynamo-client.ts';
import { jobMaxDeliveries } from '../../shared/jobs/job-queue.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { logger } from '../../shared/observability/logger.ts';
import { jobWorker } from '../../shared/runtime/job-worker.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const worker = jobWorker(memberJobs, () => ({
  db: createDatabase({ tableName: 'jobs-unit', endpoint: 'http://127.0.0.1:9' }),
  queue: { enqueue: async () => {} },
  clock: () => new Date('2026-11-24T10:00:00Z'),
  newId: () => '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
}));

const delivery = (receiveCount: number): SQSEvent => ({
  Records: [
    {
      messageId: `m-${receiveCount}`,
      body: JSON.stringify({ jobId: '01JD5Z7Q8N3V2K4M6P8R0T2W50' }),
      attributes: { ApproximateReceiveCount: String(receiveCount) },
    } as unknown as SQSRecord,
  ],
});

beforeEach(() => {
  logger.setLogLevel('SILENT');
  dynamo.reset();
  dynamo
    .on(GetCommand)
    .rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} }));
  dynamo.on(UpdateCommand).resolves({});
});

describe('the job worker, when a job message keeps failing', () => {
  it('leaves the job to SQS redelivery before the last delivery', async () => {
    const response = await worker(delivery(jobMaxDeliveries - 1));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: `m-${jobMaxDeliveries - 1}` }]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('marks the job failed on the last delivery, before the message goes to the dead-letter queue', async () => {
    const response = await worker(delivery(jobMaxDeliveries));
    expect(response.batchItemFailures).toHaveLength(1);
    const [update] = dynamo.commandCalls(UpdateCommand);
    expect(update!.args[0].input.ExpressionAttributeValues?.[':failed']).toBe('failed');
    expect(String(update!.args[0].input.ExpressionAttributeValues?.[':error'])).toMatch(/stopped/);
  });
});
