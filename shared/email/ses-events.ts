import { z } from '@hono/zod-openapi';
import { onFirstUse } from '../domain/schema-on-first-use.ts';

/**
 * What a mail provider event says about one campaign email, whatever the provider wrote it in. SES
 * publishes its events (configuration set → EventBridge or SNS → SQS) as JSON with `eventType` and the
 * message's tags; `providerEventOf` reads that shape (SES Developer Guide, "Examples of event data
 * that Amazon SES publishes"). Events arrive more than once and out of order: applying them is the
 * consumer's concern (shared/campaigns/mail-events.ts).
 */
export type ProviderEventType = 'delivery' | 'bounce' | 'complaint' | 'reject' | 'delay';

export interface ProviderEvent {
  type: ProviderEventType;
  /** The provider's message id, as the transport recorded it. */
  messageId: string;
  /** From the message tags the sender set. */
  campaignId: string;
  contactId: string;
  at: string;
  /** Bounces only: a permanent bounce means the address will never take mail. */
  permanent?: boolean;
}

const sesTypes: Record<string, ProviderEventType> = {
  Delivery: 'delivery',
  Bounce: 'bounce',
  Complaint: 'complaint',
  Reject: 'reject',
  DeliveryDelay: 'delay',
};

const tagValue = onFirstUse(() => z.array(z.string()).min(1));

const sesEventSchema = onFirstUse(() =>
  z.object({
    // SES writes `eventType` for configuration-set events, `notificationType` for identity notifications.
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z.object({
      messageId: z.string(),
      timestamp: z.string(),
      tags: z.object({ campaignId: tagValue, recipientId: tagValue }).loose(),
    }),
    bounce: z.object({ bounceType: z.string() }).loose().optional(),
  }),
);

/**
 * The campaign email event an SES event JSON describes, or undefined for what is not about a campaign
 * email (no campaign tags: a test email, another sender's mail) or an event type campaigns ignore
 * (sends, opens, clicks, rendering failures).
 */
export function providerEventOf(json: unknown): ProviderEvent | undefined {
  const parsed = sesEventSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const type = sesTypes[event.eventType ?? event.notificationType ?? ''];
  if (!type) return undefined;
  return {
    type,
    messageId: event.mail.messageId,
    campaignId: event.mail.tags.campaignId[0]!,
    contactId: event.mail.tags.recipientId[0]!,
    at: event.mail.timestamp,
    ...(type === 'bounce' ? { permanent: event.bounce?.bounceType === 'Permanent' } : {}),
  };
}

/**
 * What the provider says about a transactional email (an address confirmation): only what acts on
 * the address, a permanent bounce or a complaint, both of which suppress it for all mail.
 */
export interface TransactionalEvent {
  type: 'bounce' | 'complaint';
  messageId: string;
  /** The email's `purpose` tag. */
  purpose: string;
  /** The addresses the email went to (`mail.destination`). */
  addresses: string[];
}

const transactionalSchema = onFirstUse(() =>
  z.object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z.object({
      messageId: z.string(),
      destination: z.array(z.string()).min(1),
      tags: z.object({ purpose: tagValue }).loose(),
    }),
    bounce: z.object({ bounceType: z.string() }).loose().optional(),
  }),
);

/**
 * The transactional email event an SES event JSON describes, or undefined for a campaign's email (its
 * tags name a campaign), for other mail, and for what leaves the address as it is (deliveries, delays,
 * transient bounces).
 */
export function transactionalEventOf(json: unknown): TransactionalEvent | undefined {
  const parsed = transactionalSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const type = sesTypes[event.eventType ?? event.notificationType ?? ''];
  const acted = type === 'complaint' || (type === 'bounce' && event.bounce?.bounceType === 'Permanent');
  if (!acted) return undefined;
  return {
    type,
    messageId: event.mail.messageId,
    purpose: event.mail.tags.purpose[0]!,
    addresses: event.mail.destination,
  };
}
