import type { SQSClient } from '@aws-sdk/client-sqs';
import { type JobMessage, type JobQueue, JobQueueUnavailableError } from './job-queue.ts';

/**
 * The jobs queue in AWS. The URL may be missing from a function's environment (one that never starts
 * jobs); that is reported when a job is started, not at cold start, so such a function still serves
 * everything else.
 *
 * `@aws-sdk/client-sqs` is imported on the first job only, not with the module: the API functions build
 * a queue at cold start but most requests start no job, and loading the SQS client from the runtime's
 * unbundled SDK cost members-api ~20 ms of every cold start. The bundles leave `@aws-sdk/*` external, so
 * this stays a runtime `import()` (a static one would be hoisted to the top of the bundle).
 */
export class SqsJobQueue implements JobQueue {
  private client: SQSClient | undefined;

  constructor(
    private readonly queueUrl: string | undefined,
    client?: SQSClient,
  ) {
    this.client = client;
  }

  async enqueue(message: JobMessage): Promise<void> {
    if (!this.queueUrl) throw new Error('JOBS_QUEUE_URL is not set; this function cannot start jobs.');
    const { SendMessageCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    this.client ??= new SQSClient({});
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
