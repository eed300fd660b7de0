import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { quoted } from '../domain/quoted.ts';
import type { LeadService } from '../leads/lead-service.ts';
import type { Actor } from '../members/actor.ts';
import type { EventRepository } from './event-repository.ts';
import type { Event, Meeting, MeetingOutcomeInput, Participant } from './event-schema.ts';
import { meetingAfterOutcome, outcomeIsDue, wantsLead } from './meeting-rules.ts';

export interface OutcomeServiceDeps {
  events: EventRepository;
  leads: Pick<LeadService, 'create' | 'addActivity'>;
  clock: () => Date;
}

/**
 * After the event: each side says whether a meeting happened and what came of it. The first follow-up
 * (or likely deal) opens one lead for the meeting, unassigned, with the meeting on its timeline; later
 * outcomes, and the follow-up question months on (was an agreement reached?), go onto that lead.
 */
export class OutcomeService {
  constructor(private readonly deps: OutcomeServiceDeps) {}

  async record(
    eventId: string,
    meetingId: string,
    input: MeetingOutcomeInput,
    caller: { actor: Actor; companyId?: string | undefined },
  ): Promise<Meeting> {
    const event = await this.deps.events.event(eventId);
    if (!event) throw new NotFoundError(`No event ${eventId}.`);
    const before = await this.deps.events.meeting(eventId, meetingId, true);
    if (caller.companyId && input.side !== undefined && input.side !== caller.companyId) {
      throw new ValidationError([
        { path: 'side', message: 'A member answers for its own company: leave `side` out.' },
      ]);
    }
    const side = caller.companyId ?? input.side;
    if (!before || (caller.companyId && before.a !== side && before.b !== side)) {
      throw new NotFoundError(`No meeting ${meetingId}.`);
    }
    if (side === undefined || (before.a !== side && before.b !== side)) {
      throw new ValidationError([
        { path: 'side', message: 'Name the side that answers: one of the meeting’s two companies.' },
      ]);
    }
    if (!['scheduled', 'held', 'closed'].includes(event.state)) {
      throw new ConflictError(`The event is ${event.state}: outcomes come after it is scheduled.`, 'state');
    }
    if (before.state === 'placed' || before.state === 'cancelled') {
      throw new ConflictError(
        `The meeting is ${before.state}: only a confirmed meeting has an outcome.`,
        'state',
      );
    }
    const clock = this.deps.clock();
    if (!outcomeIsDue(event, before, clock)) {
      throw new ConflictError(
        `The meeting is at ${before.slot} (${event.timeZone}): its outcome is reported once it has begun.`,
        'slot',
      );
    }
    const now = clock.toISOString();
    let after = meetingAfterOutcome(before, side, input, now);
    if (
      after.state === 'held' &&
      (wantsLead(input) || (before.leadId && (input.note || input.agreement !== undefined)))
    ) {
      const leadId = await this.lead(event, after, side, input, caller.actor);
      if (leadId) after = { ...after, leadId };
    }
    await this.deps.events.write([{ kind: 'meeting', eventId, before, after }]);
    return after;
  }

  /**
   * A side's answer to the follow-up question (issue 11), given through its emailed link: whether a
   * cooperation agreement was reached. It says nothing about the meeting itself: a side that reported
   * keeps its report (happened, outcome, note); one that did not is taken to have met (it says it
   * reached an agreement or not). The same answer again changes nothing; a different one replaces it,
   * and the meeting's lead gets the new entry. Resolves to the meeting, undefined where unchanged.
   */
  async answerFollowUp(
    eventId: string,
    meetingId: string,
    companyId: string,
    agreement: boolean,
    actor: Actor,
  ): Promise<Meeting | undefined> {
    const meeting = await this.deps.events.meeting(eventId, meetingId, true);
    if (!meeting || (meeting.a !== companyId && meeting.b !== companyId)) {
      throw new NotFoundError(`No meeting ${meetingId}.`);
    }
    const previous = meeting.outcomes[companyId];
    if (previous?.agreement === agreement) return undefined;
    const input: MeetingOutcomeInput = {
      happened: previous?.happened ?? true,
      ...(previous?.outcome ? { outcome: previous.outcome } : {}),
      agreement,
    };
    return this.record(eventId, meetingId, input, { actor, companyId });
  }

  /** The meeting's lead, opened on its first follow-up, with this outcome on its timeline. */
  private async lead(
    event: Event,
    meeting: Meeting,
    side: string,
    input: MeetingOutcomeInput,
    actor: Actor,
  ): Promise<string | undefined> {
    const [a, b] = await Promise.all([
      this.deps.events.participant(event.id, meeting.a),
      this.deps.events.participant(event.id, meeting.b),
    ]);
    if (!a || !b) return meeting.leadId;
    const memberSide = [a, b].find((p) => p.card.kind === 'member');
    // A lead has a member side: two partners meeting at an event make none.
    if (!memberSide) return undefined;
    const other = memberSide === a ? b : a;
    const text = outcomeText(event, meeting, side === a.id ? a : b, input);
    let leadId = meeting.leadId;
    if (!leadId) {
      try {
        const input = {
          memberId: memberSide.id,
          ...(other.card.kind === 'partner' ? { partnerId: other.id } : { otherMemberId: other.id }),
          topic: meeting.topic,
          contacts: { member: delegateOf(meeting, memberSide), counterpart: delegateOf(meeting, other) },
          source: { type: 'event' as const, eventId: event.id },
          owner: null,
        };
        // A delegate erased or removed since is no contact a lead can name: the lead opens without.
        const lead = await this.deps.leads.create(input, actor).catch((error: unknown) => {
          if (
            !(error instanceof ValidationError) ||
            !error.errors.every((e) => e.path.startsWith('contacts'))
          ) {
            throw error;
          }
          return this.deps.leads.create({ ...input, contacts: { member: [], counterpart: [] } }, actor);
        });
        leadId = lead.id;
      } catch (error) {
        // An open lead on the two companies and topic exists already: the meeting joins it.
        if (!(error instanceof ConflictError) || error.existing?.kind !== 'lead') throw error;
        leadId = error.existing.id;
      }
    }
    // The lead's member side reads shared activities: its own report is shared, the other side's is
    // staff's (its note is its own).
    await this.deps.leads.addActivity(
      leadId,
      { type: 'meeting', text, shared: side === memberSide.id },
      actor,
    );
    return leadId;
  }
}

function delegateOf(meeting: Meeting, participant: Participant): string[] {
  const id = meeting.delegates[participant.id];
  return id && participant.delegates.some((d) => d.contactId === id) ? [id] : [];
}

/** The meeting as the lead's timeline tells it: where and when (the event's time), who reported what. */
function outcomeText(event: Event, meeting: Meeting, side: Participant, input: MeetingOutcomeInput): string {
  const name = event.name.en ?? event.name.ru ?? event.name.vi ?? event.id;
  const when = `${meeting.slot.replace('T', ' ')} (${event.timeZone})`;
  const said = input.happened ? (input.outcome ?? 'held') : 'did not happen';
  const parts = [
    `B2B meeting at ${quoted.en(name)}, ${when}, table ${meeting.table}.`,
    `${side.card.latinName ?? side.card.name}: ${said}.`,
    ...(input.agreement !== undefined
      ? [`Cooperation agreement: ${input.agreement ? 'reached' : 'not reached'}.`]
      : []),
    ...(input.note ? [input.note] : []),
  ];
  return parts.join(' ').slice(0, 2000);
}
