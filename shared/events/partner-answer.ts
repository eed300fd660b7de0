import type { Database } from '../data/dynamo-client.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { logger } from '../observability/logger.ts';
import { EventRepository } from './event-repository.ts';
import { answeredRequest } from './meeting-rules.ts';

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
export async function applyPartnerAnswer(answer: PartnerAnswer, deps: { db: Database }): Promise<void> {
  const events = new EventRepository(deps.db);
  const { eventId, requestId, partnerId } = answer;
  try {
    // What EventService.answer does, with the same rule (meeting-rules.ts), without the service: the
    // mail-event worker bundles no registration or scheduling code for it.
    const event = await events.event(eventId);
    if (!event) throw new NotFoundError(`No event ${eventId}.`);
    const stored = await events.request(eventId, requestId, true);
    if (!stored) throw new NotFoundError(`No request ${requestId}.`);
    const by = { role: 'partner', companyId: partnerId } as const;
    const after = answeredRequest(event, stored, answer.answer, by, new Date(answer.at));
    await events.write([{ kind: 'request', eventId, before: stored, after }]);
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
