import type { Meeting, MeetingRequest } from './event-schema.ts';

/**
 * The event report's counters, kept as items of the event (REPORT#<line>) and moved in the same
 * transaction as the request or meeting they count: the report reads a handful of items, never the
 * event's thousands of requests. A record counts as what it is now: `f(after) − f(before)`.
 */
export const eventCounters = [
  'requests',
  'accepted',
  'declined',
  'placed',
  'held',
  'noShows',
  'leads',
  'agreements',
] as const;
export type EventCounter = (typeof eventCounters)[number];
export type Counts = Partial<Record<EventCounter, number>>;

const requestCounts = (r: MeetingRequest | undefined): Counts =>
  r
    ? {
        requests: 1,
        accepted: r.status === 'accepted' ? 1 : 0,
        declined: r.status === 'declined' ? 1 : 0,
      }
    : {};

const meetingCounts = (m: Meeting | undefined): Counts =>
  m
    ? {
        placed: m.state === 'cancelled' ? 0 : 1,
        held: m.state === 'held' ? 1 : 0,
        noShows: m.state === 'no-show' ? 1 : 0,
        leads: m.leadId ? 1 : 0,
        agreements: Object.values(m.outcomes).some((o) => o.agreement === true) ? 1 : 0,
      }
    : {};

/** The lines a record counts in: the whole event, its country pair, its topic. */
const linesOf = (r: { countryPair: string; topic: string }) => [
  'TOTAL',
  `PAIR#${r.countryPair}`,
  `TOPIC#${r.topic}`,
];

function deltas<T extends { countryPair: string; topic: string }>(
  before: T | undefined,
  after: T | undefined,
  counts: (r: T | undefined) => Counts,
): Map<string, Counts> {
  const result = new Map<string, Counts>();
  const add = (record: T | undefined, sign: 1 | -1) => {
    if (!record) return;
    for (const line of linesOf(record)) {
      const sum = result.get(line) ?? {};
      for (const [counter, n] of Object.entries(counts(record)) as [EventCounter, number][]) {
        sum[counter] = (sum[counter] ?? 0) + sign * n;
      }
      result.set(line, sum);
    }
  };
  add(after, 1);
  add(before, -1);
  for (const [line, sum] of result) {
    for (const counter of Object.keys(sum) as EventCounter[]) if (sum[counter] === 0) delete sum[counter];
    if (Object.keys(sum).length === 0) result.delete(line);
  }
  return result;
}

export const requestDeltas = (before: MeetingRequest | undefined, after: MeetingRequest | undefined) =>
  deltas(before, after, requestCounts);
export const meetingDeltas = (before: Meeting | undefined, after: Meeting | undefined) =>
  deltas(before, after, meetingCounts);

/** Several records' deltas summed, line by line. */
export function sumDeltas(all: Iterable<Map<string, Counts>>): Map<string, Counts> {
  const result = new Map<string, Counts>();
  for (const one of all) {
    for (const [line, counts] of one) {
      const sum = result.get(line) ?? {};
      for (const [counter, n] of Object.entries(counts) as [EventCounter, number][]) {
        sum[counter] = (sum[counter] ?? 0) + n;
      }
      result.set(line, sum);
    }
  }
  return result;
}
