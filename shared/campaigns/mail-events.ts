import type { Database } from '../data/dynamo-client.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { ProviderEvent, TransactionalEvent } from '../email/ses-events.ts';
import { applyFollowUpAnswer, type FollowUpAnswer } from '../events/follow-up-answer.ts';
import { applyPartnerAnswer, type PartnerAnswer } from '../events/partner-answer.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { AccountService } from '../members/account-service.ts';
import type { Actor } from '../members/actor.ts';
import {
  AddressConfirmations,
  ConfirmationSpentError,
  type ConfirmationTarget,
} from '../members/address-confirmation.ts';
import { AccountRepository } from '../members/member-accounts.ts';
import { MemberRepository } from '../members/member-repository.ts';
import { memberServiceFor } from '../members/member-service-for.ts';
import { logger } from '../observability/logger.ts';
import { PartnerRepository } from '../partners/partner-repository.ts';
import { PartnerService } from '../partners/partner-service.ts';
import { CampaignRepository } from './campaign-repository.ts';
import { completeIfDone } from './dispatcher.ts';
import { inVietnam } from './email-footer.ts';
import type { Recipient, RecipientStatus } from './recipient.ts';
import { RecipientRepository } from './recipient-repository.ts';
import type { SendQueue } from './sending-deps.ts';
import { pauseReason } from './sending-health.ts';
import { suppress } from './suppression-list.ts';
import type { UnsubscribeTarget } from './unsubscribe-token.ts';

/**
 * What happens to a campaign email after it left, applied by one consumer: a recipient's unsubscribe
 * (from the public link), an address confirmation, an account invitation accepted, a partner's answer
 * to a meeting request (its emailed link), and the provider's deliveries, bounces, complaints and
 * rejections. The public function only verifies a link and queues the event, so it needs no write
 * access to members or events (issue 7: public routes hand writes to a worker).
 */
export type MailEvent =
  | ({ kind: 'unsubscribe'; at: string } & UnsubscribeTarget)
  | ({ kind: 'confirm-address'; secretHash: string } & ConfirmationTarget)
  | ({ kind: 'invitation-accepted'; secretHash: string } & ConfirmationTarget)
  | ({ kind: 'answer-request' } & PartnerAnswer)
  | ({ kind: 'answer-follow-up' } & FollowUpAnswer)
  | { kind: 'provider'; event: ProviderEvent }
  | { kind: 'transactional'; event: TransactionalEvent };

/** An SQS queue in AWS, an in-process queue locally; a message may arrive twice. */
export interface MailEventQueue {
  enqueue(event: MailEvent): Promise<void>;
}

export interface MailEventDeps {
  db: Database;
  clock: () => Date;
  newId: () => string;
  /** Where a member write that met a settings change queues the member's re-tier. */
  jobs: JobQueue;
  /** Hashes addresses for the suppression list. */
  suppression: () => Promise<EmailHasher>;
  /** Where an unsubscribe's confirmation email is queued (recipients in Vietnam); absent: none is sent. */
  sendQueue?: SendQueue;
  /** Told of each lead write where no table stream runs the report's consumer (locally). */
  leadChanges?: { written(): void } | undefined;
}

/**
 * How far along a recipient's status is: events arrive twice and out of order, so a status only ever
 * moves to a higher rank (a delivery after a complaint changes nothing; the same event twice neither).
 * `unknown` is where `sent` is: an event settles it. `excluded` is never moved.
 */
const rank: Record<RecipientStatus, number> = {
  queued: 0,
  claimed: 0,
  excluded: -1,
  unknown: 1,
  sent: 1,
  delivered: 2,
  failed: 3,
  bounced: 3,
  unsubscribed: 3,
  complained: 4,
};

