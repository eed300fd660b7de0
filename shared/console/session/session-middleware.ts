import type { MiddlewareHandler } from 'hono';
import type { ConsoleEnv } from '../console-env.ts';
import { isLocale, negotiateLocale } from '../i18n/locales.ts';
import { clearSessionCookie, readSessionCookie } from './session-cookies.ts';
import { groupsRecheckSeconds, type SessionRepository } from './session-repository.ts';
import { consoleRoleOf, type SignInProvider } from './sign-in-provider.ts';

/** The only console paths answered without a session: signing in, and the pages' static files. */
export const publicConsolePaths: readonly RegExp[] = [
  /^\/console\/sign-in$/,
  /^\/console\/callback$/,
  /^\/console\/assets\/[^/]+$/,
];

export const isPublicConsolePath = (path: string): boolean => publicConsolePaths.some((re) => re.test(path));

/** Where a request without a live session is sent: the sign-in page, saying why, then back here. */
function toSignIn(c: Parameters<MiddlewareHandler<ConsoleEnv>>[0], reason: 'ended' | 'not-staff') {
  const returnTo = c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : '/console/members';
  const location = `/console/sign-in?reason=${reason}&return=${encodeURIComponent(returnTo)}`;
  // htmx follows HX-Redirect with a full page load; a plain 303 would be swapped into the page.
  if (c.req.header('hx-request')) return c.body(null, 401, { 'hx-redirect': location });
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(location, 303);
  return c.body(null, 401);
}

/**
 * Default deny: every console path but the allow-list needs a live session, whose groups are read
 * again from the identity provider at least every five minutes (a user taken out of `staff` loses the
 * console within five minutes, as an API token of theirs would within fifteen). The session's user
 * becomes the same `principal` the API's services take.
 */
export function consoleSession(deps: {
  sessions: SessionRepository;
  signIn: SignInProvider;
  clock: () => Date;
}): MiddlewareHandler<ConsoleEnv> {
  return async function consoleSession(c, next) {
    if (isPublicConsolePath(c.req.path)) {
      const chosen = c.req.query('lang');
      c.set('locale', isLocale(chosen) ? chosen : negotiateLocale(c.req.header('accept-language')));
      return next();
    }
    const id = readSessionCookie(c);
    let session = id ? await deps.sessions.get(id) : undefined;
    if (!session) {
      if (id) clearSessionCookie(c);
      return toSignIn(c, 'ended');
    }
    const checkedAgo = (deps.clock().getTime() - Date.parse(session.groupsCheckedAt)) / 1000;
    if (checkedAgo >= groupsRecheckSeconds) {
      const groups = await deps.signIn.refreshGroups(session);
      const role = groups ? consoleRoleOf(groups) : undefined;
      if (!role) {
        await deps.sessions.delete(session.idHash);
        clearSessionCookie(c);
        return toSignIn(c, 'not-staff');
      }
      session = await deps.sessions.touch(session, { role, groupsChecked: true });
    } else {
      session = await deps.sessions.touch(session);
    }
    c.set('session', session);
    c.set('principal', { sub: session.sub, role: session.role });
    c.set('locale', session.locale);
    await next();
  };
}
