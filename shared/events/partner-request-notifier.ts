import type { SendQueue } from '../campaigns/sending-deps.ts';
import { logger } from '../observability/logger.ts';
import type { Event, MeetingRequest, Participant } from './event-schema.ts';

/**
 * Asks the sender to email one delegate of a requested partner the request, with the link that answers
 * it (partner-request-mail.ts composes it; partner-answer-links.ts signs the link).
 */
export interface PartnerRequestMessage {
  partnerRequest: { eventId: string; requestId: string; contactId: string };
}

/**
 * The hook EventService calls after storing a request (`requested`): a partner has no account, so each
 * of its delegates is emailed the request and a link to accept or decline it. A member asked finds the
 * request in the app; nothing is sent for it. Only ids go on the queue: the sender reads the event, the
 * request and the partner's contacts when it composes the email, so what is sent is current then (an
 * answered or withdrawn request, an erased contact get nothing). The request is stored already when
 * this runs, so a queue that fails is logged, not thrown: staff can still answer for the partner.
 */
export function partnerRequestNotifier(deps: { sendQueue?: SendQueue | undefined }) {
  return async (event: Event, request: MeetingRequest, to: Participant): Promise<void> => {
    if (to.card.kind !== 'partner' || to.delegates.length === 0) return;
    const ids = { eventId: event.id, requestId: request.id };
    if (!deps.sendQueue) {
      logger.warn('meeting request not emailed to the partner: no send queue here', ids);
      return;
    }
    try {
      await deps.sendQueue.enqueue(
        to.delegates.map((d) => ({ partnerRequest: { ...ids, contactId: d.contactId } })),
      );
    } catch (error) {
      logger.error('meeting request not emailed to the partner: the send queue failed', {
        ...ids,
        error: error as Error,
      });
    }
  };
}
