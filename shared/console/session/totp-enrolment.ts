/**
 * Enrolling a user's TOTP authenticator with their own access token (Cognito's account scope): the
 * identity provider makes the secret and checks the first code; the console only shows the one and
 * passes on the other. In AWS: runtime/cognito-totp-enrolment.ts.
 */
export interface TotpEnrolment {
  /** A new secret (base32) for the token's user, not in force until a code from it is verified. */
  associate(accessToken: string): Promise<string>;
  /** Checks a code from the new secret and, if it matches, makes TOTP the user's second factor. */
  verify(accessToken: string, code: string): Promise<'enrolled' | 'mismatch'>;
}

/** What an authenticator app scans (Key Uri Format): the account under the product's name. */
export function otpauthUri(secret: string, account: string, issuer = 'Bridge CRM'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
}

/** The secret in groups of four, for typing it into an app by hand. */
export const groupedSecret = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret;
