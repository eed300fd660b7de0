import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import {
  eventKey,
  eventMeetingKey,
  eventParticipantKey,
  eventParticipantSortPrefix,
  eventPartition,
  eventReportKey,
  eventReportSortPrefix,
  eventRequestKey,
  eventRequestSortPrefix,
  eventsPartition,
  type Key,
  participantListPartition,
} from '../data/keys.ts';
import type { LastKey } from '../data/prefix-search.ts';
import { queryAll, queryPage } from '../data/query-all.ts';
import { maxTransactionItems, type TransactLeg, transactWrite } from '../data/transact.ts';
import { ConflictError, PreconditionFailedError } from '../domain/errors.ts';
import type { Item, StoredItem } from '../members/member-items.ts';
import { decoded } from '../members/stored-item-error.ts';
import { eventExists } from './event-exists.ts';
import {
  eventItem,
  eventOf,
  eventSummaryFrom,
  meetingItem,
  meetingOf,
  participantItem,
  participantOf,
  requestItem,
  requestOf,
} from './event-items.ts';
import {
  type Counts,
  type EventCounter,
  eventCounters,
  meetingDeltas,
  requestDeltas,
  sumDeltas,
} from './event-report-lines.ts';
import type { Event, EventSummary, Meeting, MeetingRequest, Participant } from './event-schema.ts';

/** One record's change: `before` undefined creates it, `after` undefined deletes it. */
export type EventChange =
  | { kind: 'event'; before: Event | undefined; after: Event }
  | { kind: 'participant'; event: Event; before: Participant | undefined; after: Participant }
  | {
      kind: 'request';
      eventId: string;
      before: MeetingRequest | undefined;
      after: MeetingRequest | undefined;
    }
  | { kind: 'meeting'; eventId: string; before: Meeting | undefined; after: Meeting | undefined };

export interface EventRecords {
  event: Event;
  participants: Participant[];
  requests: MeetingRequest[];
  meetings: Meeting[];
}

export interface Page<T> {
  items: T[];
  lastKey: LastKey | undefined;
}

/**
 * Reads and writes events and what hangs off them. A write is a list of changes, each conditioned on
 * the version it read, with the report counters they move (event-report-lines.ts) in the same
 * transaction; a long list (a schedule, a withdrawal) is cut into transactions that each keep their
 * counters with their records, so the report never counts what was not written.
 */
export class EventRepository {
  constructor(private readonly db: Database) {}

  async event(id: string, options: { consistent?: boolean } = {}): Promise<Event | undefined> {
    const item = await this.getItem(eventKey(id), options.consistent);
    return item ? decoded(() => eventOf(item)) : undefined;
  }

  async exists(id: string): Promise<boolean> {
    return eventExists(this.db, id);
  }

  async participant(
    eventId: string,
    companyId: string,
    consistent = false,
  ): Promise<Participant | undefined> {
    const item = await this.getItem(eventParticipantKey(eventId, companyId), consistent);
    return item ? decoded(() => participantOf(item)) : undefined;
  }

  async request(eventId: string, pair: string, consistent = false): Promise<MeetingRequest | undefined> {
    const item = await this.getItem(eventRequestKey(eventId, pair), consistent);
    return item ? decoded(() => requestOf(item)) : undefined;
  }

  async meeting(eventId: string, pair: string, consistent = false): Promise<Meeting | undefined> {
    const item = await this.getItem(eventMeetingKey(eventId, pair), consistent);
    return item ? decoded(() => meetingOf(item)) : undefined;
  }

