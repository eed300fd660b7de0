import type { EventChange, EventRecords } from './event-repository.ts';
import type { Meeting, Participant } from './event-schema.ts';
import { slotsOf } from './event-slots.ts';
import type { PlacedMeeting, ScheduleInstance, ScheduleResult } from './scheduling/schedule-instance.ts';
import { scheduleMeetings } from './scheduling/schedule-meetings.ts';

/**
 * Between an event's records and the pure scheduler: the instance it solves (registered participants'
 * delegates per slot, accepted requests, confirmed meetings kept where they are) and the changes that
 * store its answer. Meetings only placed by an earlier run are placed again from scratch: the run may
 * move them to fit more, and one left where it was is not rewritten.
 */
export function scheduleInstanceOf(records: EventRecords): ScheduleInstance {
  const { event } = records;
  const slots = slotsOf(event).map((s) => s.id);
  const registered = records.participants.filter((p) => p.status === 'registered');
  const live = new Set(registered.map((p) => p.id));
  const fixed = records.meetings.filter((m) => m.state !== 'cancelled' && m.state !== 'placed');
  const fixedIds = new Set(fixed.map((m) => m.id));
  // The spare tables (the last ones) are kept for staff; one a forced meeting took is known to the run.
  const usable = event.tables.slice(0, event.tables.length - event.spareTables).map((t) => t.id);
  const forcedOnSpare = fixed.map((m) => m.table).filter((t) => !usable.includes(t));
  const tables = event.tables.map((t) => t.id).filter((t) => usable.includes(t) || forcedOnSpare.includes(t));
  return {
    slots,
    tables,
    // A company that withdrew after its meeting was held is there for that meeting only (no capacity):
    // its table and its counterpart's delegate stay taken in that slot.
    participants: records.participants
      .filter((p) => live.has(p.id) || fixed.some((m) => m.a === p.id || m.b === p.id))
      .map((p) => ({ id: p.id, languages: p.languages, capacity: live.has(p.id) ? capacityOf(p) : {} })),
    requests: records.requests
      .filter((r) => (r.status === 'accepted' && live.has(r.from) && live.has(r.to)) || fixedIds.has(r.id))
      .map((r) => ({ id: r.id, a: r.from, b: r.to, priority: r.priority })),
    interpreters: event.interpreters.map((i) => ({
      id: i.id,
      pairs: i.pairs.map(([x, y]) => [x!, y!] as const),
      slots: i.slots ?? slots,
    })),
    fixed: fixed
      .filter((m) => records.requests.some((r) => r.id === m.id))
      .map((m) => ({
        requestId: m.id,
        slot: m.slot,
        table: m.table,
        ...(m.interpreter !== undefined ? { interpreter: m.interpreter } : {}),
      })),
  };
}

function capacityOf(p: Participant): Record<string, number> {
  const capacity: Record<string, number> = {};
  for (const d of p.delegates) for (const slot of d.slots) capacity[slot] = (capacity[slot] ?? 0) + 1;
  return capacity;
}

export async function runSchedule(records: EventRecords, timeLimitMs?: number): Promise<ScheduleResult> {
  return scheduleMeetings(scheduleInstanceOf(records), timeLimitMs === undefined ? {} : { timeLimitMs });
}

/**
 * The changes that store a run's result: new placed meetings (each side's delegate chosen among those
 * present and not busy in the slot), earlier placed ones deleted when the run moved or dropped them.
 */
export function scheduleChanges(records: EventRecords, result: ScheduleResult, now: string): EventChange[] {
  const eventId = records.event.id;
  const participants = new Map(records.participants.map((p) => [p.id, p]));
  const requests = new Map(records.requests.map((r) => [r.id, r]));
  const previous = new Map(records.meetings.map((m) => [m.id, m]));
  const busy = new Set<string>();
  for (const m of records.meetings) {
    if (m.state === 'cancelled' || m.state === 'placed') continue;
    for (const [side, contact] of Object.entries(m.delegates)) busy.add(`${m.slot}/${side}/${contact}`);
  }
  const changes: EventChange[] = [];
  const placedIds = new Set<string>();
  for (const placed of [...result.placed].sort(byPlace)) {
    const request = requests.get(placed.requestId)!;
    placedIds.add(request.id);
    const delegates: Record<string, string> = {};
    for (const side of [request.from, request.to]) {
      const delegate = participants
        .get(side)!
        .delegates.find(
          (d) => d.slots.includes(placed.slot) && !busy.has(`${placed.slot}/${side}/${d.contactId}`),
        );
      // The scheduler kept each side within its delegates present; a miss is a bug, not a state.
      if (!delegate) throw new Error(`schedule: no delegate of ${side} free in ${placed.slot}`);
      busy.add(`${placed.slot}/${side}/${delegate.contactId}`);
      delegates[side] = delegate.contactId;
    }
    const before = previous.get(request.id);
    const [a, b] = request.id.split('-') as [string, string];
    const meeting: Meeting = {
      id: request.id,
      a,
      b,
      topic: request.topic,
      countryPair: request.countryPair,
      priority: request.priority,
      slot: placed.slot,
      table: placed.table,
      ...(placed.interpreter !== undefined ? { interpreter: placed.interpreter } : {}),
      delegates,
      state: 'placed',
      forced: false,
      outcomes: {},
      version: (before?.version ?? 0) + 1,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    if (before && before.state === 'placed' && samePlace(before, meeting)) continue;
    changes.push({ kind: 'meeting', eventId, before, after: meeting });
  }
  for (const m of records.meetings) {
    if (m.state === 'placed' && !placedIds.has(m.id))
      changes.push({ kind: 'meeting', eventId, before: m, after: undefined });
  }
  return changes;
}

const byPlace = (x: PlacedMeeting, y: PlacedMeeting) =>
  x.slot.localeCompare(y.slot) || x.table.localeCompare(y.table) || x.requestId.localeCompare(y.requestId);

const samePlace = (x: Meeting, y: Meeting) =>
  x.slot === y.slot &&
  x.table === y.table &&
  x.interpreter === y.interpreter &&
  JSON.stringify(x.delegates) === JSON.stringify(y.delegates);

/**
 * Publishing: every meeting the run leaves placed becomes confirmed, those it just wrote and those an
 * earlier run placed where this one left them.
 */
export function confirmChanges(records: EventRecords, changes: EventChange[], now: string): EventChange[] {
  const touched = new Set(changes.flatMap((c) => (c.kind === 'meeting' ? [(c.after ?? c.before)!.id] : [])));
  const confirmed = changes.map((c) =>
    c.kind === 'meeting' && c.after?.state === 'placed'
      ? { ...c, after: { ...c.after, state: 'confirmed' as const } }
      : c,
  );
  const left = records.meetings
    .filter((m) => m.state === 'placed' && !touched.has(m.id))
    .map((m) => ({
      kind: 'meeting' as const,
      eventId: records.event.id,
      before: m,
      after: { ...m, state: 'confirmed' as const, version: m.version + 1, updatedAt: now },
    }));
  return [...confirmed, ...left];
}
