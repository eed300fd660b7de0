import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type JobMessage, type JobQueue, JobQueueUnavailableError } from './job-queue.ts';

/**
 * The jobs queue in AWS. The URL may be missing from a function's environment (one that never starts
 * jobs); that is reported when a job is started, not at cold start, so such a function still serves
 * everything else.
 */
export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly queueUrl: string | undefined,
    private readonly client: SQSClient = new SQSClient({}),
  ) {}

  async enqueue(message: JobMessage): Promise<void> {
    if (!this.queueUrl) throw new Error('JOBS_QUEUE_URL is not set; this function cannot start jobs.');
    try {
      await this.client.send(
        new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
      );
    } catch (error) {
      // The SDK has already retried; what is left is an outage the caller may outwait.
      throw new JobQueueUnavailableError('The jobs queue did not accept the message.', { cause: error });
    }
  }
}