export async function applyMailEvent(event: MailEvent, deps: MailEventDeps): Promise<void> {
  if (event.kind === 'unsubscribe') await applyUnsubscribe(event, deps);
  else if (event.kind === 'confirm-address') await applyAddressConfirmation(event, deps);
  else if (event.kind === 'invitation-accepted') await applyInvitationAccepted(event, deps);
  else if (event.kind === 'answer-request') await applyPartnerAnswer(event, deps);
  else if (event.kind === 'answer-follow-up') await applyFollowUpAnswer(event, deps);
  else if (event.kind === 'transactional') await suppressTransactional(event.event, deps);
  else await applyProviderEvent(event.event, deps);
}

/**
 * The person set a password through an invitation (the public page checked the link and set it): the
 * account becomes active and the link is spent. A link spent meanwhile (this event twice) changes
 * nothing.
 */
async function applyInvitationAccepted(
  event: ConfirmationTarget & { secretHash: string },
  deps: MailEventDeps,
): Promise<void> {
  const service = new AccountService({
    accounts: new AccountRepository(deps.db),
    members: new MemberRepository(deps.db),
    clock: deps.clock,
    newId: deps.newId,
  });
  await service.activate(event.memberId, event.contactId, event.secretHash);
}

/** A transactional email bounced for good or was complained about: its address gets no mail again. */
async function suppressTransactional(event: TransactionalEvent, deps: MailEventDeps): Promise<void> {
  const hasher = await deps.suppression();
  const at = deps.clock().toISOString();
  for (const address of event.addresses) {
    await suppress(deps.db, hasher, address, event.type === 'bounce' ? 'bounced' : 'complained', at);
  }
  logger.info('transactional email suppressed its address', {
    purpose: event.purpose,
    type: event.type,
    messageId: event.messageId,
  });
}

/**
 * The person confirmed a member's contact address through its link (checked valid when they posted):
 * the contact becomes verified, or `conflict` where another member holds the address. A link spent
 * meanwhile (this event applied twice, a newer link, the contact changed or erased) changes nothing.
 */
async function applyAddressConfirmation(
  event: ConfirmationTarget & { secretHash: string },
  deps: MailEventDeps,
): Promise<void> {
  const pending = await new AddressConfirmations(deps.db).get(event);
  if (!pending) return;
  try {
    await memberServiceFor({ ...deps, queue: deps.jobs }).confirmAddress(event, {
      email: pending.email,
      secretHash: event.secretHash,
    });
  } catch (error) {
    if (!(error instanceof ConfirmationSpentError) && !(error instanceof NotFoundError)) throw error;
  }
}

/**
 * Withdraws the contact's outreach consent in its company's history (a member's or a partner's); a
 * company deleted since has none.
 */
