import type { JobMessage, JobQueue } from '../../shared/jobs/job-queue.ts';

/**
 * The local stand-in for the SQS jobs queue: messages run on the event loop, one at a time, after the
 * request that enqueued them has answered. A failed message is retried with backoff, like SQS
 * redelivery, and dropped after a few attempts (the job's stored state says where it stopped).
 */
export class InProcessJobQueue implements JobQueue {
  private chain: Promise<void> = Promise.resolve();
  private handler: ((message: JobMessage) => Promise<void>) | undefined;

  constructor(private readonly maxAttempts = 5) {}

  setHandler(handler: (message: JobMessage) => Promise<void>): void {
    this.handler = handler;
  }

  async enqueue(message: JobMessage): Promise<void> {
    this.chain = this.chain.then(() => this.deliver(message));
  }

  /** Resolves once every message enqueued so far has been handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async deliver(message: JobMessage): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        await new Promise((resolve) => setImmediate(resolve));
        await this.handler?.(message);
        return;
      } catch (error) {
        if (attempt === this.maxAttempts) {
          console.error(`job ${message.jobId} failed ${attempt} times: ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }
}
