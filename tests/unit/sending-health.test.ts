import { describe, expect, it } from 'vitest';
import { noCounts, type RecipientCounts } from '../../shared/campaigns/recipient.ts';
import { pauseReason } from '../../shared/campaigns/sending-health.ts';

const counts = (values: Partial<RecipientCounts>): RecipientCounts => ({ ...noCounts(), ...values });

describe('when a campaign pauses itself', () => {
  it('waits for 200 accepted messages before a rate means anything', () => {
    expect(pauseReason(counts({ sent: 150, bounced: 49 }))).toBeUndefined();
  });

  it('pauses above 5% bounces or 0.1% complaints of the accepted messages, not at them', () => {
    expect(pauseReason(counts({ delivered: 950, bounced: 50 }))).toBeUndefined();
    expect(pauseReason(counts({ delivered: 949, bounced: 51 }))).toBe(
      'bounces are 5.10% of 1000 accepted messages (limit 5%)',
    );
    expect(pauseReason(counts({ delivered: 1997, complained: 3 }))).toBe(
      'complaints are 0.15% of 2000 accepted messages (limit 0.1%)',
    );
    expect(pauseReason(counts({ delivered: 1998, complained: 2 }))).toBeUndefined();
  });

  it('counts as accepted every message the provider took, unsubscribed ones included, not failed or unknown', () => {
    expect(pauseReason(counts({ sent: 100, unsubscribed: 90, bounced: 11, failed: 500, unknown: 500 }))).toBe(
      'bounces are 5.47% of 201 accepted messages (limit 5%)',
    );
  });
});
