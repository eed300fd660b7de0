import type { SQSClient } from '@aws-sdk/client-sqs';
import { ServiceUnavailableError } from '../domain/errors.ts';
import type { CampaignWorkMessage } from './campaign-work.ts';
import { sendBatchSize } from './sending-deps.ts';

/**
 * The campaign worker's queue in AWS: recipients, test sends and dispatches, 10 per SendMessageBatch.
 * Like the jobs queue, the SQS client loads on first use, not at cold start. A batch entry SQS refuses
 * is sent again once; one refused twice makes the call fail with a 503 (messages that did go are
 * harmless twice: the sender's claim and the dispatcher are idempotent).
 */
export class SqsSendQueue {
  private client: SQSClient | undefined;

  constructor(
    private readonly queueUrl: string,
    client?: SQSClient,
  ) {
    this.client = client;
  }

  /** Makes a received message visible again after `seconds` (instead of the queue's visibility timeout). */
  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    const { ChangeMessageVisibilityCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    this.client ??= new SQSClient({});
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  }

  async enqueue(messages: readonly CampaignWorkMessage[], delaySeconds = 0): Promise<void> {
    const { SendMessageBatchCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    this.client ??= new SQSClient({});
    for (let start = 0; start < messages.length; start += sendBatchSize) {
      let entries = messages.slice(start, start + sendBatchSize).map((message, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(message),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        let failed: string[];
        try {
          const result = await this.client.send(
            new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
          );
          failed = (result.Failed ?? []).map((entry) => entry.Id ?? '');
        } catch (cause) {
          throw new ServiceUnavailableError('The send queue did not take the messages.', 5, { cause });
        }
        entries = entries.filter((entry) => failed.includes(entry.Id));
        if (entries.length > 0 && attempt === 2) {
          throw new ServiceUnavailableError(`The send queue refused ${entries.length} message(s).`, 5);
        }
      }
    }
  }
}
