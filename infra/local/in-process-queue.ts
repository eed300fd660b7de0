/**
 * The local stand-in for an SQS queue (the jobs queue, the send queue): messages run on the event
 * loop, one at a time, after the request that enqueued them has answered. A failed message is retried
 * with backoff, like SQS redelivery, and dropped after a few attempts, where SQS would park it in the
 * dead-letter queue (what it was about stays stored: the job's progress, the recipient's status). A
 * message refused for now (`deferral`: another delivery holds its participant's agenda) comes back
 * once the refusal says it may, as the campaign worker has SQS deliver it again, its attempts spared.
 */
export class InProcessQueue<M> {
  private chain: Promise<void> = Promise.resolve();
  private handler: ((message: M) => Promise<void>) | undefined;

  /**
   * `name` says which queue a dropped message was on, `describe` which message (ids only);
   * `deferral` how many seconds a message failed with this error waits before it is delivered again,
   * or undefined for a failure.
   */
  constructor(
    private readonly name: string,
    private readonly describe: (message: M) => string,
    private readonly deferral: (error: unknown) => number | undefined = () => undefined,
    private readonly maxAttempts = 5,
    private readonly backoffMs = 100,
  ) {}

  setHandler(handler: (message: M) => Promise<void>): void {
    this.handler = handler;
  }

  async enqueue(message: M): Promise<void> {
    this.chain = this.chain.then(() => this.deliver(message));
  }

  /**
   * Resolves once every message enqueued so far has been handled, and those they enqueued too; a
   * deferred message is not waited for.
   */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  private async deliver(message: M): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        await new Promise((resolve) => setImmediate(resolve));
        await this.handler?.(message);
        return;
      } catch (error) {
        const seconds = this.deferral(error);
        if (seconds !== undefined) {
          console.warn(
            `${this.name}: ${this.describe(message)} deferred ${seconds} s: ${(error as Error).message}`,
          );
          // Unref'd: a deferred message keeps no process alive that would otherwise end (a test's).
          setTimeout(() => void this.enqueue(message), seconds * 1000).unref();
          return;
        }
        if (attempt === this.maxAttempts) {
          console.error(
            `${this.name}: ${this.describe(message)} failed ${attempt} times: ${(error as Error).message}`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** attempt));
      }
    }
  }
}
