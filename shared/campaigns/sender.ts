import { composeEmail } from '../email/compose-email.ts';
import { MailNotAcceptedError } from '../email/mail-transport.ts';
import { logger } from '../observability/logger.ts';
import { renderVariant } from './campaign-preview.ts';
import { CampaignRepository } from './campaign-repository.ts';
import { completeIfDone } from './dispatcher.ts';
import { RecipientRepository } from './recipient-repository.ts';
import type { SendingDeps, SendMessage } from './sending-deps.ts';

/** How long a claim holds: far longer than one send takes, far shorter than the unknown-sweep period. */
export const claimMs = 10 * 60 * 1000;

/**
 * Sends one recipient its email at most once. The recipient is claimed with a conditional write
 * (`queued → claimed`), so a duplicate message finds it claimed and does nothing; the message goes to
 * the provider once, without retries; the provider's message id is recorded (`claimed → sent`).
 *
 * - The provider certainly refused it (`MailNotAcceptedError`): the claim is released and the error
 *   rethrown, so the queue delivers the message again later, with backoff.
 * - Any other failure may have come after the provider accepted it: the recipient becomes `unknown`,
 *   to be settled from the provider's events or released by staff; it is never re-sent blindly.
 * - A campaign that is not sending (paused, cancelled) leaves its recipients queued: resume hands them
 *   to the sender again.
 */
export async function sendToRecipient(message: SendMessage, deps: SendingDeps): Promise<void> {
  const campaigns = new CampaignRepository(deps.db);
  const recipients = new RecipientRepository(deps.db);
  const campaign = await campaigns.get(message.campaignId);
  if (campaign?.state !== 'sending') return;
  const recipient = await recipients.get(message.campaignId, message.contactId);
  if (recipient?.status !== 'queued') return;
  if (!recipient.email || !recipient.language || !recipient.values) {
    // Erased while queued: its address is on the suppression list now, and gets nothing.
    await recipients.move(recipient, 'queued', 'excluded', { reason: 'suppressed' }, deps.clock());
    await completeIfDone(campaign.id, deps, recipients, campaigns);
    return;
  }
  const rendered = renderVariant(campaign, recipient.language, recipient.values);
  const composedAt = deps.clock();
  let raw: Buffer;
  try {
    raw = await composeEmail({
      from: deps.sender.from,
      to: recipient.email,
      replyTo: campaign.replyTo,
      ...rendered,
      language: recipient.language,
      messageId: deps.newId(),
      domain: deps.sender.domain,
      date: composedAt,
    });
  } catch (error) {
    // Nothing left us: a message that cannot be built fails alone, and is logged for a developer.
    logger.error('email not composable', {
      campaignId: campaign.id,
      contactId: recipient.contactId,
      error: error as Error,
    });
    await recipients.move(recipient, 'queued', 'failed', {}, composedAt);
    await completeIfDone(campaign.id, deps, recipients, campaigns);
    return;
  }
  const claimed = await recipients.move(
    recipient,
    'queued',
    'claimed',
    { claimedUntil: new Date(composedAt.getTime() + claimMs).toISOString() },
    composedAt,
  );
  if (!claimed) return;

  let providerId: string;
  try {
    ({ messageId: providerId } = await deps.transport.send({
      from: deps.sender.from,
      to: recipient.email,
      raw,
      tags: { campaignId: campaign.id, recipientId: recipient.contactId },
    }));
  } catch (error) {
    if (error instanceof MailNotAcceptedError) {
      await recipients.move(recipient, 'claimed', 'queued', { claimedUntil: null }, deps.clock());
      throw error;
    }
    logger.error('send outcome unknown', {
      campaignId: campaign.id,
      contactId: recipient.contactId,
      error: error as Error,
    });
    await recipients.move(recipient, 'claimed', 'unknown', { claimedUntil: null }, deps.clock());
    await completeIfDone(campaign.id, deps, recipients, campaigns);
    return;
  }
  const sentAt = deps.clock();
  await recipients.move(
    recipient,
    'claimed',
    'sent',
    { claimedUntil: null, messageId: providerId, sentAt: sentAt.toISOString() },
    sentAt,
  );
  await completeIfDone(campaign.id, deps, recipients, campaigns);
}
