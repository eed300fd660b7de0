import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { logger } from '../observability/logger.ts';
import type { MailTransport, OutgoingEmail } from './mail-transport.ts';

/**
 * Paces takes to a rate that may change: at most `rate()` per second on average, with bursts of up to
 * one second's worth. Takes queue up in order, so concurrent senders share the rate.
 */
export class TokenBucket {
  private tokens = 0;
  private last: number | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: () => Promise<number>,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async takeNow(): Promise<void> {
    const rate = await this.rate();
    const now = this.now();
    // The first take finds a full second's worth: a worker that just started may send at once.
    this.tokens =
      this.last === undefined ? rate : Math.min(rate, this.tokens + ((now - this.last) / 1000) * rate);
    this.last = now;
    if (this.tokens < 1) {
      const waitMs = ((1 - this.tokens) / rate) * 1000;
      await this.sleep(waitMs);
      this.last = this.now();
      this.tokens = 1;
    }
    this.tokens -= 1;
  }
}

/** How long a rate read from SES holds before it is read again: AWS raises quotas while an account sends. */
const quotaRefreshMs = 10 * 60 * 1000;
/** A new account's sandbox rate: what is assumed until SES answers. */
const sandboxRate = 1;

/**
 * This worker's share of the account's SES sending rate (`GetAccount`'s `SendQuota.MaxSendRate`,
 * divided by the number of workers that may send at once), read on first use and every 10 minutes.
 * If SES cannot be asked, the last rate read stands, or the sandbox's 1 per second.
 */
export class SesSendRate {
  private client: SESv2Client | undefined;
  private cached: { perSecond: number; at: number } | undefined;

  constructor(
    private readonly workers: number,
    client?: SESv2Client,
    private readonly clock: () => number = Date.now,
  ) {
    this.client = client;
  }

  async perSecond(): Promise<number> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < quotaRefreshMs) return this.cached.perSecond;
    const { GetAccountCommand, SESv2Client } = await import('@aws-sdk/client-sesv2');
    this.client ??= new SESv2Client({});
    try {
      const account = await this.client.send(new GetAccountCommand({}));
      const rate = account.SendQuota?.MaxSendRate;
      if (!rate || rate <= 0) throw new Error('SES answered without a sending rate.');
      this.cached = { perSecond: rate / this.workers, at: now };
    } catch (error) {
      logger.warn('SES sending quota unread; keeping the last rate', { error: error as Error });
      this.cached = { perSecond: this.cached?.perSecond ?? sandboxRate / this.workers, at: now };
    }
    return this.cached.perSecond;
  }
}

/** A transport that waits its turn in a token bucket before each send. */
export class PacedTransport implements MailTransport {
  constructor(
    private readonly inner: MailTransport,
    private readonly bucket: Pick<TokenBucket, 'take'>,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    await this.bucket.take();
    return this.inner.send(email);
  }
}
