import type { SendMessage } from './sending-deps.ts';

/** Starts a scheduled campaign: what its one-time schedule puts on the send queue in AWS. */
export interface DispatchMessage {
  dispatch: string;
}

/** Settles the claims that expired unrecorded: what the 15-minute schedule puts on the send queue. */
export interface SweepMessage {
  sweep: 'claims';
}

/**
 * Everything the campaign worker takes from the send queue in AWS. Locally the same work runs on
 * timers and in-process queues (infra/local/local-app.ts).
 */
export type CampaignWorkMessage = SendMessage | DispatchMessage | SweepMessage;

/** Deliveries of one send-queue message before SQS parks it in the dead-letter queue (CDK uses this). */
export const campaignWorkMaxDeliveries = 5;

/** The longest a failed message waits before its next delivery (SQS allows up to 12 hours). */
const maxRetryDelaySeconds = 15 * 60;

/**
 * How long a message that failed its `receiveCount`-th delivery waits for the next: exponential from
 * 10 s, capped at 15 minutes, with full jitter (a random wait up to that), so workers throttled
 * together do not all come back at once.
 */
export function retryDelaySeconds(receiveCount: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxRetryDelaySeconds, 10 * 2 ** Math.max(0, receiveCount - 1));
  return Math.max(1, Math.ceil(random() * ceiling));
}

/** The message a queue body holds, or an error naming what is wrong with it. */
export function campaignWorkOf(body: string): CampaignWorkMessage {
  const parsed = JSON.parse(body) as Record<string, unknown> | null;
  const text = (key: string) => typeof parsed?.[key] === 'string' && parsed[key] !== '';
  if (text('dispatch')) return { dispatch: parsed!.dispatch as string };
  if (parsed?.sweep === 'claims') return { sweep: 'claims' };
  if (text('campaignId') && text('contactId')) {
    return { campaignId: parsed!.campaignId as string, contactId: parsed!.contactId as string };
  }
  if (text('campaignId') && text('testTo')) {
    return { campaignId: parsed!.campaignId as string, testTo: parsed!.testTo as string };
  }
  const unsubscribed = parsed?.unsubscribed as Record<string, unknown> | null | undefined;
  if (
    typeof unsubscribed?.campaignId === 'string' &&
    typeof unsubscribed.contactId === 'string' &&
    typeof unsubscribed.at === 'string'
  ) {
    const { campaignId, contactId, at } = unsubscribed;
    return { unsubscribed: { campaignId, contactId, at } };
  }
  const invite = parsed?.invite as Record<string, unknown> | null | undefined;
  if (
    typeof invite?.memberId === 'string' &&
    typeof invite.contactId === 'string' &&
    typeof invite.accountId === 'string'
  ) {
    const { memberId, contactId, accountId } = invite;
    return { invite: { memberId, contactId, accountId } };
  }
  const confirm = parsed?.confirmAddress as Record<string, unknown> | null | undefined;
  if (typeof confirm?.memberId === 'string' && typeof confirm.contactId === 'string') {
    return { confirmAddress: { memberId: confirm.memberId, contactId: confirm.contactId } };
  }
  throw new Error(
    'The message is no campaign work (dispatch, sweep, recipient, test, confirmation or invitation).',
  );
}
