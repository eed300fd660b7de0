/**
 * How the campaign worker paces and retries: the token bucket sized from the account's SES rate, and
 * the jittered, growing wait before a failed message comes again.
 */
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { nextDeliveryDelaySeconds, retryDelaySeconds } from '../../shared/campaigns/campaign-work.ts';
import type { SendingDeps } from '../../shared/campaigns/sending-deps.ts';
import { SqsSendQueue } from '../../shared/campaigns/sqs-send-queue.ts';
import { PacedTransport, SesSendRate, TokenBucket } from '../../shared/email/send-rate.ts';
import { campaignWorker } from '../../shared/runtime/campaign-worker.ts';

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
afterEach(() => {
  ses.reset();
  sqs.reset();
});
const region = { region: 'eu-central-1' };

/** A clock that only the bucket's own waits move. */
function fakeTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the token bucket', () => {
  it('lets a second’s worth go at once, then one per 1/rate seconds, in order', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket(async () => 4, time.now, time.sleep);
    const at: number[] = [];
    await Promise.all(Array.from({ length: 10 }, () => bucket.take().then(() => at.push(time.now()))));
    // 4 at once, then 6 more at 250 ms each.
    expect(at).toEqual([0, 0, 0, 0, 250, 500, 750, 1000, 1250, 1500]);
  });

  it('refills while idle, never beyond one second’s worth, and follows a changed rate', async () => {
    const time = fakeTime();
    let rate = 2;
    const bucket = new TokenBucket(async () => rate, time.now, time.sleep);
    await bucket.take();
    await bucket.take();
    time.advance(10_000);
    const before = time.now();
    for (let i = 0; i < 3; i++) await bucket.take();
    // Two banked (not twenty), the third waits half a second.
    expect(time.now() - before).toBe(500);
    rate = 10;
    const start = time.now();
    await bucket.take();
    await bucket.take();
    expect(time.now() - start).toBeLessThanOrEqual(200);
  });

  it('makes the paced transport wait its turn before each send', async () => {
    const order: string[] = [];
    const transport = new PacedTransport(
      {
        send: async () => {
          order.push('send');
          return { messageId: 'm' };
        },
      },
      {
        take: async () => {
          order.push('take');
        },
      },
    );
    await transport.send({ from: 'a@x.example', to: 'b@y.example', raw: Buffer.from(''), tags: {} });
    expect(order).toEqual(['take', 'send']);
  });
});

describe('the SES sending rate', () => {
  it('is the account’s MaxSendRate shared among the workers, read once per 10 minutes', async () => {
    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000 } });
    let clock = 0;
    const rate = new SesSendRate(3, new SESv2Client(region), () => clock);
    expect(await rate.perSecond()).toBeCloseTo(14 / 3);
    clock += 9 * 60 * 1000;
    expect(await rate.perSecond()).toBeCloseTo(14 / 3);
    expect(ses.commandCalls(GetAccountCommand)).toHaveLength(1);
    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 50 } });
    clock += 2 * 60 * 1000;
    expect(await rate.perSecond()).toBeCloseTo(50 / 3);
  });

  it('keeps the last rate when SES cannot be asked, and starts at the sandbox’s 1 per second', async () => {
    ses.on(GetAccountCommand).rejects(new Error('throttled'));
    let clock = 0;
    const rate = new SesSendRate(2, new SESv2Client(region), () => clock);
    expect(await rate.perSecond()).toBe(0.5);
    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 20 } });
    clock += 11 * 60 * 1000;
    expect(await rate.perSecond()).toBe(10);
    ses.on(GetAccountCommand).rejects(new Error('down'));
    clock += 11 * 60 * 1000;
    expect(await rate.perSecond()).toBe(10);
  });
});

describe('retrying a failed message', () => {
  it('waits a random time up to 10 s × 2^(delivery − 1), capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, () => 1))).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(12, () => 1)).toBe(900);
    expect(retryDelaySeconds(3, () => 0.5)).toBe(20);
    expect(retryDelaySeconds(3, () => 0)).toBe(1);
  });

  it('keeps the last delivery of a message refused for a while for when that while is over', () => {
    const top = () => 1;
    // An agenda another delivery holds for 300 s more: its backoff as any message's, until the 4th.
    expect([1, 2, 3].map((n) => nextDeliveryDelaySeconds(n, 300, top))).toEqual([10, 20, 40]);
    // Then until it lapses, and up to a minute more, so those one holder kept do not come back at once.
    expect(nextDeliveryDelaySeconds(4, 300, top)).toBe(360);
    expect(nextDeliveryDelaySeconds(4, 300, () => 0.5)).toBe(330);
    expect(nextDeliveryDelaySeconds(4, 12.2, top)).toBe(80);
    expect(nextDeliveryDelaySeconds(4, undefined, top)).toBe(80);
    // Never past the 15-minute cap.
    expect(nextDeliveryDelaySeconds(4, 5000, top)).toBe(900);
  });

  it('sets the failed record’s visibility to that wait, except on its last delivery', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const queue = new SqsSendQueue('https://sqs.example/q', new SQSClient(region));
    const worker = campaignWorker(
      () => ({}) as SendingDeps,
      (receipt, seconds) => queue.retryLater(receipt, seconds),
    );
    const record = (id: string, receiveCount: number) => ({
      messageId: id,
      receiptHandle: `receipt-${id}`,
      body: 'not json',
      attributes: { ApproximateReceiveCount: String(receiveCount) },
    });
    const result = await worker({ Records: [record('a', 2), record('b', 5)] } as unknown as SQSEvent);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['a', 'b']);
    const calls = sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ QueueUrl: 'https://sqs.example/q', ReceiptHandle: 'receipt-a' });
    expect(calls[0]!.VisibilityTimeout).toBeGreaterThanOrEqual(1);
    expect(calls[0]!.VisibilityTimeout).toBeLessThanOrEqual(20);
  });
});
