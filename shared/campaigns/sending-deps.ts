import type { Database } from '../data/dynamo-client.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import type { MailTransport } from '../email/mail-transport.ts';
import type { AgendaMessage } from '../events/agenda-queue.ts';
import type { FollowUpMessage } from '../events/follow-up.ts';
import type { PartnerAnswerLinks } from '../events/partner-answer-links.ts';
import type { PartnerRequestMessage } from '../events/partner-request-notifier.ts';
import type { AddressConfirmationMessage } from '../members/address-confirmation-mail.ts';
import type { InvitationMessage } from '../members/invitation-mail.ts';
import type { LinkKey } from '../security/signed-links.ts';
import type { Organisation } from './email-footer.ts';
import type { UnsubscribeConfirmationMessage } from './unsubscribe-confirmation.ts';
import type { UnsubscribeTokens } from './unsubscribe-token.ts';

/** Asks the sender to mail one recipient of a campaign. */
export interface RecipientMessage {
  campaignId: string;
  contactId: string;
}

/** Asks the sender to mail each of a campaign's language variants to a staff member, as a test. */
export interface TestMessage {
  campaignId: string;
  testTo: string;
}

/**
 * What the sender's queue carries: campaign emails, test emails, and transactional mail (an address's
 * confirmation link, a meeting request to a partner, an event agenda). The API functions compose no
 * email; the sender composes them all.
 */
export type SendMessage =
  | RecipientMessage
  | TestMessage
  | AddressConfirmationMessage
  | InvitationMessage
  | UnsubscribeConfirmationMessage
  | PartnerRequestMessage
  | AgendaMessage
  | FollowUpMessage;

/**
 * The sender's queue: SQS in AWS (batches of 10 per call), an in-process queue locally. A message may
 * arrive twice or after its campaign was paused: the sender's claim makes that harmless.
 */
export interface SendQueue {
  enqueue(messages: readonly SendMessage[]): Promise<void>;
}

/**
 * Runs the dispatcher for a campaign at its send time: EventBridge Scheduler's one-time schedules in
 * AWS, timers locally. A time already past dispatches at once.
 */
export interface CampaignScheduler {
  at(campaignId: string, when: Date): Promise<void>;
  cancel(campaignId: string): Promise<void>;
}

/** Who the campaign emails come from, the domain of their Message-IDs, and where their links lead. */
export interface SenderIdentity {
  from: string;
  domain: string;
  /** The public origin the unsubscribe links point at (the public function's, or the local server's). */
  publicBaseUrl: string;
  /** Named in every email's footer. */
  organisation: Organisation;
  /**
   * A mailbox that takes unsubscribe requests too (`List-Unsubscribe`'s `mailto:`, RFC 2369), for mail
   * clients without one-click. Its subject carries the recipient's unsubscribe token, so a request can
   * be honoured whatever address it comes from: the link, opened from it, withdraws the consent.
   */
  unsubscribeMailto?: string;
}

/** What the dispatcher and the sender run with, in a Lambda or the local server. */
export interface SendingDeps {
  db: Database;
  clock: () => Date;
  newId: () => string;
  suppression: () => Promise<EmailHasher>;
  unsubscribeTokens: () => Promise<UnsubscribeTokens>;
  /** Signs the links partners answer meeting requests with. */
  partnerAnswers: () => Promise<PartnerAnswerLinks>;
  /** The key of the follow-up question's links (issue 11): a FollowUpLinks of it signs them. */
  followUpKey: () => Promise<LinkKey>;
  sendQueue: SendQueue;
  transport: MailTransport;
  sender: SenderIdentity;
}

/** SQS takes at most 10 messages per SendMessageBatch call. */
export const sendBatchSize = 10;

/** Hands every still-queued recipient of the campaign to the sender, in batches. */
export async function enqueueQueued(
  recipients: { queued(campaignId: string): AsyncGenerator<string> },
  queue: SendQueue,
  campaignId: string,
): Promise<number> {
  let batch: RecipientMessage[] = [];
  let count = 0;
  for await (const contactId of recipients.queued(campaignId)) {
    batch.push({ campaignId, contactId });
    count++;
    if (batch.length === sendBatchSize) {
      await queue.enqueue(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await queue.enqueue(batch);
  return count;
}
