import type { CompanyKind } from '../data/keys.ts';
import type { Language } from '../domain/member-schema.ts';
import type { ExclusionReason } from './audience.ts';
import type { MergeValues } from './campaign-template.ts';

/** The statuses the API names (API.md). */
export const publicRecipientStatuses = [
  'queued',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'unknown',
  'unsubscribed',
] as const;
export type PublicRecipientStatus = (typeof publicRecipientStatuses)[number];

/**
 * What happened to one contact of a campaign's audience: the public statuses, and two of our own.
 * `claimed` is the sender's: it holds the recipient while it hands the message to the provider, and
 * is answered as `queued`. `excluded` records a contact of the segment that gets no email, with its
 * reason.
 */
export const recipientStatuses = [...publicRecipientStatuses, 'claimed', 'excluded'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/**
 * A recipient's values as of dispatch: its merge values, in its letter's language, and the code of
 * its company's country, which the rules of the email's law go by (Decree 91/2020/ND-CP,
 * email-footer.ts `inVietnam`); no template names it. Recipients dispatched before the merge values
 * were names hold the code as `country` and no `countryCode`.
 */
export type RecipientValues = MergeValues & { countryCode?: string };

export interface Recipient {
  campaignId: string;
  contactId: string;
  /** Whose contact: a member's, or a partner's (then `memberId` holds the partner's id). */
  companyKind: CompanyKind;
  memberId: string;
  /** Null for a contact excluded for having none; blanked when the contact is erased. */
  email: string | null;
  /** The variant the recipient gets; null when excluded before a language was chosen. */
  language: Language | null;
  status: RecipientStatus;
  reason: ExclusionReason | null;
  /** The merge values as they were when the campaign was dispatched (only for those mailed). */
  values: RecipientValues | null;
  /** Until when a claim holds; a claim found expired and unrecorded makes the recipient `unknown`. */
  claimedUntil: string | null;
  /** The provider's message id, once it accepted the message. */
  messageId: string | null;
  sentAt: string | null;
  /** When staff released it from `unknown` for its one more attempt; it is never released twice. */
  releasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Counts per stored status, summed over the campaign's stats shards. */
export type RecipientCounts = Record<RecipientStatus, number>;

export const noCounts = (): RecipientCounts =>
  Object.fromEntries(recipientStatuses.map((status) => [status, 0])) as RecipientCounts;

export function publicStatusOf(status: RecipientStatus): PublicRecipientStatus | null {
  if (status === 'excluded') return null;
  return status === 'claimed' ? 'queued' : status;
}

/** Whether the campaign still has recipients to hand to the provider (or being handed). */
export const hasPending = (counts: RecipientCounts): boolean => counts.queued + counts.claimed > 0;

/** A campaign's counts as the API answers them: claimed ones are still queued; excluded are not recipients. */
export function publicCounts(counts: RecipientCounts): Record<PublicRecipientStatus, number> {
  const result = Object.fromEntries(publicRecipientStatuses.map((status) => [status, 0])) as Record<
    PublicRecipientStatus,
    number
  >;
  for (const status of recipientStatuses) {
    const shown = publicStatusOf(status);
    if (shown) result[shown] += counts[status];
  }
  return result;
}
