import type { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  MailNotAcceptedError,
  MailRejectedError,
  type MailTransport,
  type OutgoingEmail,
} from './mail-transport.ts';

/**
 * SES errors that say it took nothing and may take the message later: throttling, a quota reached,
 * sending paused for the account or the configuration set (SES API v2 reference, SendEmail errors).
 */
const notYet = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'SendingPausedException',
  'AccountSuspendedException',
  'NotFoundException',
]);
/** SES errors that say it took nothing and never will take this message. */
const never = new Set(['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException']);

/**
 * Campaign emails through SES (API v2 `SendEmail`, raw content): the same RFC 5322 bytes the outbox
 * and SMTP get, under the configuration set whose event destination feeds the mail-event queue, with
 * the campaign and recipient as message tags so every event finds its recipient. The SES client is
 * loaded on the first send.
 */
export class SesTransport implements MailTransport {
  private client: SESv2Client | undefined;

  constructor(
    private readonly configurationSet: string,
    client?: SESv2Client,
  ) {
    this.client = client;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const { SendEmailCommand, SESv2Client } = await import('@aws-sdk/client-sesv2');
    // One attempt: a retry after a timeout could send the email twice (the sender never retries blindly).
    this.client ??= new SESv2Client({ maxAttempts: 1 });
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: email.from,
          Destination: { ToAddresses: [email.to] },
          Content: { Raw: { Data: email.raw } },
          ConfigurationSetName: this.configurationSet,
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      if (!result.MessageId) throw new Error('SES answered without a message id.');
      return { messageId: result.MessageId };
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      // The SDK's message names no address; the cause is kept for the log, which redacts nothing else.
      if (notYet.has(name)) throw new MailNotAcceptedError(`SES did not take the message (${name}).`);
      if (never.has(name)) throw new MailRejectedError(`SES refused the message (${name}).`);
      throw error;
    }
  }
}
