import type { Database } from '../data/dynamo-client.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Actor } from '../members/actor.ts';
import { MemberRepository } from '../members/member-repository.ts';
import { MemberService } from '../members/member-service.ts';
import { queueMemberRetier } from '../members/retier-job.ts';
import { logger } from '../observability/logger.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import type { RecipientStatus } from './recipient.ts';
import { RecipientRepository } from './recipient-repository.ts';
import type { UnsubscribeTarget } from './unsubscribe-token.ts';

/**
 * What happens to a campaign email after it left, applied by one consumer: today a recipient's
 * unsubscribe (from the public link); the provider's deliveries, bounces and complaints join here.
 * The public function only verifies a link and queues the event, so it needs no write access to
 * members (issue 7: public routes hand writes to a worker).
 */
export type MailEvent = { kind: 'unsubscribe'; at: string } & UnsubscribeTarget;

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
}

/** The recipient statuses an unsubscribe replaces: a complaint says more, and stays. */
const unsubscribable: readonly RecipientStatus[] = ['sent', 'delivered', 'unknown'];

export async function applyMailEvent(event: MailEvent, deps: MailEventDeps): Promise<void> {
  await applyUnsubscribe(event, deps);
}

/**
 * The contact's outreach consent is withdrawn (a member write, in its history as `unsubscribe` by the
 * link of that campaign), and the recipient becomes `unsubscribed`. Applying it again changes nothing.
 */
async function applyUnsubscribe(event: MailEvent, deps: MailEventDeps): Promise<void> {
  const recipients = new RecipientRepository(deps.db);
  const recipient = await recipients.get(event.campaignId, event.contactId);
  if (!recipient) return;
  const actor: Actor = { sub: `unsubscribe-link:${event.campaignId}`, role: 'member' };
  const members = new MemberRepository(deps.db);
  const service = new MemberService({
    members,
    settings: new SettingsRepository(deps.db),
    clock: deps.clock,
    newId: deps.newId,
    settleLater: (memberId) => queueMemberRetier({ ...deps, queue: deps.jobs }, memberId),
  });
  try {
    await service.withdrawConsent(recipient.memberId, recipient.contactId, 'outreach', actor, 'unsubscribe');
  } catch (error) {
    // The member was deleted since: there is no consent left to withdraw, only the recipient to mark.
    if (!(error instanceof NotFoundError)) throw error;
  }
  // A status moved by another event in between is read again; three tries settle any race of two.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = attempt === 0 ? recipient : await recipients.get(event.campaignId, event.contactId);
    if (!current || !unsubscribable.includes(current.status)) return;
    if (await recipients.move(current, current.status, 'unsubscribed', {}, deps.clock())) return;
  }
  logger.warn('unsubscribe applied to consent, recipient status kept changing', {
    campaignId: event.campaignId,
    contactId: event.contactId,
  });
}
