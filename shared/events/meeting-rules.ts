import type { Topic } from '../domain/topics.ts';
import type { Meeting, MeetingOutcomeInput, MeetingRequest, Participant } from './event-schema.ts';

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

/** Whether the side's outcome asks for a lead: a follow-up or a likely deal. */
export const wantsLead = (input: MeetingOutcomeInput): boolean =>
  input.happened && (input.outcome === 'follow-up' || input.outcome === 'deal-likely');
