import type { MiddlewareHandler } from 'hono';
import { NotFoundError } from '../../domain/errors.ts';
import { logger } from '../../observability/logger.ts';
import type { ConsoleEnv } from '../console-env.ts';
import { isLocale, negotiateLocale } from '../i18n/locales.ts';
import type { StaffRoster } from '../staff-roster.ts';
import { clearSessionCookie, readSessionCookie, safeReturnPath } from './session-cookies.ts';
import { groupsRecheckSeconds, type SessionRepository } from './session-repository.ts';
import { consoleRoleOf, type SignInProvider } from './sign-in-provider.ts';

/**
 * The only console paths answered without a session: signing in and out, enrolling the second factor
 * sign-in needs, and the pages' static files.
 */
export const publicConsolePaths: readonly RegExp[] = [
  /^\/console\/sign-in$/,
  /^\/console\/callback$/,
  // Enrolling a second factor: the user has no session yet, only the enrolment's own cookie.
  /^\/console\/mfa$/,
  // Signing out must work with an ended session too: it still revokes and ends the provider's session.
  /^\/console\/sign-out$/,
  /^\/console\/assets\/[^/]+$/,
  // The lists of places a field suggests: ISO's and ICU's names, the same for everyone. Behind the
  // session, a field focused after it ended would clear its cookie by a script's fetch.
  /^\/console\/places\/[^/]+$/,
];

export const isPublicConsolePath = (path: string): boolean => publicConsolePaths.some((re) => re.test(path));

/** Where sign-in leads back to: the page an htmx request was made from (not the part it asked for). */
function returnPathOf(c: Parameters<MiddlewareHandler<ConsoleEnv>>[0]): string {
  const current = c.req.header('hx-current-url');
  if (current && URL.canParse(current)) {
    const { pathname, search } = new URL(current);
    return safeReturnPath(pathname + search);
  }
  return c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : '/console/members';
}

/**
 * Where a request without a live session is sent: the sign-in page, saying why (a session that ended,
 * a user no longer staff; nothing to a first visit, which had none), then back here.
 */
function toSignIn(c: Parameters<MiddlewareHandler<ConsoleEnv>>[0], reason?: 'ended' | 'not-staff') {
  const returnTo = returnPathOf(c);
  const location = `/console/sign-in?${reason ? `reason=${reason}&` : ''}return=${encodeURIComponent(returnTo)}`;
  // htmx follows HX-Redirect with a full page load; a plain 303 would be swapped into the page.
  if (c.req.header('hx-request')) return c.body(null, 401, { 'hx-redirect': location });
  // A form posted after the session ended: the sign-in page says so, rather than a blank 401.
  return c.redirect(location, 303);
}

/** A session older than the roster (made before it existed) has no entry there to keep in step. */
function unlessNotFound(error: unknown): void {
  if (!(error instanceof NotFoundError)) throw error;
}

/**
 * Requests a page makes by itself (htmx polling of a campaign's progress or a job) carry this header
 * (`hx-headers`): they keep showing the page, but do not keep an unattended session alive.
 */
export const pollHeader = 'x-console-poll';
export const pollAttributes = { 'hx-headers': JSON.stringify({ [pollHeader]: '1' }) } as const;

/**
 * Default deny: every console path but the allow-list needs a live session, whose groups are read
 * again from the identity provider at least every five minutes (a user taken out of `staff` loses the
 * console within five minutes, as an API token of theirs would within fifteen). The session's user
 * becomes the same `principal` the API's services take.
 */
export function consoleSession(deps: {
  sessions: SessionRepository;
  signIn: SignInProvider;
  /** Kept in step with the groups as they are read again: a role changed, the staff left. */
  roster: StaffRoster;
  clock: () => Date;
  /**
   * What the page after the session most likely waits on next, started alongside the session's read
   * and not awaited here: the cursor keys, which in AWS come once per function from the Secrets
   * extension (and through it Secrets Manager), so a cold start's first list page waits on the two
   * round trips at once rather than one after the other; the layout's asset URLs (the files read and
   * hashed once per function). A failure is the page's to meet, when it asks.
   */
  prefetch?: () => Promise<unknown>;
}): MiddlewareHandler<ConsoleEnv> {
  return async function consoleSession(c, next) {
    if (isPublicConsolePath(c.req.path)) {
      const chosen = c.req.query('lang');
      c.set('locale', isLocale(chosen) ? chosen : negotiateLocale(c.req.header('accept-language')));
      return next();
    }
    const id = readSessionCookie(c);
    if (id) deps.prefetch?.().catch(() => undefined);
    let session = id ? await deps.sessions.get(id) : undefined;
    if (!session) {
      if (!id) return toSignIn(c);
      clearSessionCookie(c);
      return toSignIn(c, 'ended');
    }
    const active = c.req.header(pollHeader) === undefined;
    const checkedAgo = (deps.clock().getTime() - Date.parse(session.groupsCheckedAt)) / 1000;
    // The idle deadline moves (at most once a minute, and on a cold function's first request most
    // likely) beside the page's own reads, not before them: the page needs nothing the write changes.
    // Awaited before the answer, so the write is not left to a frozen function; if it fails, the page
    // stands and the next request moves the deadline (it is still due then). Groups due to be read
    // again are read, and the session touched with them, before the page.
    let touching: Promise<void> | undefined;
    if (checkedAgo >= groupsRecheckSeconds) {
      const groups = await deps.signIn.refreshGroups(session);
      const role = groups ? consoleRoleOf(groups) : undefined;
      if (!role) {
        const { refreshToken } = await deps.sessions.delete(session.idHash);
        await Promise.all([
          refreshToken ? deps.signIn.revoke(refreshToken) : undefined,
          deps.roster.leave(session.sub, deps.clock().toISOString()).catch(unlessNotFound),
        ]);
        clearSessionCookie(c);
        return toSignIn(c, 'not-staff');
      }
      const [touched] = await Promise.all([
        deps.sessions.touch(session, { role, groupsChecked: true }, active),
        role === session.role ? undefined : deps.roster.changeRole(session.sub, role).catch(unlessNotFound),
      ]);
      session = touched;
    } else {
      touching = deps.sessions.touch(session, {}, active).then(
        () => undefined,
        (error: unknown) => logger.warn('session idle deadline not moved', { error: error as Error }),
      );
    }
    c.set('session', session);
    c.set('principal', { sub: session.sub, role: session.role });
    c.set('locale', session.locale);
    c.set('timeZone', session.timeZone);
    if (!touching) return next();
    try {
      await next();
    } finally {
      await touching;
    }
  };
}
