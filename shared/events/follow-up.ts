import type { SendQueue } from '../campaigns/sending-deps.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { logger } from '../observability/logger.ts';
import type { EventRepository } from './event-repository.ts';

/**
 * Asks the sender to email one delegate of one side of a held meeting the follow-up question (was a
 * cooperation agreement reached?) with the links that answer it (follow-up-mail.ts composes it,
 * follow-up-links.ts signs the links).
 */
export interface FollowUpMessage {
  followUp: { eventId: string; meetingId: string; companyId: string; contactId: string };
}

/** What asking did: the meetings asked about, and the emails queued. */
export interface FollowUpAsked {
  asked: number;
  emails: number;
}

/**
 * Staff ask both sides again, months after the event (issue 11, as b2match's follow-up does): for each
 * meeting held, each side that has not said whether an agreement was reached gets the question, one
 * email per delegate. Only ids go on the queue: the sender reads the meeting and the contact when it
 * composes the email, so a side that answered meanwhile, or an erased contact, gets nothing. The time
 * is recorded on the event (`followUpAskedAt`) so staff see when they last asked; asking again is
 * allowed and asks whoever has still not answered.
 */
export async function askFollowUp(
  eventId: string,
  deps: { events: EventRepository; sendQueue?: SendQueue | undefined; clock: () => Date },
): Promise<FollowUpAsked> {
  const records = await deps.events.records(eventId);
  if (!records) throw new NotFoundError(`No event ${eventId}.`);
  const { event, participants, meetings } = records;
  if (event.state !== 'held' && event.state !== 'closed') {
    throw new ConflictError(
      `The event is ${event.state}: the follow-up question comes after it is held.`,
      'state',
    );
  }
  const delegatesOf = new Map(participants.map((p) => [p.id, p.delegates.map((d) => d.contactId)]));
  const messages: FollowUpMessage[] = [];
  let asked = 0;
  for (const meeting of meetings) {
    if (meeting.state !== 'held') continue;
    const sides = [meeting.a, meeting.b].filter((side) => meeting.outcomes[side]?.agreement === undefined);
    const before = messages.length;
    for (const companyId of sides) {
      for (const contactId of delegatesOf.get(companyId) ?? []) {
        messages.push({ followUp: { eventId, meetingId: meeting.id, companyId, contactId } });
      }
    }
    if (messages.length > before) asked++;
  }
  if (messages.length > 0) {
    if (!deps.sendQueue) {
      logger.warn('follow-up question not emailed: no send queue here', { eventId });
      return { asked: 0, emails: 0 };
    }
    await deps.sendQueue.enqueue(messages);
  }
  const now = deps.clock().toISOString();
  await deps.events.write([
    {
      kind: 'event',
      before: event,
      after: { ...event, followUpAskedAt: now, version: event.version + 1, updatedAt: now },
    },
  ]);
  return { asked, emails: messages.length };
}
