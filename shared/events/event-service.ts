import { atVersion } from '../concurrency/at-version.ts';
import { pairId } from '../data/keys.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import type { ExpectedVersion } from '../domain/expected-version.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import type { Actor } from '../members/actor.ts';
import type { MemberReads } from '../members/member-read.ts';
import { applyMergePatch } from '../members/merge-patch.ts';
import type { PartnerReads } from '../partners/partner-read.ts';
import type { EventChange, EventRepository } from './event-repository.ts';
import {
  type Event,
  type EventCreate,
  eventCreateSchema,
  type Meeting,
  type MeetingCreate,
  type MeetingRequest,
  type MeetingRequestCreate,
  type Participant,
  type Registration,
} from './event-schema.ts';
import { dayProblems, eventBegins, slotsOf } from './event-slots.ts';
import {
  canMoveEvent,
  type EventState,
  eventMovesAt,
  eventStates,
  isBeforeHeld,
  nextEventStates,
} from './event-states.ts';
import {
  answeredRequest,
  commonTopic,
  countryPairOf,
  type RequestAnswerer,
  requestAsOf,
} from './meeting-rules.ts';
import { type CompanyRef, participantFrom, readCompany, registrationIn } from './participations.ts';
import { eventAfterChange, type PublishedHook, queueAfterChange } from './published-changes.ts';

export interface EventServiceDeps {
  events: EventRepository;
  /** Members and partners are only read, to register them: MemberRepository and PartnerRepository do, or their reads alone. */
  members: MemberReads;
  partners: PartnerReads;
  clock: () => Date;
  newId: () => string;
  /** Called after a request is stored: a partner asked is emailed a link to answer (partner-answer-links.ts). */
  requested?: (event: Event, request: MeetingRequest, to: Participant) => Promise<void>;
  /**
   * Called after a withdrawal cancelled a published meeting, with the event at its new schedule
   * version: the agendas that changed are sent (agenda-queue.ts `queueChangedAgendas`).
   */
  published?: PublishedHook | undefined;
}

/** Tables the scheduler leaves free when none are named: 10% of them, rounded up. */
export const defaultSpareTables = (tableCount: number): number => Math.ceil(tableCount / 10);

/** The event use cases up to the schedule: events, participants, requests and added meetings. */
export class EventService {
  constructor(private readonly deps: EventServiceDeps) {}

  async get(id: string, options: { consistent?: boolean } = {}): Promise<Event> {
    const event = await this.deps.events.event(id, options);
    if (!event) throw new NotFoundError(`No event ${id}.`);
    return event;
  }

