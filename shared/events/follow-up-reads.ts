import type { Database } from '../data/dynamo-client.ts';
import { eventKey, eventMeetingKey, eventParticipantKey } from '../data/keys.ts';
import { type Language, languages } from '../domain/languages.ts';
import { readEventRecords, record, strings } from './event-record-reads.ts';

/** What the follow-up page shows and decides on: the event, the meeting, the side and its counterpart. */
export interface FollowUpView {
  event: { name: { ru?: string; vi?: string; en?: string }; state: string };
  meeting: { slot: string; state: string };
  /** The side's current answer, if it gave one. */
  agreement?: boolean;
  /** The languages of the side's delegates, the first first. */
  languages: Language[];
  counterpart: { name: string; latinName?: string };
}

/**
 * The follow-up page's one read (issue 11): the event, the meeting and its two sides, in one
 * consistent BatchGet of the event's partition. A light reader, as the answer page's is
 * (answer-link-reads.ts): it takes from each item the fields the page uses, checked for their type,
 * and bundles none of the events' schemas into the public function. Undefined if any is missing, or
 * `companyId` is not a side of the meeting.
 */
export async function readFollowUpView(
  db: Database,
  eventId: string,
  meetingId: string,
  companyId: string,
): Promise<FollowUpView | undefined> {
  const otherId = meetingId.split('-').find((id) => id !== companyId);
  if (!otherId || otherId === meetingId) return undefined;
  const keys = {
    event: eventKey(eventId),
    meeting: eventMeetingKey(eventId, meetingId),
    side: eventParticipantKey(eventId, companyId),
    other: eventParticipantKey(eventId, otherId),
  };
  const { event, meeting, side, other } = await readEventRecords(db, keys);
  const otherCard = record(other?.card);
  if (
    !strings(event, 'state') ||
    !record(event!.name) ||
    !strings(meeting, 'a', 'b', 'slot', 'state') ||
    (meeting!.a !== companyId && meeting!.b !== companyId) ||
    !side ||
    !Array.isArray(side.delegates) ||
    !strings(otherCard, 'name')
  ) {
    return undefined;
  }
  const outcome = record(record(meeting!.outcomes)?.[companyId]);
  const spoken = (side.delegates as unknown[])
    .map((d) => record(d)?.language)
    .filter((l): l is Language => (languages as readonly unknown[]).includes(l));
  return {
    event: { name: event!.name as FollowUpView['event']['name'], state: event!.state as string },
    meeting: { slot: meeting!.slot as string, state: meeting!.state as string },
    ...(typeof outcome?.agreement === 'boolean' ? { agreement: outcome.agreement } : {}),
    languages: spoken.length > 0 ? spoken : ['en'],
    counterpart: {
      name: otherCard!.name as string,
      ...(typeof otherCard!.latinName === 'string' ? { latinName: otherCard!.latinName } : {}),
    },
  };
}