async function withdrawOutreach(
  recipient: Recipient,
  actor: Actor,
  action: 'unsubscribe' | 'complaint',
  deps: MailEventDeps,
) {
  try {
    let memberId = recipient.memberId;
    if (recipient.companyKind === 'partner') {
      const partners = new PartnerService({ partners: new PartnerRepository(deps.db), ...deps });
      const partner = await partners.withdrawConsent(
        memberId,
        recipient.contactId,
        'outreach',
        actor,
        action,
      );
      // A partner that joined since: its contacts, same ids, are the member's now.
      if (!partner.joinedAs) return;
      memberId = partner.joinedAs;
    }
    await memberServiceFor({ ...deps, queue: deps.jobs }).withdrawConsent(
      memberId,
      recipient.contactId,
      'outreach',
      actor,
      action,
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

/**
 * Moves the recipient forward to `to` if that is further along than where it is; a status moved by
 * another event in between is read again (three tries settle any race of two). Resolves to whether
 * this call moved it.
 */
async function advance(
  target: UnsubscribeTarget,
  to: RecipientStatus,
  changes: Partial<Pick<Recipient, 'messageId' | 'claimedUntil'>>,
  deps: MailEventDeps,
): Promise<boolean> {
  const recipients = new RecipientRepository(deps.db);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await recipients.get(target.campaignId, target.contactId);
    if (!current || current.status === 'excluded' || rank[current.status] >= rank[to]) return false;
    const leavingClaim = current.status === 'claimed' ? { claimedUntil: null } : {};
    if (await recipients.move(current, current.status, to, { ...changes, ...leavingClaim }, deps.clock())) {
      // It may have been the campaign's last one queued or claimed (an event that beat the sender).
      if (rank[current.status] === 0) {
        await completeIfDone(target.campaignId, deps, recipients, new CampaignRepository(deps.db));
      }
      return true;
    }
  }
  logger.warn('mail event applied elsewhere, recipient status kept changing', { ...target, to });
  return false;
}

/**
 * The contact's outreach consent is withdrawn (a member write, in its history as `unsubscribe` by the
 * link of that campaign), and the recipient becomes `unsubscribed`. Applying it again changes nothing.
 */
async function applyUnsubscribe(
  event: UnsubscribeTarget & { at: string },
  deps: MailEventDeps,
): Promise<void> {
  const recipient = await new RecipientRepository(deps.db).get(event.campaignId, event.contactId);
  if (!recipient) return;
  await withdrawOutreach(
    recipient,
    { sub: `unsubscribe-link:${event.campaignId}`, role: 'member' },
    'unsubscribe',
    deps,
  );
  const moved = await advance(event, 'unsubscribed', {}, deps);
  // The first time only: a repeat of the event sends no second confirmation.
  // Decree 91/2020 asks that an unsubscribe be confirmed (unsubscribe-confirmation.ts).
  if (moved && inVietnam(recipient.values)) {
    const { campaignId, contactId, at } = event;
    await deps.sendQueue?.enqueue([{ unsubscribed: { campaignId, contactId, at } }]);
  }
}

/**
 * The provider's word on one email: delivered; bounced (a permanent bounce suppresses the address for
 * all mail); complained (suppressed, and outreach consent withdrawn); rejected (`failed`). A delay
 * changes nothing. A recipient `unknown` or still `claimed` is settled by it. After a bounce or a
 * complaint the campaign pauses itself if its rates pass SES's review thresholds.
 */
async function applyProviderEvent(event: ProviderEvent, deps: MailEventDeps): Promise<void> {
  const recipients = new RecipientRepository(deps.db);
  const recipient = await recipients.get(event.campaignId, event.contactId);
  // Not ours, or about another message to the same recipient (none is sent twice, but a test send
  // shares no recipient): nothing to apply.
  if (!recipient || (recipient.messageId !== null && recipient.messageId !== event.messageId)) return;
  const target = { campaignId: event.campaignId, contactId: event.contactId };
  const recorded = { messageId: event.messageId };
  if (event.type === 'delivery' || event.type === 'reject') {
    await advance(target, event.type === 'delivery' ? 'delivered' : 'failed', recorded, deps);
    return;
  }
  if (event.type === 'delay' || (event.type === 'bounce' && !event.permanent)) return;
  const at = deps.clock().toISOString();
  if (recipient.email) {
    await suppress(
      deps.db,
      await deps.suppression(),
      recipient.email,
      event.type === 'bounce' ? 'bounced' : 'complained',
      at,
    );
  }
  if (event.type === 'complaint') {
    await withdrawOutreach(
      recipient,
      { sub: `provider-complaint:${event.campaignId}`, role: 'member' },
      'complaint',
      deps,
    );
  }
  await advance(target, event.type === 'bounce' ? 'bounced' : 'complained', recorded, deps);
  await pauseIfHurting(event.campaignId, deps);
}

async function pauseIfHurting(campaignId: string, deps: MailEventDeps): Promise<void> {
  const why = pauseReason(await new RecipientRepository(deps.db).counts(campaignId));
  if (!why) return;
  const campaigns = new CampaignRepository(deps.db);
  if ((await campaigns.get(campaignId))?.state !== 'sending') return;
  try {
    await campaigns.move(campaignId, ['sending'], 'paused', deps.clock(), { pausedBecause: why });
    logger.warn('campaign paused itself', { campaignId, why });
  } catch (error) {
    // Paused, cancelled or sent by someone else meanwhile: nothing left to pause.
    if ((await campaigns.get(campaignId))?.state === 'sending') throw error;
  }
}