  async create(input: EventCreate): Promise<Event> {
    const now = this.deps.clock().toISOString();
    const event: Event = {
      id: this.deps.newId(),
      name: input.name,
      ...(input.city ? { city: input.city } : {}),
      online: input.online,
      timeZone: input.timeZone,
      days: input.days,
      slotMinutes: input.slotMinutes,
      gapMinutes: input.gapMinutes,
      tables: input.tables,
      spareTables: input.spareTables ?? defaultSpareTables(input.tables.length),
      registrationDeadline: new Date(input.registrationDeadline).toISOString(),
      requestDeadline: new Date(input.requestDeadline).toISOString(),
      interpreters: input.interpreters,
      state: 'draft',
      scheduleVersion: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    checkEvent(event);
    await this.deps.events.write([{ kind: 'event', before: undefined, after: event }]);
    return event;
  }

  /** A merge patch of the event's fields and its state; the plan (days, slots, tables) is fixed once scheduled. */
  async patch(id: string, patch: Record<string, unknown>, expected: ExpectedVersion): Promise<Event> {
    return atVersion({
      what: 'event',
      read: () => this.get(id, { consistent: true }),
      expected,
      change: async (before) => {
        const { state: to, ...fields } = patch;
        const merged = applyMergePatch(editableOf(before), fields);
        const parsed = eventCreateSchema.safeParse(merged);
        if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues));
        const input = parsed.data;
        const now = this.deps.clock().toISOString();
        const after: Event = {
          ...before,
          name: input.name,
          city: input.city,
          online: input.online,
          timeZone: input.timeZone,
          days: input.days,
          slotMinutes: input.slotMinutes,
          gapMinutes: input.gapMinutes,
          tables: input.tables,
          spareTables: input.spareTables ?? before.spareTables,
          registrationDeadline: new Date(input.registrationDeadline).toISOString(),
          requestDeadline: new Date(input.requestDeadline).toISOString(),
          interpreters: input.interpreters,
          version: before.version + 1,
          updatedAt: now,
        };
        if (after.city === undefined) delete after.city;
        if (to !== undefined && to !== before.state) after.state = this.checkMove(before, to);
        const planChanged = ['days', 'slotMinutes', 'gapMinutes', 'tables', 'timeZone', 'interpreters'].some(
          (field) =>
            JSON.stringify(before[field as keyof Event]) !== JSON.stringify(after[field as keyof Event]),
        );
        if (planChanged && !(before.state === 'draft' || before.state === 'open')) {
          throw new ConflictError(
            `The days, slots, tables and interpreters are fixed once the event is ${before.state}.`,
            'state',
          );
        }
        checkEvent(after);
        if (planChanged) await this.checkPlanInUse(before, after);
        const cancelled =
          after.state === 'cancelled' && before.state !== 'cancelled'
            ? await this.standingMeetings(before)
            : [];
        // A published meeting cancelled with the event moves the schedule on, as a withdrawal does, so
        // that each delegate who was sent one is sent its cancellation.
        after.scheduleVersion = eventAfterChange(before, cancelled, now).scheduleVersion;
        const version = await this.deps.events.write(
          [...cancelled.map((m) => withdrawnMeeting(id, m, now)), { kind: 'event', before, after }],
          { guard: before },
        );
        const written = { ...after, version: version ?? after.version };
        await queueAfterChange(this.deps.published, before, written, 'the event’s cancellation');
        return written;
      },
    });
  }

  /**
   * The meetings a cancelled event cancels with it (placed ones are deleted: withdrawnMeeting), so
   * agendas and calendars drop them.
   */
  private async standingMeetings(event: Event): Promise<Meeting[]> {
    const records = await this.deps.events.records(event.id);
    return (records?.meetings ?? []).filter((m) => m.state === 'placed' || m.state === 'confirmed');
  }

  /**
   * A plan edit may not pull the ground from under what stands on it: slots change only while no
   * company is registered (registrations name their slots), and a table or interpreter a meeting uses
   * stays.
   */
  private async checkPlanInUse(before: Event, after: Event): Promise<void> {
    const records = await this.deps.events.records(before.id);
    if (!records) return;
    const slotIds = (e: Event) =>
      slotsOf(e)
        .map((slot) => slot.id)
        .join();
    if (slotIds(before) !== slotIds(after) && records.participants.some((p) => p.status === 'registered')) {
      throw new ConflictError(
        'The slots are fixed once companies have registered (their registrations name their slots).',
        'days',
      );
    }
    const live = records.meetings.filter((m) => m.state !== 'cancelled');
    const tables = new Set(after.tables.map((t) => t.id));
    const interpreters = new Set(after.interpreters.map((i) => i.id));
    const lost = live.find(
      (m) => !tables.has(m.table) || (m.interpreter && !interpreters.has(m.interpreter)),
    );
    if (lost) {
      throw new ConflictError(
        `Meeting ${lost.id} uses table ${lost.table}${lost.interpreter ? ` and interpreter ${lost.interpreter}` : ''}; keep them.`,
        tables.has(lost.table) ? 'interpreters' : 'tables',
      );
    }
  }

  private checkMove(event: Event, to: unknown): EventState {
    const target = String(to) as EventState;
    if (!(eventStates as readonly string[]).includes(target)) {
      throw new ValidationError([{ path: 'state', message: `Must be one of: ${eventStates.join(', ')}.` }]);
    }
    if (target === 'scheduled') {
      throw new ConflictError(
        'An event becomes scheduled by publishing its schedule (POST …/schedule).',
        'state',
      );
    }
    if (!canMoveEvent(event.state, target)) {
      throw new ConflictError(
        `An event that is ${event.state} cannot become ${target}; it may become: ${nextEventStates(event.state).join(', ') || 'nothing'}.`,
        'state',
      );
    }
    if (!eventMovesAt(event, this.deps.clock()).includes(target)) {
      throw new ConflictError(
        `The event begins at ${eventBegins(event).toISOString()}: it is held once it has begun.`,
        'state',
      );
    }
    return target;
  }

  /**
   * Registers a company, or registers it again after it withdrew. A member registers itself while the
   * event is open and before the deadline; staff register anyone until the event is held.
   */
  async register(
    eventId: string,
    company: CompanyRef,
    input: Registration,
    actor: Actor,
  ): Promise<Participant> {
    const event = await this.get(eventId);
    if (actor.role === 'member') {
      // A draft is staff's: a member learns nothing of it, not even that it exists.
      if (event.state === 'draft') throw new NotFoundError(`No event ${eventId}.`);
      if (event.state !== 'open')
        throw new ConflictError(`Registration is closed: the event is ${event.state}.`, 'state');
      if (this.deps.clock().getTime() >= Date.parse(event.registrationDeadline)) {
        throw new ConflictError('The registration deadline has passed.', 'registrationDeadline');
      }
    } else if (!isBeforeHeld(event.state)) {
      throw new ConflictError(`The event is ${event.state}: it takes no more participants.`, 'state');
    }
    const found = await readCompany(this.deps, company, company.kind === 'member' ? 'memberId' : 'partnerId');
    const before = await this.deps.events.participant(eventId, company.id, true);
    if (before?.status === 'registered') {
      throw new ConflictError(
        'The company is registered already.',
        company.kind === 'member' ? 'memberId' : 'partnerId',
      );
    }
    const participant = participantFrom(event, found, input, before, this.deps.clock().toISOString());
    await this.deps.events.write([{ kind: 'participant', event, before, after: participant }]);
    return participant;
  }

  /**
   * A company withdraws: it holds no slots any more. Its open requests are withdrawn and its meetings
   * cancelled; a published one's counterparts are sent their changed agendas at once, at a new schedule
   * version (the cancellation in their calendars), and so are its own delegates who were sent it.
   */
  async withdraw(eventId: string, companyId: string, actor: Actor): Promise<Participant> {
    // Its own If-Match-free call: a write that raced it (an agenda sent, a run) is read again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withdrawOnce(eventId, companyId, actor);
      } catch (error) {
        if (!(error instanceof PreconditionFailedError) || attempt >= 5) throw error;
      }
    }
  }

  private async withdrawOnce(eventId: string, companyId: string, actor: Actor): Promise<Participant> {
    const { records, event, before } = await registrationIn(this.deps.events, eventId, companyId);
    if (!isBeforeHeld(event.state)) throw new ConflictError(`The event is ${event.state}.`, 'state');
    if (actor.role === 'member' && event.state !== 'open' && event.state !== 'scheduled') {
      throw new ConflictError(`The event is ${event.state}.`, 'state');
    }
    const now = this.deps.clock().toISOString();
    const after: Participant = {
      ...before,
      status: 'withdrawn',
      version: before.version + 1,
      updatedAt: now,
    };
    const involved = (r: { id: string }) => r.id.split('-').includes(companyId);
    const meetings = records.meetings.filter(
      (m) => involved(m) && (m.state === 'placed' || m.state === 'confirmed'),
    );
    const eventAfter = eventAfterChange(event, meetings, now);
    // Its requests and meetings first and the participation last, all while the event is at the
    // version read (a schedule run meanwhile fails this, or this the run): a withdrawal cut short by a
    // failure leaves the company registered, so calling it again finishes it.
    await this.deps.events.write(
      [
        ...records.requests
          .filter((r) => involved(r) && (r.status === 'pending' || r.status === 'accepted'))
          .map((r) => ({
            kind: 'request' as const,
            eventId,
            before: r,
            after: { ...r, status: 'withdrawn' as const, version: r.version + 1 },
          })),
        ...meetings.map((m) => withdrawnMeeting(eventId, m, now)),
        { kind: 'participant', event, before, after },
        { kind: 'event', before: event, after: eventAfter },
      ],
      { guard: event },
    );
    await queueAfterChange(this.deps.published, event, eventAfter, 'a withdrawal');
    return after;
  }

  /**
   * A request from one registered participant to another, one per pair: a second one, either way, is
   * a 409 naming the first. Members ask while the event takes requests and before the deadline.
   */
  async request(
    eventId: string,
    from: string,
    input: MeetingRequestCreate,
    actor: Actor,
  ): Promise<MeetingRequest> {
    const event = await this.get(eventId);
    if (!isBeforeHeld(event.state) || event.state === 'draft') {
      throw new ConflictError(`The event is ${event.state}: it takes no requests.`, 'state');
    }
    if (actor.role === 'member' && this.deps.clock().getTime() >= Date.parse(event.requestDeadline)) {
      throw new ConflictError('The deadline for meeting requests has passed.', 'requestDeadline');
    }
    if (from === input.to)
      throw new ValidationError([{ path: 'to', message: 'A company does not meet itself.' }]);
    const [a, b] = await Promise.all([
      this.registered(eventId, from, 'from'),
      this.registered(eventId, input.to, 'to'),
    ]);
    const topic = input.topic ?? commonTopic(a, b) ?? a.needs[0] ?? a.offers[0];
    if (!topic) throw new ValidationError([{ path: 'topic', message: 'Name the topic of the meeting.' }]);
    const id = pairId(from, input.to);
    const existing = await this.deps.events.request(eventId, id, true);
    // A request withdrawn with a company that left and came back may be made again.
    if (existing && existing.status !== 'withdrawn')
      throw new ConflictError(`A request between these two exists: ${id} (${existing.status}).`, 'to');
    const request: MeetingRequest = {
      id,
      from,
      to: input.to,
      priority: input.priority,
      topic,
      countryPair: countryPairOf(a, b),
      reason: input.reason,
      status: 'pending',
      createdAt: this.deps.clock().toISOString(),
      version: (existing?.version ?? 0) + 1,
    };
    await this.deps.events.write([{ kind: 'request', eventId, before: existing, after: request }]);
    await this.deps.requested?.(event, request, b);
    return request;
  }

  /**
   * The requested side (or staff for it) accepts or declines a pending request, before it expires.
   * `answeredBy` says who: a member, staff, or a partner through its emailed link.
   */
  async answer(
    eventId: string,
    requestId: string,
    answer: 'accepted' | 'declined',
    by: RequestAnswerer,
  ): Promise<MeetingRequest> {
    const event = await this.get(eventId);
    const stored = await this.deps.events.request(eventId, requestId, true);
    if (!stored) throw new NotFoundError(`No request ${requestId}.`);
    const after = answeredRequest(event, stored, answer, by, this.deps.clock());
    await this.deps.events.write([{ kind: 'request', eventId, before: stored, after }]);
    return after;
  }

  /** A participant's requests (both ways), or every request of the event for staff; expiry applied. */
  async requests(eventId: string, companyId?: string): Promise<MeetingRequest[]> {
    const event = await this.get(eventId);
    const now = this.deps.clock();
    const list = companyId
      ? await this.deps.events.requestsOf(eventId, companyId)
      : await this.deps.events.requests(eventId);
    return list
      .map((r) => requestAsOf(r, event.requestDeadline, now))
      .sort((x, y) => x.id.localeCompare(y.id));
  }

  /**
   * Staff add a meeting: without a slot, an accepted request the scheduler will place; with a slot and
   * table, a confirmed meeting there now (forced), provided the table is free and each side has a
   * delegate free in that slot.
   */
  async addMeeting(
    eventId: string,
    input: MeetingCreate,
  ): Promise<{ request: MeetingRequest; meeting?: Meeting }> {
    const records = await this.deps.events.records(eventId);
    if (!records) throw new NotFoundError(`No event ${eventId}.`);
    const { event } = records;
    if (!isBeforeHeld(event.state) || event.state === 'draft') {
      throw new ConflictError(`The event is ${event.state}: no meetings can be added.`, 'state');
    }
    const find = (id: string, path: string) => {
      const p = records.participants.find((x) => x.id === id && x.status === 'registered');
      if (!p) throw new NotFoundError(`No registered participant ${id} (${path}).`);
      return p;
    };
    const a = find(input.a, 'a');
    const b = find(input.b, 'b');
    const id = pairId(a.id, b.id);
    const now = this.deps.clock().toISOString();
    const existingMeeting = records.meetings.find((m) => m.id === id && m.state !== 'cancelled');
    if (existingMeeting) throw new ConflictError(`The two meet already: meeting ${id}.`, 'b');
    const before = records.requests.find((r) => r.id === id);
    const topic = input.topic ?? before?.topic ?? commonTopic(a, b) ?? a.needs[0] ?? a.offers[0];
    if (!topic) throw new ValidationError([{ path: 'topic', message: 'Name the topic of the meeting.' }]);
    const request: MeetingRequest = {
      id,
      from: before?.from ?? a.id,
      to: before?.to ?? b.id,
      priority: input.priority,
      topic,
      countryPair: countryPairOf(a, b),
      reason: before?.reason ?? 'Added by the association.',
      status: 'accepted',
      answeredAt: now,
      answeredBy: 'staff',
      createdAt: before?.createdAt ?? now,
      version: (before?.version ?? 0) + 1,
    };
    const changes: Parameters<EventRepository['write']>[0] = [
      { kind: 'request', eventId, before, after: request },
    ];
    let meeting: Meeting | undefined;
    if (input.slot !== undefined && input.table !== undefined) {
      meeting = forcedMeeting(records, request, a, b, input.slot, input.table, input.interpreter, now);
      const cancelled = records.meetings.find((m) => m.id === id);
      changes.push({
        kind: 'meeting',
        eventId,
        before: cancelled,
        after: { ...meeting, version: (cancelled?.version ?? 0) + 1 },
      });
      meeting = changes.at(-1)!.after as Meeting;
      // A forced meeting takes a table and delegates the schedule run may be placing: it holds while
      // the event is at the version read and bumps it, like a run.
      changes.push({
        kind: 'event',
        before: records.event,
        after: { ...records.event, version: records.event.version + 1, updatedAt: now },
      });
    }
    await this.deps.events.write(changes, meeting ? { guard: records.event } : {});
    return meeting ? { request, meeting } : { request };
  }

  private async registered(eventId: string, companyId: string, path: string): Promise<Participant> {
    const p = await this.deps.events.participant(eventId, companyId);
    if (p?.status !== 'registered')
      throw new NotFoundError(`No registered participant ${companyId} (${path}).`);
    return p;
  }
}

