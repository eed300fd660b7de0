import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionAbsoluteSeconds } from './session-repository.ts';

/**
 * The console's cookies, all `__Host-` (Secure, Path=/, no Domain: this host only), HttpOnly (no
 * script reads them) and SameSite=Lax (a cross-site POST carries none). The session cookie holds only
 * the session's random id; the sign-in cookie the PKCE verifier and state of one sign-in; the
 * enrolment cookie the random id of a second factor being enrolled.
 */
const sessionCookie = 'bridge-session';
const signInCookie = 'bridge-sign-in';
const signInSeconds = 10 * 60;
const enrolmentCookie = 'bridge-mfa';
/** How long a user has to scan the code and confirm it, well inside the access token's 15 minutes. */
export const enrolmentSeconds = 10 * 60;

const options = { prefix: 'host', httpOnly: true, sameSite: 'Lax', secure: true, path: '/' } as const;

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, sessionCookie, 'host');

export function writeSessionCookie(c: Context, id: string): void {
  // The cookie outlives no session: the server ends it sooner when idle.
  setCookie(c, sessionCookie, id, { ...options, maxAge: sessionAbsoluteSeconds });
}

export const clearSessionCookie = (c: Context): void => {
  deleteCookie(c, sessionCookie, options);
};

export const readEnrolmentCookie = (c: Context): string | undefined => getCookie(c, enrolmentCookie, 'host');

/** Names the server-side enrolment (mfa-enrolment-repository.ts): its random id, as a session's. */
export function writeEnrolmentCookie(c: Context, id: string): void {
  setCookie(c, enrolmentCookie, id, { ...options, maxAge: enrolmentSeconds });
}

export const clearEnrolmentCookie = (c: Context): void => {
  deleteCookie(c, enrolmentCookie, options);
};

export interface PendingSignIn {
  state: string;
  verifier: string;
  /** The console path to open once signed in. */
  returnTo: string;
}

export function writeSignInCookie(c: Context, pending: PendingSignIn): void {
  const value = Buffer.from(JSON.stringify(pending), 'utf8').toString('base64url');
  setCookie(c, signInCookie, value, { ...options, maxAge: signInSeconds });
}

export function takeSignInCookie(c: Context): PendingSignIn | undefined {
  const value = getCookie(c, signInCookie, 'host');
  deleteCookie(c, signInCookie, options);
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if (typeof parsed.state !== 'string' || typeof parsed.verifier !== 'string') return undefined;
    return { state: parsed.state, verifier: parsed.verifier, returnTo: safeReturnPath(parsed.returnTo) };
  } catch {
    return undefined;
  }
}

/**
 * Only a path of the console itself: never another origin (`//evil`, `/\evil`), never a scheme, never a
 * control character (a line break would make the redirect's `Location` header fail).
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500 || /\p{Cc}/u.test(value)) {
    return '/console/members';
  }
  return /^\/console(\/[^\\]*)?(\?[^\\]*)?$/.test(value) && !value.startsWith('//')
    ? value
    : '/console/members';
}

/** A path with one more query parameter (`flag` or `name=value`), whether or not it has a query yet. */
export const withQuery = (path: string, param: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}${param}`;