  /** Events, the latest first day first. */
  async list(options: { limit: number; startKey?: LastKey | undefined }): Promise<Page<EventSummary>> {
    const page = await queryPage(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': eventsPartition },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: options.startKey,
    });
    return { items: page.items.map(eventSummaryFrom), lastKey: page.lastKey };
  }

  /** The whole event: one Query of its partition (the scheduler and the staff views need it all). */
  async records(eventId: string): Promise<EventRecords | undefined> {
    const items: StoredItem[] = [];
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': eventPartition(eventId) },
      ConsistentRead: true,
    })) {
      items.push(item);
    }
    const stored = items.find((i) => i.type === 'event');
    if (!stored) return undefined;
    return decoded(() => ({
      event: eventOf(stored),
      participants: items.filter((i) => i.type === 'eventParticipant').map(participantOf),
      requests: items.filter((i) => i.type === 'eventRequest').map(requestOf),
      meetings: items.filter((i) => i.type === 'eventMeeting').map(meetingOf),
    }));
  }

  async participants(eventId: string): Promise<Participant[]> {
    return this.partitionPrefix(eventId, eventParticipantSortPrefix, participantOf);
  }

  /** Every request of the event, one Query of its partition's requests. */
  async requests(eventId: string): Promise<MeetingRequest[]> {
    return this.partitionPrefix(eventId, eventRequestSortPrefix, requestOf);
  }

  /** A participant's requests or meetings: the pairs it is first of (gsi1) and second of (gsi2). */
  async requestsOf(eventId: string, companyId: string): Promise<MeetingRequest[]> {
    return this.eitherSide(participantListPartition(eventId, 'requests', companyId), requestOf);
  }

  async meetingsOf(eventId: string, companyId: string): Promise<Meeting[]> {
    const meetings = await this.eitherSide(
      participantListPartition(eventId, 'meetings', companyId),
      meetingOf,
    );
    return meetings.sort((x, y) => x.slot.localeCompare(y.slot) || x.id.localeCompare(y.id));
  }

  /** The report's counter lines, by line (`TOTAL`, `PAIR#RU-VN`, `TOPIC#…`). */
  async reportLines(eventId: string): Promise<Map<string, Counts>> {
    const lines = new Map<string, Counts>();
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': eventPartition(eventId), ':prefix': eventReportSortPrefix },
    })) {
      const counts: Counts = {};
      for (const counter of eventCounters) {
        if (typeof item[counter] === 'number') counts[counter] = item[counter] as number;
      }
      lines.set(String(item.sk).slice(eventReportSortPrefix.length), counts);
    }
    return lines;
  }

  /**
   * Writes the changes, each on the condition that its record is still at the version read (or absent,
   * for a new one). A change that lost a race fails its transaction: a 412 for one record, a 409 for a
   * create. Changes beyond one transaction's size go in several, in order.
   *
   * Under a `guard` (the event as read), every transaction also moves the event on by one version, on
   * the condition that it is still at the version the previous one left: a run, a withdrawal, a forced
   * meeting or a cancellation that read the event before any of them fails, however many transactions
   * this write takes. An event change among `changes` is written in the last transaction, at the final
   * version. Resolves to the event's version after the write (the guard's, without one).
   */
  async write(changes: EventChange[], options: { guard?: Event } = {}): Promise<number | undefined> {
    const table = this.db.tableName;
    const { guard } = options;
    const eventChange = guard ? changes.find((c) => c.kind === 'event') : undefined;
    const records = eventChange ? changes.filter((c) => c !== eventChange) : changes;
    let current = guard?.version;
    let legs: TransactLeg[] = [];
    let deltas: Map<string, Counts>[] = [];
    let eventId = guard?.id ?? '';
    const flush = async (last: boolean) => {
      const eventLegs: TransactLeg[] = [];
      if (guard && current !== undefined) {
        if (last && eventChange?.kind === 'event') {
          eventLegs.push(
            this.legOf(table, {
              kind: 'event',
              before: { ...eventChange.after, version: current },
              after: { ...eventChange.after, version: current + 1 },
            }).leg,
          );
        } else {
          eventLegs.push({
            Update: {
              TableName: table,
              Key: eventKey(guard.id),
              UpdateExpression: 'SET #event.version = :next',
              ConditionExpression: '#event.version = :current',
              ExpressionAttributeNames: { '#event': 'event' },
              ExpressionAttributeValues: { ':current': current, ':next': current + 1 },
            },
          });
        }
      }
      if (legs.length === 0 && eventLegs.length === 0) return;
      const counterLegs = this.counterLegs(eventId, sumDeltas(deltas));
      try {
        await transactWrite(this.db, [...legs, ...counterLegs, ...eventLegs]);
      } catch (error) {
        throw explain(error, changes.length === 1 && changes[0]!.before === undefined);
      }
      if (current !== undefined && eventLegs.length > 0) current += 1;
      legs = [];
      deltas = [];
    };
    for (const change of records) {
      const { leg, delta, id } = this.legOf(table, change);
      // Every record's counter lines fit beside it (at most 3 per record), and the event's leg.
      const lines = new Set([...deltas.flatMap((d) => [...d.keys()]), ...delta.keys()]);
      if (legs.length + 2 + lines.size > maxTransactionItems) await flush(false);
      eventId = id;
      legs.push(leg);
      deltas.push(delta);
    }
    await flush(true);
    return current;
  }

  private legOf(
    table: string,
    change: EventChange,
  ): { leg: TransactLeg; delta: Map<string, Counts>; id: string } {
    const conditioned = (
      item: Item | undefined,
      key: Key,
      before: { version: number } | undefined,
    ): TransactLeg => {
      const condition = before
        ? {
            ConditionExpression: 'attribute_exists(pk) AND #record.version = :expected',
            ExpressionAttributeNames: { '#record': recordField[change.kind] },
            ExpressionAttributeValues: { ':expected': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      return item
        ? { Put: { TableName: table, Item: item, ...condition } }
        : { Delete: { TableName: table, Key: key, ...condition } };
    };
    switch (change.kind) {
      case 'event':
        return {
          leg: conditioned(eventItem(change.after), eventKey(change.after.id), change.before),
          delta: new Map(),
          id: change.after.id,
        };
      case 'participant':
        return {
          leg: conditioned(
            participantItem(change.event.id, change.after, change.event),
            eventParticipantKey(change.event.id, change.after.id),
            change.before,
          ),
          delta: new Map(),
          id: change.event.id,
        };
      case 'request':
        return {
          leg: conditioned(
            change.after && requestItem(change.eventId, change.after),
            eventRequestKey(change.eventId, (change.after ?? change.before)!.id),
            change.before,
          ),
          delta: requestDeltas(change.before, change.after),
          id: change.eventId,
        };
      case 'meeting':
        return {
          leg: conditioned(
            change.after && meetingItem(change.eventId, change.after),
            eventMeetingKey(change.eventId, (change.after ?? change.before)!.id),
            change.before,
          ),
          delta: meetingDeltas(change.before, change.after),
          id: change.eventId,
        };
    }
  }

  private counterLegs(eventId: string, lines: Map<string, Counts>): TransactLeg[] {
    const legs: TransactLeg[] = [];
    for (const [line, counts] of lines) {
      const entries = Object.entries(counts).filter(([, n]) => n !== 0) as [EventCounter, number][];
      if (entries.length === 0) continue;
      legs.push({
        Update: {
          TableName: this.db.tableName,
          Key: eventReportKey(eventId, line),
          UpdateExpression: `ADD ${entries.map(([counter]) => `#${counter} :${counter}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([counter]) => [`#${counter}`, counter])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([counter, n]) => [`:${counter}`, n])),
        },
      });
    }
    return legs;
  }

  private async partitionPrefix<T>(
    eventId: string,
    prefix: string,
    read: (item: StoredItem) => T,
  ): Promise<T[]> {
    const items: StoredItem[] = [];
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': eventPartition(eventId), ':prefix': prefix },
    })) {
      items.push(item);
    }
    return decoded(() => items.map(read));
  }

  private async eitherSide<T>(partition: string, read: (item: StoredItem) => T): Promise<T[]> {
    const [first, second] = await Promise.all(
      (['gsi1', 'gsi2'] as const).map(async (index) => {
        const items: StoredItem[] = [];
        for await (const item of queryAll(this.db, {
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ':pk': partition },
        })) {
          items.push(item);
        }
        return items;
      }),
    );
    return decoded(() => [...first!, ...second!].map(read));
  }

  private async getItem(key: Key, consistent = false): Promise<StoredItem | undefined> {
    try {
      const result = await this.db.doc.send(
        new GetCommand({
          TableName: this.db.tableName,
          Key: key,
          ...(consistent ? { ConsistentRead: true } : {}),
        }),
      );
      return result.Item;
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}

const recordField: Record<EventChange['kind'], string> = {
  event: 'event',
  participant: 'participant',
  request: 'request',
  meeting: 'meeting',
};

/** A create that finds its record is a 409; anything else that lost a race (the guard too) a 412. */
function explain(error: unknown, createLeg: boolean): unknown {
  const reasons = cancellationReasons(error);
  if (!reasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return error;
  return createLeg && reasons[0]?.Code === 'ConditionalCheckFailed'
    ? new ConflictError('It exists already.')
    : new PreconditionFailedError('The event changed while this was written; fetch it again and retry.');
}
