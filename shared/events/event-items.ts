import type { z } from 'zod';
import {
  companyEventsPartition,
  eventKey,
  eventMeetingKey,
  eventParticipantKey,
  eventRequestKey,
  eventsPartition,
  participantListPartition,
} from '../data/keys.ts';
import type { Item, StoredItem } from '../members/member-items.ts';
import { reportUnreadable, StoredItemUnreadableError, storedKeyOf } from '../members/stored-item-error.ts';
import {
  type Event,
  eventSchema,
  type Meeting,
  type MeetingRequest,
  meetingRequestSchema,
  meetingSchema,
  type Participant,
  participantSchema,
} from './event-record-schema.ts';
import type { EventSummary } from './event-schema.ts';

/**
 * Pure mapping between an event's records and their items. Everything of an event lives in its own
 * partition (one Query reads it whole, for the scheduler); a participant's requests and meetings are
 * also listed under each side's id (gsi1 for the first of the pair, gsi2 for the second), and a
 * participation under the company's events, so a member's own view is one Query away.
 */
export const eventItemSchemaVersion = 1;

const firstDay = (event: Pick<Event, 'days'>) => [...event.days].map((d) => d.date).sort()[0] ?? '';
const lastDay = (event: Pick<Event, 'days'>) =>
  [...event.days]
    .map((d) => d.date)
    .sort()
    .at(-1) ?? '';

export function eventSummaryOf(event: Event): EventSummary {
  return {
    id: event.id,
    name: event.name,
    ...(event.city ? { city: event.city } : {}),
    online: event.online,
    timeZone: event.timeZone,
    state: event.state,
    firstDay: firstDay(event),
    lastDay: lastDay(event),
  };
}

export function eventItem(event: Event): Item {
  return {
    ...eventKey(event.id),
    type: 'event',
    schemaVersion: eventItemSchemaVersion,
    gsi1pk: eventsPartition,
    gsi1sk: `${firstDay(event)}#${event.id}`,
    summary: eventSummaryOf(event),
    event,
  };
}

/** A participation, listed under its company by the event’s first day (the event itself is read for its state). */
export function participantItem(eventId: string, participant: Participant, event: Event): Item {
  return {
    ...eventParticipantKey(eventId, participant.id),
    type: 'eventParticipant',
    schemaVersion: eventItemSchemaVersion,
    gsi1pk: companyEventsPartition(participant.id),
    gsi1sk: `${firstDay(event)}#${eventId}`,
    participant,
  };
}

function bothSides(eventId: string, list: 'requests' | 'meetings', a: string, b: string, order: string) {
  const [first, second] = [a, b].sort() as [string, string];
  return {
    gsi1pk: participantListPartition(eventId, list, first),
    gsi1sk: order,
    gsi2pk: participantListPartition(eventId, list, second),
    gsi2sk: order,
  };
}

export function requestItem(eventId: string, request: MeetingRequest): Item {
  return {
    ...eventRequestKey(eventId, request.id),
    type: 'eventRequest',
    schemaVersion: eventItemSchemaVersion,
    ...bothSides(eventId, 'requests', request.from, request.to, request.id),
    request,
  };
}

export function meetingItem(eventId: string, meeting: Meeting): Item {
  return {
    ...eventMeetingKey(eventId, meeting.id),
    type: 'eventMeeting',
    schemaVersion: eventItemSchemaVersion,
    ...bothSides(eventId, 'meetings', meeting.a, meeting.b, `${meeting.slot}#${meeting.id}`),
    meeting,
  };
}

/** A nested record of an item through its schema; an item of another layout or shape is unreadable. */
function nested<T extends z.ZodType>(schema: T, item: StoredItem, field: string): z.output<T> {
  const parsed = item.schemaVersion === eventItemSchemaVersion ? schema.safeParse(item[field]) : undefined;
  if (parsed?.success) return parsed.data;
  const error = new StoredItemUnreadableError(storedKeyOf(item));
  reportUnreadable(error);
  throw error;
}

export const eventOf = (item: StoredItem): Event => nested(eventSchema, item, 'event');
export const participantOf = (item: StoredItem): Participant =>
  nested(participantSchema, item, 'participant');
export const requestOf = (item: StoredItem): MeetingRequest => nested(meetingRequestSchema, item, 'request');
export const meetingOf = (item: StoredItem): Meeting => nested(meetingSchema, item, 'meeting');
export const eventSummaryFrom = (item: StoredItem): EventSummary => item.summary as EventSummary;
