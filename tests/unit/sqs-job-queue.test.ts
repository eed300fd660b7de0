import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { JobQueueUnavailableError } from '../../shared/jobs/job-queue.ts';
import { SqsJobQueue } from '../../shared/jobs/sqs-job-queue.ts';

const sqs = mockClient(SQSClient);
const url = 'https://sqs.eu-central-1.amazonaws.com/123456789012/jobs';

afterEach(() => sqs.reset());

describe('SqsJobQueue', () => {
  it('sends the message as JSON to the jobs queue', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    await new SqsJobQueue(url, new SQSClient({ region: 'eu-central-1' })).enqueue({ jobId: 'J1' });
    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ QueueUrl: url, MessageBody: '{"jobId":"J1"}' });
  });

  it('reports a refused send as the queue being unavailable, keeping the cause', async () => {
    const refusal = Object.assign(new Error('throttled'), { name: 'RequestThrottled' });
    sqs.on(SendMessageCommand).rejects(refusal);
    const queue = new SqsJobQueue(url, new SQSClient({ region: 'eu-central-1' }));
    const error = await queue.enqueue({ jobId: 'J1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobQueueUnavailableError);
    expect((error as Error).cause).toBe(refusal);
  });

  it('names the missing variable when no queue URL was configured', async () => {
    await expect(new SqsJobQueue(undefined).enqueue({ jobId: 'J1' })).rejects.toThrow(/JOBS_QUEUE_URL/);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});
