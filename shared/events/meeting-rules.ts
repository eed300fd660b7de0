import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { Topic } from '../domain/topics.ts';
import type { Event, Meeting, MeetingOutcomeInput, MeetingRequest, Participant } from './event-schema.ts';
import { slotTimes } from './event-slots.ts';
import { isBeforeHeld } from './event-states.ts';

/**
 * Pure rules of requests and meetings: when a request has expired, what topic two participants meet
 * on, and what a side's answer after the event makes of the meeting.
 */

/** A pending request past the event's deadline reads as expired; nothing needs to rewrite it. */
export function requestAsOf(request: MeetingRequest, requestDeadline: string, now: Date): MeetingRequest {
  return request.status === 'pending' && now.getTime() >= Date.parse(requestDeadline)
    ? { ...request, status: 'expired' }
    : request;
}

/** Who answers a request: the requested member, staff for either side, or a partner through its emailed link. */
export type RequestAnswerer =
  | { role: 'member'; companyId: string }
  | { role: 'staff' }
  | { role: 'partner'; companyId: string };

/**
 * The request as `by` answers it at `now`: only the requested side (or staff) answers, only a request
 * still pending (not expired at `now`), and only while the event is before held. Throws as the API
 * answers otherwise: 404 for a request not the answerer's, 403 for its sender, 409 for one no longer
 * pending or an event past answers. The one rule for every answer: EventService.answer (members,
 * staff) and a partner's emailed answer (partner-answer.ts) both apply it.
 */
export function answeredRequest(
  event: Pick<Event, 'state' | 'requestDeadline'>,
  stored: MeetingRequest,
  answer: 'accepted' | 'declined',
  by: RequestAnswerer,
  now: Date,
): MeetingRequest {
  if (by.role !== 'staff' && stored.to !== by.companyId) {
    throw by.companyId === stored.from
      ? new ForbiddenError('The requested company answers a request, not the one that sent it.')
      : new NotFoundError(`No request ${stored.id}.`);
  }
  const before = requestAsOf(stored, event.requestDeadline, now);
  if (before.status !== 'pending') throw new ConflictError(`The request is ${before.status}.`, 'status');
  if (!isBeforeHeld(event.state)) throw new ConflictError(`The event is ${event.state}.`, 'state');
  return {
    ...stored,
    status: answer,
    answeredAt: now.toISOString(),
    answeredBy: by.role,
    version: stored.version + 1,
  };
}

/** The first topic one offers here and the other seeks, either way, or undefined. */
export function commonTopic(a: Participant, b: Participant): Topic | undefined {
  const bNeeds = new Set(b.needs);
  const aNeeds = new Set(a.needs);
  return a.offers.find((t) => bNeeds.has(t)) ?? b.offers.find((t) => aNeeds.has(t));
}

/** The country pair a request or meeting counts under in the report: the two countries, sorted. */
export const countryPairOf = (a: Participant, b: Participant): string =>
  [a.card.country, b.card.country].sort().join('-');

/**
 * A side's report: one "didn't happen" from either side makes the meeting a no-show; otherwise a side
 * that says it happened makes it held.
 */
export function meetingAfterOutcome(
  meeting: Meeting,
  side: string,
  input: MeetingOutcomeInput,
  now: string,
): Meeting {
  const previous = meeting.outcomes[side];
  const outcomes = {
    ...meeting.outcomes,
    [side]: {
      happened: input.happened,
      ...((input.outcome ?? previous?.outcome) && input.happened
        ? { outcome: input.outcome ?? previous!.outcome! }
        : {}),
      ...((input.note ?? previous?.note) ? { note: input.note ?? previous!.note! } : {}),
      ...((input.agreement ?? previous?.agreement) !== undefined
        ? { agreement: input.agreement ?? previous!.agreement! }
        : {}),
      at: now,
    },
  };
  const reports = Object.values(outcomes);
  const state = reports.some((r) => !r.happened) ? 'no-show' : 'held';
  return { ...meeting, outcomes, state, version: meeting.version + 1, updatedAt: now };
}

/**
 * Whether a meeting's outcome may be reported at `now`: once its slot has begun. Before, neither side
 * can say it took place, nor that the other did not come.
 */
export const outcomeIsDue = (event: Pick<Event, 'timeZone' | 'slotMinutes'>, meeting: Meeting, now: Date) =>
  slotTimes(event, meeting.slot).start.getTime() <= now.getTime();

/** Whether the side's outcome asks for a lead: a follow-up or a likely deal. */
export const wantsLead = (input: MeetingOutcomeInput): boolean =>
  input.happened && (input.outcome === 'follow-up' || input.outcome === 'deal-likely');
