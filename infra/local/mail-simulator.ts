import type { OutgoingEmail } from '../../shared/email/mail-transport.ts';

/**
 * SES's mailbox simulator addresses, and what SES answers each with (SES Developer Guide, "Using the
 * mailbox simulator"); a `+label` before the `@` is allowed, so many contacts can use one. Locally the
 * outbox answers them the same way, so bounces, complaints, suppression and the auto-pause can be
 * seen without AWS. Any other address gets no event: its recipient stays `sent`.
 */
const simulated = /^(success|bounce|complaint)(\+[^@]*)?@simulator\.amazonses\.com$/i;

/**
 * The event SES would publish for `email`, in SES's own event JSON (the shape the AWS consumer reads),
 * or undefined for an address that is not a simulator's.
 */
export function simulatedSesEvent(email: OutgoingEmail, messageId: string, at: Date): unknown {
  const outcome = simulated.exec(email.to)?.[1]?.toLowerCase();
  if (!outcome) return undefined;
  const mail = {
    timestamp: at.toISOString(),
    source: email.from,
    messageId,
    destination: [email.to],
    tags: Object.fromEntries(Object.entries(email.tags).map(([name, value]) => [name, [value]])),
  };
  const timestamp = at.toISOString();
  if (outcome === 'success') {
    return {
      eventType: 'Delivery',
      mail,
      delivery: { timestamp, recipients: [email.to], smtpResponse: '250 2.6.0 Message received' },
    };
  }
  if (outcome === 'bounce') {
    return {
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          {
            emailAddress: email.to,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp,
      },
    };
  }
  return {
    eventType: 'Complaint',
    mail,
    complaint: {
      complainedRecipients: [{ emailAddress: email.to }],
      timestamp,
      complaintFeedbackType: 'abuse',
    },
  };
}
