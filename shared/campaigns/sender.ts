import { MailNotAcceptedError, MailRejectedError } from '../email/mail-transport.ts';
import { sendAgenda } from '../events/agenda-mailer.ts';
import { sendFollowUp } from '../events/follow-up-mail.ts';
import { sendPartnerRequest } from '../events/partner-request-mail.ts';
import { sendAddressConfirmation } from '../members/address-confirmation-mail.ts';
import { sendInvitation } from '../members/invitation-mail.ts';
import { logger } from '../observability/logger.ts';
import { AudienceRepository } from './audience-repository.ts';
import { composeCampaignEmail } from './campaign-email.ts';
import { CampaignRepository } from './campaign-repository.ts';
import { completeIfDone } from './dispatcher.ts';
import type { Recipient } from './recipient.ts';
import { RecipientRepository } from './recipient-repository.ts';
import type { RecipientMessage, SendingDeps, SendMessage } from './sending-deps.ts';
import { sendTestEmails } from './test-send.ts';
import { sendUnsubscribeConfirmation } from './unsubscribe-confirmation.ts';

/** Handles one message of the sender's queue: a recipient's email, a campaign's test emails, a confirmation. */
export async function handleSendMessage(message: SendMessage, deps: SendingDeps): Promise<void> {
  if ('confirmAddress' in message) return sendAddressConfirmation(message.confirmAddress, deps);
  if ('unsubscribed' in message) return sendUnsubscribeConfirmation(message.unsubscribed, deps);
  if ('invite' in message) return sendInvitation(message.invite, deps);
  if ('partnerRequest' in message) return sendPartnerRequest(message.partnerRequest, deps);
  if ('agenda' in message) return sendAgenda(message.agenda, deps);
  if ('followUp' in message) return sendFollowUp(message.followUp, deps);
  if ('contactId' in message) return sendToRecipient(message, deps);
  const campaign = await new CampaignRepository(deps.db).get(message.campaignId);
  // Deleted since the test was asked for: nothing to show.
  if (campaign) await sendTestEmails(campaign, message.testTo, deps);
}

/** How long a claim holds: far longer than one send takes, far shorter than the unknown-sweep period. */
export const claimMs = 10 * 60 * 1000;

/**
 * Sends one recipient its email at most once. The recipient is claimed with a conditional write
 * (`queued → claimed`), so a duplicate message finds it claimed and does nothing; the message goes to
 * the provider once, without retries; the provider's message id is recorded (`claimed → sent`).
 *
 * - The provider certainly refused it (`MailNotAcceptedError`): the claim is released and the error
 *   rethrown, so the queue delivers the message again later, with backoff. Refused for good
 *   (`MailRejectedError`): the recipient is `failed`.
 * - Any other failure may have come after the provider accepted it: the recipient becomes `unknown`,
 *   to be settled from the provider's events or released by staff; it is never re-sent blindly.
 * - A campaign that is not sending (paused, cancelled) leaves its recipients queued: resume hands them
 *   to the sender again.
 * - An address suppressed since dispatch is excluded as `suppressed`, a contact that withdrew its
 *   consent since as `no-consent`; a claim found expired and
 *   unrecorded makes its recipient `unknown` (settleExpiredClaim).
 */
