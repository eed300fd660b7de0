import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import { companyEventsPartition, eventKey, eventPartition, eventsPartition } from '../data/keys.ts';
import type { LastKey } from '../data/prefix-search.ts';
import { queryPage } from '../data/query-all.ts';
import { decoded } from '../members/stored-item-error.ts';
import { eventSummaryFrom, participantOf } from './event-items.ts';
import type { Participant } from './event-record-schema.ts';
import type { EventSummary } from './event-schema.ts';
import { isBeforeHeld } from './event-states.ts';

/**
 * The events a company takes part in (or withdrew from), the latest first, with its participation:
 * one Query of its events index partition, and one batch read of the events' summaries as they are
 * now (an event's state moves after the company registered). Apart from EventRepository so that the
 * member record, which only lists them, bundles none of the events' writes.
 */
export async function companyEvents(
  db: Database,
  companyId: string,
  options: { limit: number; startKey?: LastKey | undefined },
): Promise<{ items: { event: EventSummary; participant: Participant }[]; lastKey: LastKey | undefined }> {
  const page = await queryPage(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': companyEventsPartition(companyId) },
    ScanIndexForward: false,
    Limit: options.limit,
    ExclusiveStartKey: options.startKey,
  });
  const participations = decoded(() =>
    page.items.map((item) => ({
      eventId: String(item.pk).slice(eventPartition('').length),
      participant: participantOf(item),
    })),
  );
  const found = await batchGetAll(
    db,
    participations.map((p) => eventKey(p.eventId)),
    { projection: 'summary' },
  );
  const summaries = new Map(found.map((item) => [eventSummaryFrom(item).id, eventSummaryFrom(item)]));
  return {
    items: participations.flatMap(({ eventId, participant }) => {
      const event = summaries.get(eventId);
      return event ? [{ event, participant }] : [];
    }),
    lastKey: page.lastKey,
  };
}

/** How many events ahead a company may be registered for from its record. */
const upcomingLimit = 20;

/**
 * The events a company can still be registered for, soonest first: those whose first day is `today`
 * or later (one Query of the events index from that day, their summaries only) and that still take
 * participants, as EventService.register allows staff (not yet held). The first 20 from today are
 * read, a cancelled one among them included: an association plans a few events a season.
 */
export async function upcomingEvents(db: Database, today: string): Promise<EventSummary[]> {
  const page = await queryPage(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :today',
    ExpressionAttributeValues: { ':pk': eventsPartition, ':today': today },
    ExpressionAttributeNames: { '#summary': 'summary' },
    ProjectionExpression: '#summary',
    Limit: upcomingLimit,
  });
  return decoded(() => page.items.map(eventSummaryFrom).filter((event) => isBeforeHeld(event.state)));
}
