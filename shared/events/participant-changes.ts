import { ConflictError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { type ExpectedVersion, versionMatches } from '../domain/expected-version.ts';
import type { EventChange } from './event-repository.ts';
import type { Event, Meeting, Participant, ParticipantPatch } from './event-schema.ts';
import type { EventServiceDeps } from './event-service.ts';
import { isBeforeHeld } from './event-states.ts';
import { participantFrom, readCompany, registrationIn, slotProblems } from './participations.ts';
import { eventAfterChange, type PublishedHook, queueAfterChange } from './published-changes.ts';

/**
 * A registration changed in place, apart from EventService: the console's events function, which
 * registers and withdraws through that service, carries none of this.
 */
export interface ParticipantChangesDeps
  extends Pick<EventServiceDeps, 'events' | 'members' | 'partners' | 'clock'> {
  /**
   * Called after a change handed a published meeting to another delegate, with the event at its new
   * schedule version: the agendas that changed are sent (published-changes.ts).
   */
  published?: PublishedHook | undefined;
}

export class ParticipantChanges {
  constructor(private readonly deps: ParticipantChangesDeps) {}

  /**
   * Staff change a registration in place, at the participation's version (If-Match): its delegates
   * (who comes, their slots and zones), languages, topics or slots, without withdrawing it, so its
   * requests and meetings stay. A scheduled meeting whose delegate is taken out, or no longer attends
   * its slot, passes to a delegate kept who attends that slot and has no other meeting in it; where
   * none does, or the company would no longer attend a meeting's slot, nothing changes (409, naming
   * the slots). Its languages decided its meetings' interpreters, so they change only while it has no
   * scheduled meeting. Until the event is held, as a registration.
   */
  async amend(
    eventId: string,
    companyId: string,
    patch: ParticipantPatch,
    expected: ExpectedVersion,
  ): Promise<Participant> {
    // A write elsewhere in the event (a run, another participant) moves the event's version, which
    // guards this write as it guards a withdrawal: read again; only the participation's own version is
    // the caller's.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.amendOnce(eventId, companyId, patch, expected);
      } catch (error) {
        if (
          !(error instanceof PreconditionFailedError) ||
          error instanceof StaleParticipation ||
          attempt >= 5
        ) {
          throw error;
        }
      }
    }
  }

  private async amendOnce(
    eventId: string,
    companyId: string,
    patch: ParticipantPatch,
    expected: ExpectedVersion,
  ): Promise<Participant> {
    const { records, event, before } = await registrationIn(this.deps.events, eventId, companyId);
    if (!versionMatches(expected, before.version)) {
      throw new StaleParticipation(`The participation is at version ${before.version}, not ${expected}.`);
    }
    if (!isBeforeHeld(event.state)) throw new ConflictError(`The event is ${event.state}.`, 'state');
    const now = this.deps.clock().toISOString();
    const slots = patch.slots ?? before.slots;
    const after: Participant = {
      ...before,
      delegates: patch.delegates
        ? await this.namedDelegates(event, before, patch.delegates, slots, now)
        : keptDelegates(event, before, slots),
      languages: patch.languages ?? before.languages,
      offers: patch.offers ?? before.offers,
      needs: patch.needs ?? before.needs,
      slots,
      version: before.version + 1,
      updatedAt: now,
    };
    const ofCompany = records.meetings.filter((m) => m.a === companyId || m.b === companyId);
    // A meeting held (or missed) names its delegate for its outcome and lead: it stays theirs.
    const past = ofCompany.filter((m) => m.state === 'held' || m.state === 'no-show');
    const gone = past.filter((m) => {
      const own = m.delegates[companyId];
      return !after.delegates.some((d) => d.contactId === own && d.slots.includes(m.slot));
    });
    if (gone.length > 0) {
      throw new ConflictError(
        `Its meetings already held at ${gone.map((m) => m.slot).join(', ')} name their delegates: ` +
          'keep them, with those slots.',
        'delegates',
      );
    }
    const standing = ofCompany.filter((m) => m.state === 'placed' || m.state === 'confirmed');
    if (standing.length > 0 && !sameSet(before.languages, after.languages)) {
      throw new ConflictError(
        `Its ${standing.length} scheduled meetings were planned with its languages (their interpreters): ` +
          'cancel them before changing the languages.',
        'languages',
      );
    }
    const handovers = delegateHandovers(standing, companyId, after, past);
    if (handovers.unplaced.length > 0) {
      throw new UnattendedMeetings(handovers.unplaced.map((m) => m.slot));
    }
    // A published meeting handed to another delegate changes the agendas already sent (the company's,
    // and its counterpart's, which names the delegate): the schedule moves to a new version, whose
    // changed agendas go out now, not at the next publish. A meeting only placed was never sent.
    const eventAfter = eventAfterChange(
      event,
      handovers.moved.map(({ meeting }) => meeting),
      now,
    );
    await this.deps.events.write(
      [
        ...handovers.moved.map(
          ({ meeting, contactId }): EventChange => ({
            kind: 'meeting',
            eventId,
            before: meeting,
            after: {
              ...meeting,
              delegates: { ...meeting.delegates, [companyId]: contactId },
              version: meeting.version + 1,
              updatedAt: now,
            },
          }),
        ),
        { kind: 'participant', event, before, after },
        { kind: 'event', before: event, after: eventAfter },
      ],
      { guard: event },
    );
    await queueAfterChange(this.deps.published, event, eventAfter, 'a delegate handover');
    return after;
  }

  /**
   * The delegates a change names, checked as a registration's are (contacts of the company, slots it
   * attends); one already registered keeps its slots and zone unless the change gives them.
   */
  private async namedDelegates(
    event: Event,
    before: Participant,
    named: NonNullable<ParticipantPatch['delegates']>,
    slots: string[],
    now: string,
  ): Promise<Participant['delegates']> {
    const company = await readCompany(
      this.deps,
      before.card,
      before.card.kind === 'member' ? 'memberId' : 'partnerId',
    );
    const kept = new Map(before.delegates.map((d) => [d.contactId, d]));
    const delegates = named.map((d) => {
      const was = kept.get(d.contactId);
      const carried = was && carriedSlots(was.slots, before.slots, slots);
      const timeZone = d.timeZone ?? was?.timeZone;
      return {
        contactId: d.contactId,
        ...((d.slots ?? carried) ? { slots: d.slots ?? carried } : {}),
        ...(timeZone ? { timeZone } : {}),
      };
    });
    return participantFrom(event, company, { delegates, slots }, before, now).delegates;
  }
}