export async function sendToRecipient(message: RecipientMessage, deps: SendingDeps): Promise<void> {
  const campaigns = new CampaignRepository(deps.db);
  const recipients = new RecipientRepository(deps.db);
  const campaign = await campaigns.get(message.campaignId);
  if (!campaign) return;
  const recipient = await recipients.get(message.campaignId, message.contactId);
  if (recipient?.status === 'claimed') {
    await settleExpiredClaim(recipient, deps, recipients, campaigns);
    return;
  }
  if (recipient?.status !== 'queued') return;
  // A recipient staff released after its campaign was sent still gets its one more attempt.
  const sendable =
    campaign.state === 'sending' || (campaign.state === 'sent' && recipient.releasedAt !== null);
  if (!sendable) return;
  const exclude = async (reason: 'suppressed' | 'no-consent' | 'unverified') => {
    await recipients.move(recipient, 'queued', 'excluded', { reason }, deps.clock());
    await completeIfDone(campaign.id, deps, recipients, campaigns);
  };
  // Erased while queued: its address is blanked, and on the suppression list.
  if (!recipient.email || !recipient.language || !recipient.values) return exclude('suppressed');
  // Checked again just before the claim: suppressed since the dispatcher looked (a bounce or complaint
  // elsewhere), or no longer consenting (unsubscribed through another campaign's email).
  const excluded = await new AudienceRepository(deps.db).stillMailable(
    {
      companyKind: recipient.companyKind,
      memberId: recipient.memberId,
      contactId: recipient.contactId,
      email: recipient.email,
    },
    await deps.suppression(),
  );
  if (excluded) return exclude(excluded);
  const composedAt = deps.clock();
  let raw: Buffer;
  try {
    raw = await composeCampaignEmail(
      campaign,
      {
        contactId: recipient.contactId,
        email: recipient.email,
        language: recipient.language,
        values: recipient.values,
      },
      deps,
    );
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
    if (error instanceof MailRejectedError) {
      // Refused for good (an SMTP 5xx): nothing went out, and trying again cannot change that.
      await recipients.move(recipient, 'claimed', 'failed', { claimedUntil: null }, deps.clock());
      await completeIfDone(campaign.id, deps, recipients, campaigns);
      return;
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
  const recorded = { claimedUntil: null, messageId: providerId, sentAt: sentAt.toISOString() };
  // A claim the sweep found expired while this send took long is `unknown` by now: the provider did
  // take it, so it is recorded all the same (an event that settled it first has said more already).
  if (!(await recipients.move(recipient, 'claimed', 'sent', recorded, sentAt))) {
    await recipients.move(recipient, 'unknown', 'sent', recorded, sentAt);
  }
  await completeIfDone(campaign.id, deps, recipients, campaigns);
}

/**
 * A recipient still claimed, found by a message delivered again or by the sweep: the delivery that
 * claimed it never recorded an outcome (its worker died, or is still waiting on the provider). Until the claim expires
 * that delivery may still record one, so nothing changes. Once it has expired, whether the provider
 * took the email cannot be known from here: the recipient becomes `unknown`, never sent again blindly,
 * for the provider's events or staff to settle.
 */
export async function settleExpiredClaim(
  recipient: Recipient,
  deps: SendingDeps,
  recipients: RecipientRepository,
  campaigns: CampaignRepository,
): Promise<boolean> {
  const now = deps.clock();
  if (recipient.claimedUntil === null || Date.parse(recipient.claimedUntil) > now.getTime()) return false;
  if (!(await recipients.move(recipient, 'claimed', 'unknown', { claimedUntil: null }, now))) return false;
  logger.warn('claim expired unrecorded', {
    campaignId: recipient.campaignId,
    contactId: recipient.contactId,
  });
  await completeIfDone(recipient.campaignId, deps, recipients, campaigns);
  return true;
}

/**
 * The queue delivered this recipient's message for the last time and every attempt failed (the
 * provider kept refusing it for now, or the worker kept failing): it will not come again, so a
 * recipient still queued is `failed`, and staff see it, rather than waiting forever. One still claimed
 * is left to the sweep, which makes it `unknown` once the claim expires.
 */
export async function giveUpOnRecipient(message: RecipientMessage, deps: SendingDeps): Promise<void> {
  const recipients = new RecipientRepository(deps.db);
  const recipient = await recipients.get(message.campaignId, message.contactId);
  if (recipient?.status !== 'queued') return;
  if (!(await recipients.move(recipient, 'queued', 'failed', {}, deps.clock()))) return;
  await completeIfDone(message.campaignId, deps, recipients, new CampaignRepository(deps.db));
}