/**
 * A meeting that will not take place: a confirmed one is cancelled (its agendas and calendars drop it);
 * one only placed by a run, never published, is deleted (nobody was told of it).
 */
function withdrawnMeeting(eventId: string, m: Meeting, now: string): EventChange {
  return m.state === 'placed'
    ? { kind: 'meeting', eventId, before: m, after: undefined }
    : {
        kind: 'meeting',
        eventId,
        before: m,
        after: { ...m, state: 'cancelled', version: m.version + 1, updatedAt: now },
      };
}

/** As many slots as a registration may list (participantSchema's bound). */
const maxSlots = 500;

/** The event's own rules beyond its schema: days that make sense, ids that are unique, slots that exist. */
function checkEvent(event: Event): void {
  const problems = dayProblems(event.days);
  const tableIds = event.tables.map((t) => t.id);
  if (new Set(tableIds).size !== tableIds.length)
    problems.push({ path: 'tables', message: 'Table ids must be unique.' });
  if (event.spareTables >= event.tables.length) {
    problems.push({ path: 'spareTables', message: 'Keep fewer spare tables than there are tables.' });
  }
  if (!event.online && !event.city)
    problems.push({ path: 'city', message: 'Give the city, or make the event online.' });
  const slots = new Set(slotsOf(event).map((s) => s.id));
  if (slots.size === 0) problems.push({ path: 'days', message: 'No session is long enough for one slot.' });
  if (slots.size > maxSlots) {
    problems.push({ path: 'days', message: `At most ${maxSlots} slots; these days make ${slots.size}.` });
  }
  const interpreterIds = event.interpreters.map((i) => i.id);
  if (new Set(interpreterIds).size !== interpreterIds.length) {
    problems.push({ path: 'interpreters', message: 'Interpreter ids must be unique.' });
  }
  event.interpreters.forEach((interpreter, i) => {
    for (const slot of interpreter.slots ?? []) {
      if (!slots.has(slot)) problems.push({ path: `interpreters.${i}.slots`, message: `No slot ${slot}.` });
    }
  });
  if (Date.parse(event.requestDeadline) < Date.parse(event.registrationDeadline)) {
    problems.push({ path: 'requestDeadline', message: 'Requests close after registration does.' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

function editableOf(event: Event): Record<string, unknown> {
  const {
    id: _id,
    state: _state,
    scheduleVersion: _v,
    version: _ver,
    createdAt: _c,
    updatedAt: _u,
    ...fields
  } = event;
  return fields;
}

/** A delegate of `p` present in `slot` and not in another meeting then, if any. */
function freeDelegate(p: Participant, slot: string, meetings: Meeting[]): string | undefined {
  const busy = new Set(
    meetings.filter((m) => m.slot === slot && m.state !== 'cancelled').map((m) => m.delegates[p.id]),
  );
  return p.delegates.find((d) => d.slots.includes(slot) && !busy.has(d.contactId))?.contactId;
}

function forcedMeeting(
  records: { event: Event; meetings: Meeting[] },
  request: MeetingRequest,
  a: Participant,
  b: Participant,
  slot: string,
  table: string,
  interpreter: string | undefined,
  now: string,
): Meeting {
  const { event, meetings } = records;
  const problems: { path: string; message: string }[] = [];
  if (!slotsOf(event).some((s) => s.id === slot))
    problems.push({ path: 'slot', message: `No slot ${slot}.` });
  if (!event.tables.some((t) => t.id === table))
    problems.push({ path: 'table', message: `No table ${table}.` });
  if (interpreter !== undefined && !event.interpreters.some((i) => i.id === interpreter)) {
    problems.push({ path: 'interpreter', message: `No interpreter ${interpreter}.` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const live = meetings.filter((m) => m.state !== 'cancelled' && m.slot === slot);
  if (live.some((m) => m.table === table))
    throw new ConflictError(`Table ${table} is taken in ${slot}.`, 'table');
  if (interpreter !== undefined && live.some((m) => m.interpreter === interpreter)) {
    throw new ConflictError(`Interpreter ${interpreter} is busy in ${slot}.`, 'interpreter');
  }
  const da = freeDelegate(a, slot, meetings);
  const db = freeDelegate(b, slot, meetings);
  if (!da || !db) {
    throw new ConflictError(`${!da ? a.id : b.id} has no delegate free in ${slot}.`, 'slot');
  }
  return {
    id: request.id,
    a: request.id.split('-')[0]!,
    b: request.id.split('-')[1]!,
    topic: request.topic,
    countryPair: request.countryPair,
    priority: request.priority,
    slot,
    table,
    ...(interpreter !== undefined ? { interpreter } : {}),
    delegates: { [a.id]: da, [b.id]: db },
    state: 'confirmed',
    forced: true,
    outcomes: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
