import type { Database } from '../data/dynamo-client.ts';
import { eventKey, eventParticipantKey, eventRequestKey } from '../data/keys.ts';
import { type Language, languages } from '../domain/languages.ts';
import { readEventRecords, record, strings } from './event-record-reads.ts';
import type { Event, MeetingRequest } from './event-schema.ts';

/** What a partner's answer page shows and decides on: the request, its event, and the two sides. */
export interface AnswerView {
  event: Pick<Event, 'name' | 'days' | 'timeZone' | 'requestDeadline' | 'state'>;
  request: Pick<
    MeetingRequest,
    'id' | 'from' | 'to' | 'status' | 'answeredBy' | 'topic' | 'priority' | 'reason'
  >;
  /** The partner asked: its kind, and its delegates' languages. */
  to: { kind: string; delegates: { contactId: string; language: Language }[] };
  /** The company asking. */
  from: { name: string; country: string };
}

/**
 * The public page's one read (issue 11): the event, the request and both participants, in one
 * consistent BatchGet of the event's partition (an answer just applied must not be offered again).
 * A light reader, as the pending links' is: it takes from each item the fields the page uses, checked
 * for their type, and bundles none of the events' schemas into the public function. Undefined if any
 * of the four is missing or not as the events context writes it.
 */
export async function readAnswerView(
  db: Database,
  eventId: string,
  requestId: string,
  partnerId: string,
): Promise<AnswerView | undefined> {
  const fromId = requestId.split('-').find((id) => id !== partnerId);
  if (!fromId) return undefined;
  const keys = {
    event: eventKey(eventId),
    request: eventRequestKey(eventId, requestId),
    to: eventParticipantKey(eventId, partnerId),
    from: eventParticipantKey(eventId, fromId),
  };
  const { event, request, to, from } = await readEventRecords(db, keys);
  const toCard = record(to?.card);
  const fromCard = record(from?.card);
  if (
    !strings(event, 'timeZone', 'requestDeadline', 'state') ||
    !record(event!.name) ||
    !Array.isArray(event!.days) ||
    !strings(request, 'id', 'from', 'to', 'status', 'topic', 'priority', 'reason') ||
    !strings(toCard, 'kind') ||
    !Array.isArray(to!.delegates) ||
    !strings(fromCard, 'name', 'country')
  ) {
    return undefined;
  }
  const delegates = (to!.delegates as unknown[]).map(record).flatMap((d) =>
    strings(d, 'contactId', 'language')
      ? [
          {
            contactId: d!.contactId as string,
            language: (languages as readonly string[]).includes(d!.language as string)
              ? (d!.language as Language)
              : ('en' as const),
          },
        ]
      : [],
  );
  return {
    event: event as unknown as AnswerView['event'],
    request: request as unknown as AnswerView['request'],
    to: { kind: toCard!.kind as string, delegates },
    from: { name: fromCard!.name as string, country: fromCard!.country as string },
  };
}
