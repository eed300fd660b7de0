import type { RecipientCounts } from './recipient.ts';

/**
 * When a campaign pauses itself: SES reviews a sender whose bounce rate passes 5% or complaint rate
 * 0.1% of the messages it accepted, so the campaign stops short of those rates, once enough messages
 * (200) were accepted for a rate to mean anything.
 */
export const pauseThresholds = { minimumAccepted: 200, bounceRate: 0.05, complaintRate: 0.001 } as const;

/** Messages the provider accepted: every recipient that got as far as a message id. */
export function acceptedCount(counts: RecipientCounts): number {
  return counts.sent + counts.delivered + counts.bounced + counts.complained + counts.unsubscribed;
}

/** Why the campaign should pause now, or undefined while its rates are within SES's. */
export function pauseReason(counts: RecipientCounts): string | undefined {
  const accepted = acceptedCount(counts);
  if (accepted < pauseThresholds.minimumAccepted) return undefined;
  const percent = (n: number) => `${((100 * n) / accepted).toFixed(2)}%`;
  if (counts.bounced / accepted > pauseThresholds.bounceRate) {
    return `bounces are ${percent(counts.bounced)} of ${accepted} accepted messages (limit 5%)`;
  }
  if (counts.complained / accepted > pauseThresholds.complaintRate) {
    return `complaints are ${percent(counts.complained)} of ${accepted} accepted messages (limit 0.1%)`;
  }
  return undefined;
}
