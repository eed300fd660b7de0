import { describe, expect, it } from 'vitest';
import { allowedMoves, campaignStates, mayMove, refusedMove } from '../../shared/campaigns/campaign-state.ts';
import { localTimestamp, sendAtUtc } from '../../shared/campaigns/send-time.ts';

describe('campaign states', () => {
  it('allows exactly the moves of the lifecycle', () => {
    const allowed = campaignStates.flatMap((from) =>
      campaignStates.filter((to) => mayMove(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'draft>scheduled',
        'scheduled>draft',
        'scheduled>sending',
        'scheduled>cancelled',
        'sending>paused',
        'sending>sent',
        'sending>cancelled',
        'paused>sending',
        'paused>cancelled',
      ].sort(),
    );
    expect(allowedMoves('sent')).toEqual([]);
  });

  it('names the allowed moves when refusing one', () => {
    expect(refusedMove('sending', 'draft')).toBe(
      'The campaign is sending; it cannot become draft, only paused or sent or cancelled.',
    );
    expect(refusedMove('cancelled', 'sending')).toBe('The campaign is cancelled; it can no longer change.');
  });
});

describe('send times', () => {
  it('stores any offset as UTC and shows it in the campaign time zone', () => {
    expect(sendAtUtc('2027-01-15T10:00:00+07:00')).toBe('2027-01-15T03:00:00.000Z');
    expect(localTimestamp('2027-01-15T03:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2027-01-15T10:00:00+07:00');
    expect(localTimestamp('2027-01-15T03:00:00.000Z', 'Europe/Moscow')).toBe('2027-01-15T06:00:00+03:00');
    expect(localTimestamp('2027-01-15T03:00:00.000Z', 'UTC')).toBe('2027-01-15T03:00:00+00:00');
    // Half-hour and negative offsets, and a date that changes with the zone.
    expect(localTimestamp('2027-01-15T03:00:00.000Z', 'Asia/Kolkata')).toBe('2027-01-15T08:30:00+05:30');
    expect(localTimestamp('2027-01-15T03:00:00.000Z', 'America/New_York')).toBe('2027-01-14T22:00:00-05:00');
  });
});