/**
 * A delegate's slots when the company's change from `was` to `now`: all of them where it attended all,
 * else those it attended that the company still does; undefined where none is left.
 */
function carriedSlots(own: readonly string[], was: readonly string[], now: readonly string[]) {
  if (sameSet(own, was)) return [...now];
  const left = own.filter((slot) => now.includes(slot));
  return left.length > 0 ? left : undefined;
}

/**
 * The delegates a change leaves as they were, in the company's slots now: one that would attend none
 * is dropped, and a change that leaves none is refused, as are slots the event does not have.
 */
function keptDelegates(event: Event, before: Participant, slots: string[]): Participant['delegates'] {
  const problems = slotProblems(event, slots);
  const delegates = before.delegates.flatMap((d) => {
    const carried = carriedSlots(d.slots, before.slots, slots);
    return carried ? [{ ...d, slots: carried }] : [];
  });
  if (delegates.length === 0) {
    problems.push({
      path: 'slots',
      message: 'No delegate would attend any of these slots; change the delegates too.',
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return delegates;
}

/** Scheduled meetings of the company that no delegate of the changed registration would attend. */
export class UnattendedMeetings extends ConflictError {
  constructor(readonly slots: readonly string[]) {
    super(
      `No delegate of it would attend its meetings in ${slots.join(', ')}: ` +
        'keep those slots and a delegate in them, or add a delegate (one added comes to all the company’s slots).',
      'delegates',
    );
  }
}

/** The caller's If-Match names an older participation: a 412 of its own, not retried. */
class StaleParticipation extends PreconditionFailedError {}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Who of a changed participation takes each of its scheduled meetings: the same delegate where it is
 * kept and attends the slot, else the first kept delegate attending the slot with no other meeting of
 * the company in it (`fixed`: its meetings held or missed, whose delegates stay busy then); `unplaced`:
 * the meetings no delegate can take, or in a slot the company left.
 */
export function delegateHandovers(
  meetings: readonly Meeting[],
  companyId: string,
  after: Pick<Participant, 'delegates' | 'slots'>,
  fixed: readonly Meeting[] = [],
): { moved: { meeting: Meeting; contactId: string }[]; unplaced: Meeting[] } {
  const busy = new Set(fixed.map((m) => `${m.slot}/${m.delegates[companyId]}`));
  const attends = (contactId: string, slot: string) =>
    after.delegates.some((d) => d.contactId === contactId && d.slots.includes(slot));
  const orphans: Meeting[] = [];
  const unplaced: Meeting[] = [];
  for (const meeting of meetings) {
    const own = meeting.delegates[companyId];
    if (!after.slots.includes(meeting.slot)) unplaced.push(meeting);
    else if (own && attends(own, meeting.slot) && !busy.has(`${meeting.slot}/${own}`)) {
      busy.add(`${meeting.slot}/${own}`);
    } else orphans.push(meeting);
  }
  const moved: { meeting: Meeting; contactId: string }[] = [];
  for (const meeting of orphans) {
    const free = after.delegates.find(
      (d) => d.slots.includes(meeting.slot) && !busy.has(`${meeting.slot}/${d.contactId}`),
    );
    if (!free) {
      unplaced.push(meeting);
      continue;
    }
    busy.add(`${meeting.slot}/${free.contactId}`);
    moved.push({ meeting, contactId: free.contactId });
  }
  return { moved, unplaced };
}
