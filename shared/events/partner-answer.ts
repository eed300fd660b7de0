import type { Database } from '../data/dynamo-client.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { MemberRepository } from '../members/member-repository.ts';
import { logger } from '../observability/logger.ts';
import { PartnerRepository } from '../partners/partner-repository.ts';
import { EventRepository } from './event-repository.ts';
import { EventService } from './event-service.ts';

/** A partner's answer to a meeting request, given through its emailed link (the public page queues it). */
export interface PartnerAnswer {
  eventId: string;
  requestId: string;
  partnerId: string;
  answer: 'accepted' | 'declined';
  /** When the partner posted it: the page checked the link and the request then. */
  at: string;
}

/**
 * Applies a partner's answer as the partner (`answeredBy: 'partner'`), as of when it was given: an
 * answer posted before the deadline counts even if the queue delivers it after. A request no longer
 * pending (answered already, this message twice, withdrawn, expired), an event past taking answers, or
 * a request or participant gone changes nothing; a write that lost a race throws, so the queue
 * delivers the message again and the answer is tried on what won.
 */
export async function applyPartnerAnswer(
  answer: PartnerAnswer,
  deps: { db: Database; newId: () => string },
): Promise<void> {
  const service = new EventService({
    events: new EventRepository(deps.db),
    members: new MemberRepository(deps.db),
    partners: new PartnerRepository(deps.db),
    clock: () => new Date(answer.at),
    newId: deps.newId,
  });
  const { eventId, requestId, partnerId } = answer;
  try {
    await service.answer(eventId, requestId, answer.answer, { role: 'partner', companyId: partnerId });
  } catch (error) {
    if (
      !(error instanceof ConflictError) &&
      !(error instanceof NotFoundError) &&
      !(error instanceof ForbiddenError)
    ) {
      throw error;
    }
    logger.info('partner answer not applied', { eventId, requestId, reason: error.message });
  }
}
