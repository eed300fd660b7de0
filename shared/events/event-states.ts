import type { Event } from './event-schema.ts';
import { eventBegins } from './event-slots.ts';

/**
 * An event's life: staff open registration, publish a schedule, hold it and close it; it can be
 * cancelled until it is held. A pure rule, like the lead stages.
 */
export const eventStates = ['draft', 'open', 'scheduled', 'held', 'closed', 'cancelled'] as const;
export type EventState = (typeof eventStates)[number];

const allowed: Record<EventState, readonly EventState[]> = {
  draft: ['open', 'cancelled'],
  open: ['scheduled', 'cancelled'],
  // A published schedule may be reopened to take more participants, then published again.
  scheduled: ['held', 'open', 'cancelled'],
  held: ['closed'],
  closed: [],
  cancelled: [],
};

export function nextEventStates(from: EventState): readonly EventState[] {
  return allowed[from];
}

/**
 * The moves open to an event at `now`: as `nextEventStates`, but held only once it has begun (held
 * cannot be undone, and ends the changes of who takes part).
 */
export function eventMovesAt(
  event: Pick<Event, 'state' | 'days' | 'timeZone'>,
  now: Date,
): readonly EventState[] {
  const begun = eventBegins(event).getTime() <= now.getTime();
  return allowed[event.state].filter((state) => state !== 'held' || begun);
}

export function canMoveEvent(from: EventState, to: EventState): boolean {
  return allowed[from].includes(to);
}

/** Until the event is held, staff may still change who takes part and what is asked. */
export const isBeforeHeld = (state: EventState): boolean =>
  state === 'draft' || state === 'open' || state === 'scheduled';
