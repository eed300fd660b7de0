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

/**
 * The wait after a failed delivery, as `retryDelaySeconds`; a failure that says it cannot succeed for
 * `notBeforeSeconds` (another delivery holds what the message needs, until then at the latest) waits
 * that long before the last delivery, which would otherwise be spent on the same refusal, and up to a
 * minute more at random, so the messages that one holder kept waiting do not all come back at once.
 */
export function nextDeliveryDelaySeconds(
  receiveCount: number,
  notBeforeSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const delay = retryDelaySeconds(receiveCount, random);
  if (notBeforeSeconds === undefined || receiveCount + 1 < campaignWorkMaxDeliveries) return delay;
  const afterLapse = Math.ceil(notBeforeSeconds) + Math.ceil(random() * 60);
  return Math.min(maxRetryDelaySeconds, Math.max(delay, afterLapse));
}

/** The string fields `keys` of `value` (only those), if it is an object with a string at each. */
function stringsOf<K extends string>(value: unknown, keys: readonly K[]): Record<K, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (!keys.every((key) => typeof fields[key] === 'string')) return undefined;
  return Object.fromEntries(keys.map((key) => [key, fields[key]])) as Record<K, string>;
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
  const unsubscribed = stringsOf(parsed?.unsubscribed, ['campaignId', 'contactId', 'at'] as const);
  if (unsubscribed) return { unsubscribed };
  const invite = stringsOf(parsed?.invite, ['memberId', 'contactId', 'accountId'] as const);
  if (invite) return { invite };
  const confirmAddress = stringsOf(parsed?.confirmAddress, ['memberId', 'contactId'] as const);
  if (confirmAddress) return { confirmAddress };
  const partnerRequest = stringsOf(parsed?.partnerRequest, ['eventId', 'requestId', 'contactId'] as const);
  if (partnerRequest) return { partnerRequest };
  const followUp = stringsOf(parsed?.followUp, ['eventId', 'meetingId', 'companyId', 'contactId'] as const);
  if (followUp) return { followUp };
  const agenda = stringsOf(parsed?.agenda, ['eventId', 'companyId'] as const);
  const scheduleVersion = (parsed?.agenda as { scheduleVersion?: unknown } | undefined)?.scheduleVersion;
  if (
    agenda &&
    typeof scheduleVersion === 'number' &&
    Number.isInteger(scheduleVersion) &&
    scheduleVersion > 0
  ) {
    return { agenda: { ...agenda, scheduleVersion } };
  }
  throw new Error(
    'The message is no campaign work (dispatch, sweep, recipient, test, confirmation, invitation, ' +
      'meeting request, agenda or follow-up question).',
  );
}
