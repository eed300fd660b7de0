import { Secret, TOTP } from 'otpauth';
import type { TotpEnrolment } from '../../shared/console/session/totp-enrolment.ts';
import { UnauthorizedError } from '../../shared/domain/errors.ts';

/**
 * What Cognito's TOTP enrolment does in AWS, for the local server only (never in a Lambda bundle): a
 * secret per enrolling sign-in, and a first code checked against it (RFC 6238, 30-second steps, one
 * step of drift either way), so the console's enrolment page runs here as it does against Cognito.
 * Nothing is kept once a code matches: the dev users need no second factor to sign in.
 */
export function devTotpEnrolment(): TotpEnrolment {
  const secrets = new Map<string, Secret>();
  return {
    async associate(accessToken) {
      const secret = new Secret({ size: 20 });
      secrets.set(accessToken, secret);
      return secret.base32;
    },
    async verify(accessToken, code) {
      const secret = secrets.get(accessToken);
      if (!secret) throw new UnauthorizedError('No enrolment was started with this sign-in.');
      if (new TOTP({ secret }).validate({ token: code, window: 1 }) === null) return 'mismatch';
      secrets.delete(accessToken);
      return 'enrolled';
    },
  };
}
