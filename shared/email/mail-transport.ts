/** One message as built by `composeEmail`, with what a transport needs besides its bytes. */
export interface OutgoingEmail {
  /** The envelope sender and recipient (the headers inside `raw` say the same). */
  from: string;
  to: string;
  /** The whole RFC 5322 message: the same bytes go to SES, the outbox or SMTP. */
  raw: Buffer;
  /** Provider tags (SES message tags): campaign and recipient, to match delivery events. */
  tags: Record<string, string>;
}

/**
 * Hands a message to the mail provider (SES in AWS; the outbox folder or SMTP locally) and resolves
 * to the provider's message id once the provider has accepted it.
 */
export interface MailTransport {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/**
 * The provider certainly did not accept the message (throttled, over a quota, connection refused):
 * sending it again later cannot make a duplicate. Any other failure of `send` may have come after the
 * provider accepted it, so the message must not be sent again blindly.
 */
export class MailNotAcceptedError extends Error {
  override readonly name = 'MailNotAcceptedError';
}

/**
 * The provider certainly did not accept the message and never will (an SMTP 5xx for the recipient or
 * the message): sending it again cannot succeed, and cannot make a duplicate either.
 */
export class MailRejectedError extends Error {
  override readonly name = 'MailRejectedError';
}
