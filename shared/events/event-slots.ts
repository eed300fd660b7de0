import type { Event, EventSlot } from './event-schema.ts';
import { zonedToUtc } from './zoned-time.ts';

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const clock = (total: number) =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/**
 * The meeting slots of an event, in time order: each session of each day cut into slots of
 * `slotMinutes` with `gapMinutes` between two; a slot that would run past its session's end is not one.
 * A slot's id is its local start (`2027-03-16T09:30`), so ids stay readable and stable when staff
 * edit an unrelated day.
 */
export function slotsOf(event: Pick<Event, 'days' | 'slotMinutes' | 'gapMinutes' | 'timeZone'>): EventSlot[] {
  const slots: EventSlot[] = [];
  for (const day of [...event.days].sort((x, y) => x.date.localeCompare(y.date))) {
    for (const session of [...day.sessions].sort((x, y) => x.start.localeCompare(y.start))) {
      const end = minutes(session.end);
      for (let start = minutes(session.start); start + event.slotMinutes <= end; ) {
        const from = clock(start);
        const startUtc = zonedToUtc(day.date, from, event.timeZone);
        slots.push({
          id: `${day.date}T${from}`,
          start: startUtc.toISOString(),
          end: new Date(startUtc.getTime() + event.slotMinutes * 60_000).toISOString(),
        });
        start += event.slotMinutes + event.gapMinutes;
      }
    }
  }
  return slots;
}

/** A slot's start and end in UTC, from its id (the local start in the event's zone). */
export function slotTimes(
  event: Pick<Event, 'timeZone' | 'slotMinutes'>,
  slot: string,
): { start: Date; end: Date } {
  const start = zonedToUtc(slot.slice(0, 10), slot.slice(11, 16), event.timeZone);
  return { start, end: new Date(start.getTime() + event.slotMinutes * 60_000) };
}

/** When the event begins: its first day's first session, in its zone. */
export function eventBegins(event: Pick<Event, 'days' | 'timeZone'>): Date {
  const first = [...event.days].sort((x, y) => x.date.localeCompare(y.date))[0];
  const session = [...(first?.sessions ?? [])].sort((x, y) => x.start.localeCompare(y.start))[0];
  return first && session ? zonedToUtc(first.date, session.start, event.timeZone) : new Date(0);
}

/** Sessions that overlap within a day, or end before they start: validation messages, by path. */
export function dayProblems(days: Event['days']): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const dates = new Set<string>();
  days.forEach((day, d) => {
    if (dates.has(day.date)) problems.push({ path: `days.${d}.date`, message: 'Each date appears once.' });
    dates.add(day.date);
    const sessions = [...day.sessions].sort((x, y) => x.start.localeCompare(y.start));
    sessions.forEach((session, s) => {
      if (minutes(session.end) <= minutes(session.start)) {
        problems.push({ path: `days.${d}.sessions.${s}.end`, message: 'A session ends after it starts.' });
      }
      const next = sessions[s + 1];
      if (next && minutes(next.start) < minutes(session.end)) {
        problems.push({ path: `days.${d}.sessions`, message: 'Sessions of a day must not overlap.' });
      }
    });
  });
  return problems;
}
