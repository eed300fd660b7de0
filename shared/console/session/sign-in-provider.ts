import { createHash, randomBytes } from 'node:crypto';

/** Who signed in, as the identity provider vouches for them after the code exchange. */
export interface SignedInUser {
  sub: string;
  /** The groups the provider put in the access token (after the token trigger's MFA rule). */
  groups: readonly string[];
  /** Shown in the console's header: the user's email or sign-in name. */
  name: string;
  /** Renews the groups and is revoked at sign-out, where the provider issues one. */
  refreshToken?: string;
  /**
   * Where the provider withheld `staff` or `admin` until the user enrols a second factor: the access
   * token that may enrol one (Cognito's account scope), held on the server for the enrolment page.
   */
  enrolment?: { accessToken: string; role: 'admin' | 'staff' };
}

/**
 * The identity provider behind the console's sign-in: Cognito's managed login in AWS
 * (`cognito-sign-in.ts`); locally a development page signed with the development key, mounted only by
 * `infra/local/`. Authorisation code with PKCE (RFC 7636), exchanged on the server: the browser only
 * ever carries the one-time code, never a token.
 */
export interface SignInProvider {
  /**
   * The provider's origin where it is not the console's own: the sign-in form's redirect goes there,
   * and browsers hold a form's redirects to the page's `form-action` policy too.
   */
  readonly origin?: string;
  /** Where the browser goes to sign in; it comes back to `redirectUri` with `code` and `state`. */
  authorizeUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** The code for who signed in; throws UnauthorizedError for a code that is not good. */
  exchange(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<SignedInUser>;
  /** The user's current groups, read again with the refresh token; undefined if refused (revoked). */
  refreshGroups(user: { sub: string; refreshToken?: string }): Promise<readonly string[] | undefined>;
  /** Revokes the refresh token, so that nothing issued to this session renews. */
  revoke(refreshToken: string): Promise<void>;
  /** Where the browser goes after sign-out to end the provider's own session too, if it keeps one. */
  signOutUrl?(returnTo: string): string;
}

/** A PKCE verifier (43 characters of base64url, 256 bits) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallengeOf(verifier) };
}

export function pkceChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The console's role from a user's groups: admin over staff; members never sign in to the console. */
export function consoleRoleOf(groups: readonly string[]): 'admin' | 'staff' | undefined {
  if (groups.includes('admin')) return 'admin';
  if (groups.includes('staff')) return 'staff';
  return undefined;
}
