import type { SQSClient } from '@aws-sdk/client-sqs';
import { ServiceUnavailableError } from '../domain/errors.ts';
import type { MailEvent, MailEventQueue } from './mail-events.ts';

/**
 * The mail-event queue in AWS, written by the public function (an unsubscribe link's POST): the
 * consumer applies it with the write access the public function does not have. SES's own events reach
 * the same queue through SNS. The SQS client loads on the first unsubscribe, not at cold start.
 */
export class SqsMailEventQueue implements MailEventQueue {
  private client: SQSClient | undefined;

  constructor(
    private readonly queueUrl: string,
    client?: SQSClient,
  ) {
    this.client = client;
  }

  async enqueue(event: MailEvent): Promise<void> {
    const { SendMessageCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    this.client ??= new SQSClient({});
    try {
      await this.client.send(
        new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(event) }),
      );
    } catch (cause) {
      // Nothing was recorded: the person may press the button again shortly.
      throw new ServiceUnavailableError('The unsubscribe could not be recorded right now.', 5, { cause });
    }
  }
}
