import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  ValidationError,
} from '../domain/errors.ts';
import type { Language } from '../domain/member-schema.ts';
import { logger } from '../observability/logger.ts';
import { writtenLanguages } from './audience.ts';
import type { CampaignRepository } from './campaign-repository.ts';
import type { Campaign } from './campaign-schema.ts';
import {
  type PublicRecipientStatus,
  publicCounts,
  publicStatusOf,
  type Recipient,
  type RecipientCounts,
} from './recipient.ts';
import type { RecipientRepository } from './recipient-repository.ts';
import type { CampaignScheduler, SendQueue } from './sending-deps.ts';

/** The edges a campaign's run needs; those a deployment lacks make the moves that need them a 503. */
export interface CampaignRunDeps {
  clock: () => Date;
  campaignScheduler?: CampaignScheduler;
  sendQueue?: SendQueue;
  /** The email address of a signed-in user, by token subject. */
  userEmail?: (sub: string) => Promise<string | undefined>;
}

export interface CampaignStats {
  /** Recipients: contacts the campaign mails (left-out ones aside). */
  audience: number;
  /** Contacts of the segment left out. */
  excluded: number;
  byStatus: Record<PublicRecipientStatus, number>;
}

/** A campaign's stats from its counts per stored status. */
export function campaignStatsOf(counts: RecipientCounts): CampaignStats {
  const byStatus = publicCounts(counts);
  const audience = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  return { audience, excluded: counts.excluded, byStatus };
}

/**
 * Running a campaign, for the API's sending routes and the console alike: scheduling, the moves
 * staff make once it is scheduled, test emails, releasing an unknown recipient, and the counts.
 */
export class CampaignRuns {
  constructor(
    private readonly deps: CampaignRunDeps,
    private readonly campaigns: CampaignRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  async found(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No campaign ${id}.`);
    return campaign;
  }

  private scheduler(): CampaignScheduler {
    if (!this.deps.campaignScheduler)
      throw new ServiceUnavailableError('This deployment cannot send campaigns yet.', 3600);
    return this.deps.campaignScheduler;
  }

  /**
   * A move asked for by someone who read the campaign at `expectedVersion`: refused (412) once it has
   * changed since, so nobody sends content they have not seen.
   */
  private async foundAt(id: string, expectedVersion: number | undefined): Promise<Campaign> {
    const campaign = await this.found(id);
    if (expectedVersion !== undefined && campaign.version !== expectedVersion) {
      throw new PreconditionFailedError('The campaign changed since it was read.');
    }
    return campaign;
  }

  /**
   * A draft scheduled for `sendAt` (in the future), or to send now without it; only at
   * `expectedVersion` when one is given.
   */
  async schedule(id: string, sendAt: string | undefined, expectedVersion?: number): Promise<Campaign> {
    const now = this.deps.clock();
    if (sendAt !== undefined && Date.parse(sendAt) <= now.getTime()) {
      throw new ValidationError([{ path: 'sendAt', message: 'Must be in the future; omit it to send now.' }]);
    }
    const when = sendAt === undefined ? now : new Date(sendAt);
    const run = this.scheduler();
    const draft = await this.foundAt(id, expectedVersion);
    // At the version read, in the same write: an edit landing after that read is never sent unseen.
    const campaign = await this.campaigns.move(
      id,
      ['draft'],
      'scheduled',
      now,
      { sendAt: when.toISOString() },
      expectedVersion,
    );
    try {
      await run.at(id, when);
    } catch (error) {
      // Nothing will fire it, so it goes back to the draft it was; a schedule the failed call did make
      // finds a draft and the dispatcher leaves it alone.
      await this.campaigns.move(id, ['scheduled'], 'draft', this.deps.clock(), { sendAt: draft.sendAt });
      throw error;
    }
    return campaign;
  }

  /**
   * Removes a campaign's schedule once the campaign has moved on. A schedule left behind by a failed
   * call is harmless (the dispatcher ignores a campaign that is not scheduled, or not yet due) and
   * deletes itself after firing, so the move stands and the failure is only logged.
   */
  private async dropSchedule(id: string) {
    try {
      await this.deps.campaignScheduler?.cancel(id);
    } catch (error) {
      logger.warn('campaign schedule left to lapse', { campaignId: id, error });
    }
  }

  async unschedule(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.move(id, ['scheduled'], 'draft', this.deps.clock());
    await this.dropSchedule(id);
    return campaign;
  }

  async cancel(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.move(
      id,
      ['scheduled', 'sending', 'paused'],
      'cancelled',
      this.deps.clock(),
      { pausedBecause: null },
    );
    await this.dropSchedule(id);
    return campaign;
  }

  async pause(id: string): Promise<Campaign> {
    return this.campaigns.move(id, ['sending'], 'paused', this.deps.clock(), { pausedBecause: null });
  }

  async resume(id: string): Promise<Campaign> {
    const run = this.scheduler();
    const now = this.deps.clock();
    const campaign = await this.campaigns.move(id, ['paused'], 'sending', now, { pausedBecause: null });
    // The dispatcher hands the still-queued recipients to the sender (and writes any a crash left out).
    await run.at(id, now);
    return campaign;
  }

  /** Queues each language variant for the signed-in user `sub`'s own address. */
  async queueTest(id: string, sub: string): Promise<{ to: string; languages: Language[] }> {
    const { sendQueue, userEmail } = this.deps;
    if (!sendQueue || !userEmail) {
      throw new ServiceUnavailableError('This deployment cannot send campaign emails yet.', 3600);
    }
    const campaign = await this.found(id);
    const to = await userEmail(sub);
    if (!to) throw new ConflictError('Your account has no email address to send the test emails to.');
    await sendQueue.enqueue([{ campaignId: id, testTo: to }]);
    return { to, languages: writtenLanguages(campaign) };
  }

  /** Gives a recipient whose send is unknown its one more attempt; resolves to it as queued again. */
  async release(id: string, contactId: string): Promise<Recipient> {
    const { sendQueue } = this.deps;
    if (!sendQueue) throw new ServiceUnavailableError('This deployment cannot send campaigns yet.', 3600);
    const campaign = await this.found(id);
    const recipient = await this.recipients.get(id, contactId);
    if (!recipient) throw new NotFoundError(`Campaign ${id} has no recipient ${contactId}.`);
    if (campaign.state === 'cancelled')
      throw new ConflictError('The campaign was cancelled; it sends nothing more.');
    if (recipient.status !== 'unknown') {
      const status = publicStatusOf(recipient.status) ?? `left out (${recipient.reason})`;
      throw new ConflictError(`The recipient is ${status}; only an unknown one can be released.`);
    }
    if (recipient.releasedAt !== null) {
      throw new ConflictError(`The recipient was released once already, at ${recipient.releasedAt}.`);
    }
    const now = this.deps.clock();
    const changes = { releasedAt: now.toISOString() };
    if (!(await this.recipients.move(recipient, 'unknown', 'queued', changes, now))) {
      throw new ConflictError('The recipient changed meanwhile; read it again.');
    }
    // A paused campaign's resume hands it over with the other queued ones.
    if (campaign.state !== 'paused') await sendQueue.enqueue([{ campaignId: id, contactId }]);
    return { ...recipient, ...changes, status: 'queued' };
  }

  async stats(id: string): Promise<CampaignStats> {
    await this.found(id);
    return campaignStatsOf(await this.recipients.counts(id));
  }
}
