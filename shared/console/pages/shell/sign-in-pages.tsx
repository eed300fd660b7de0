import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { AuditLog } from '../../../audit/audit-log.ts';
import { logger } from '../../../observability/logger.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import type { ConsoleUserRepository } from '../../console-user-repository.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { defaultTimeZones, isLocale, type Locale, languageNames, locales } from '../../i18n/locales.ts';
import {
  clearSessionCookie,
  readSessionCookie,
  safeReturnPath,
  takeSignInCookie,
  writeSessionCookie,
  writeSignInCookie,
} from '../../session/session-cookies.ts';
import { hashSessionId, type SessionRepository } from '../../session/session-repository.ts';
import { consoleRoleOf, pkcePair, type SignInProvider } from '../../session/sign-in-provider.ts';
import { signedOutPath } from '../../session/signed-out.ts';
import type { StaffRoster } from '../../staff-roster.ts';
import { beginEnrolment, type MfaEnrolmentDeps } from './mfa-enrolment-pages.tsx';

export interface SignInDeps {
  sessions: SessionRepository;
  users: ConsoleUserRepository;
  audit: AuditLog;
  roster: StaffRoster;
  now: () => Date;
  signIn: SignInProvider;
  /** The registered callback URL (AWS: a context value); absent: this request's origin's. */
  callbackUrl?: string;
  /** Where the provider may withhold staff for want of a second factor (Cognito): its enrolment. */
  enrolment?: MfaEnrolmentDeps;
}

const reasons = ['ended', 'not-staff', 'failed', 'signed-out', 'mfa-enrolled', 'mfa-attempts'] as const;
/** Reasons that report what the user did, not a refusal. */
const statusReasons: readonly Reason[] = ['signed-out', 'mfa-enrolled'];
type Reason = (typeof reasons)[number];

const reasonText = (locale: Locale, reason: Reason): string => {
  const m = commonMessages[locale];
  return {
    ended: m.sessionEnded,
    'not-staff': m.notStaff,
    failed: m.signInFailed,
    'signed-out': m.signedOut,
    'mfa-enrolled': m.mfaEnrolled,
    'mfa-attempts': m.mfaAttempts,
  }[reason];
};

/**
 * Signing in and out. The sign-in page posts to itself, which starts an authorisation code flow with
 * PKCE at the identity provider; the callback exchanges the code on the server, refuses anyone not in
 * `staff` or `admin` (offering a staff user without a second factor to enrol one, where the provider
 * says so), and opens a session. Sign-out deletes the session and revokes the refresh token.
 */
export function signInPages(deps: SignInDeps) {
  const app = new Hono<ConsoleEnv>();
  const callbackUrl = (url: string) => deps.callbackUrl ?? `${new URL(url).origin}/console/callback`;

  app.get('/console', (c) => c.redirect('/console/members', 303));

  app.get('/console/sign-in', (c) => {
    const locale = c.get('locale');
    const m = commonMessages[locale];
    const reason = reasons.find((r) => r === c.req.query('reason'));
    const returnTo = safeReturnPath(c.req.query('return'));
    return c.render(
      <article class="sign-in">
        <h1>{m.signInTitle}</h1>
        {reason ? (
          <p role={statusReasons.includes(reason) ? 'status' : 'alert'}>{reasonText(locale, reason)}</p>
        ) : null}
        <p>{m.signInLead}</p>
        <form method="post" action="/console/sign-in">
          <input type="hidden" name="return" value={returnTo} />
          <input type="hidden" name="locale" value={locale} />
          <button type="submit">{m.signIn}</button>
        </form>
        <nav aria-label={m.language}>
          <ul>
            {locales.map((l) => (
              <li>
                <a
                  href={`/console/sign-in?lang=${l}&return=${encodeURIComponent(returnTo)}`}
                  lang={l}
                  aria-current={l === locale ? 'true' : undefined}
                >
                  {languageNames[l]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </article>,
      { title: m.signInTitle },
    );
  });

  app.post('/console/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const { verifier, challenge } = pkcePair();
    const state = randomBytes(16).toString('base64url');
    writeSignInCookie(c, { state, verifier, returnTo: safeReturnPath(form.return) });
    return c.redirect(
      deps.signIn.authorizeUrl({ state, codeChallenge: challenge, redirectUri: callbackUrl(c.req.url) }),
      303,
    );
  });

  app.get('/console/callback', async (c) => {
    const pending = takeSignInCookie(c);
    const code = c.req.query('code');
    const failed = () => c.redirect('/console/sign-in?reason=failed', 303);
    // No cookie, or another sign-in's state: a forged or replayed callback (login CSRF) gets nothing.
    if (!pending || !code || c.req.query('state') !== pending.state) return failed();
    let user: Awaited<ReturnType<SignInProvider['exchange']>>;
    try {
      user = await deps.signIn.exchange({
        code,
        codeVerifier: pending.verifier,
        redirectUri: callbackUrl(c.req.url),
      });
    } catch {
      return failed();
    }
    const role = consoleRoleOf(user.groups);
    if (!role && user.enrolment && deps.enrolment) {
      try {
        return await beginEnrolment(c, deps.enrolment, { ...user, enrolment: user.enrolment });
      } catch (error) {
        logger.warn('second factor enrolment could not start', { error: error as Error });
        if (user.refreshToken) await deps.signIn.revoke(user.refreshToken).catch(() => undefined);
        return failed();
      }
    }
    if (!role) {
      if (user.refreshToken) await deps.signIn.revoke(user.refreshToken);
      return c.redirect('/console/sign-in?reason=not-staff', 303);
    }
    const prefs = await deps.users.prefs(user.sub);
    const locale = prefs?.locale ?? c.get('locale');
    const { id } = await deps.sessions.create({
      sub: user.sub,
      role,
      name: user.name,
      locale,
      shortcuts: prefs?.shortcuts ?? true,
      timeZone: prefs?.timeZoneChosen ? prefs.timeZone : defaultTimeZones[locale],
      ...(user.refreshToken ? { refreshToken: user.refreshToken } : {}),
    });
    await Promise.all([
      deps.audit.record({ action: 'sign-in', actor: { sub: user.sub, role } }),
      deps.roster.record({ sub: user.sub, name: user.name, role, signedInAt: deps.now().toISOString() }),
    ]);
    writeSessionCookie(c, id);
    return c.redirect(pending.returnTo, 303);
  });

  /**
   * Always ends what it can and goes on to the provider's logout: the cookie is cleared first, an
   * ended session is deleted all the same, and a provider that cannot revoke right now is logged
   * rather than leaving the user signed in at the provider (its managed login keeps its own session).
   * The signed-out page is in the session's language (else the form's, its page's), named in its
   * address, since no session is left to say it; sign-out is a public path, so `locale` here is only
   * the browser's.
   */
  app.post('/console/sign-out', async (c) => {
    const id = readSessionCookie(c);
    clearSessionCookie(c);
    const form = await c.req.parseBody();
    const { refreshToken, locale: kept } = id ? await deps.sessions.delete(hashSessionId(id)) : {};
    if (refreshToken) {
      await deps.signIn.revoke(refreshToken).catch((error: unknown) => {
        logger.warn('refresh token not revoked at sign-out', { error: error as Error });
      });
    }
    const locale = [kept, form.locale].find(isLocale) ?? c.get('locale');
    const signedOut = signedOutPath(locale);
    // The logout URL registered with the provider is on the callback's origin.
    const origin = new URL(deps.callbackUrl ?? c.req.url).origin;
    return c.redirect(deps.signIn.signOutUrl?.(`${origin}${signedOut}`) ?? signedOut, 303);
  });

  return app;
}
