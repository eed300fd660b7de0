import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/events/event-record-schema.ts';
import { outcomeIsDue } from '../../shared/events/meeting-rules.ts';

const meetingAt = (slot: string) => ({ slot }) as Meeting;
const due = (zone: string, slot: string, at: string) =>
  outcomeIsDue({ timeZone: zone, slotMinutes: 20 }, meetingAt(slot), new Date(at));

describe('an outcome is due once its meeting has begun', () => {
  it('from the slot’s start in the event’s zone, not a millisecond before', () => {
    expect(due('Asia/Ho_Chi_Minh', '2027-03-16T10:00', '2027-03-16T02:59:59.999Z')).toBe(false);
    expect(due('Asia/Ho_Chi_Minh', '2027-03-16T10:00', '2027-03-16T03:00:00.000Z')).toBe(true);
    expect(due('Asia/Ho_Chi_Minh', '2027-03-16T10:00', '2027-09-01T00:00:00.000Z')).toBe(true);
  });

  it('on a day the zone’s clocks move (Berlin, summer time from 28 March 2027)', () => {
    expect(due('Europe/Berlin', '2027-03-28T10:00', '2027-03-28T07:59:59.999Z')).toBe(false);
    expect(due('Europe/Berlin', '2027-03-28T10:00', '2027-03-28T08:00:00.000Z')).toBe(true);
    expect(due('Europe/Berlin', '2027-03-27T10:00', '2027-03-27T08:59:59.999Z')).toBe(false);
    expect(due('Europe/Berlin', '2027-03-27T10:00', '2027-03-27T09:00:00.000Z')).toBe(true);
  });
});
