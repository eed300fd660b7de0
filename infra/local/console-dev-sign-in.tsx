import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { pkceChallengeOf, type SignInProvider } from '../../shared/console/session/sign-in-provider.ts';
import type { StaffDirectory } from '../../shared/console/session/staff-directory.ts';
import { UnauthorizedError } from '../../shared/domain/errors.ts';
import type { DevSecrets } from './dev-secrets.ts';
import { demoStaff } from './seed/demo-leads.ts';

const algorithm = 'ES256';
const audience = 'bridge-crm-local-console';
const codeSeconds = 60;
const devRoles = ['staff', 'admin'] as const;
type DevRole = (typeof devRoles)[number];
/** The sign-in page's third choice: staff whose token only enrols a second factor. */
const withoutSecondFactor = 'staff-without-second-factor';

/** The dev users: one per role, whose subject names the role, as a token from `npm run token` does. */
const devUser = (role: DevRole) => ({ sub: `dev-${role}`, name: `dev-${role}@bridge-crm.localhost` });

/**
 * The console's groups here: each dev user in the group of its role, always, and the demo's staff who
 * work its leads, so that the daily roster check leaves the seeded roster as it is.
 */
export const devStaffDirectory: StaffDirectory = {
  members: async () =>
    new Map<string, DevRole>([
      ...devRoles.map((role) => [devUser(role).sub, role] as const),
      ...demoStaff.map((sub) => [sub, 'staff'] as const),
    ]),
};

/** Only the console's own callback on this server: a sign-in never hands its code to anyone else. */
function isOwnCallback(redirectUri: string, origin: string): boolean {
  try {
    const url = new URL(redirectUri);
    return url.origin === origin && url.pathname === '/console/callback' && url.search === '';
  } catch {
    return false;
  }
}

/**
 * What Cognito's managed login does in AWS, for the local server only (mounted by `local-app.ts`, never
 * in a Lambda bundle): a page that signs in as staff or admin, or as staff without a second factor (the
 * console's TOTP enrolment, with dev-totp-enrolment.ts). Its authorisation code is a 60-second
 * JWT signed with the development key, bound to the PKCE challenge and the callback, so the console's
 * own callback, code exchange and session run exactly as they do against Cognito.
 */
export function devConsoleSignIn(secrets: DevSecrets): { provider: SignInProvider; routes: Hono } {
  const privateKey = importJWK(secrets.privateJwk, algorithm);
  const publicKey = importJWK(secrets.publicJwk, algorithm);

  const provider: SignInProvider = {
    authorizeUrl: ({ state, codeChallenge, redirectUri }) =>
      `/local/console-sign-in?${new URLSearchParams({ state, code_challenge: codeChallenge, redirect_uri: redirectUri })}`,
    async exchange({ code, codeVerifier, redirectUri }) {
      try {
        const { payload } = await jwtVerify(code, await publicKey, { algorithms: [algorithm], audience });
        const role = devRoles.find((r) => r === payload.role);
        if (
          !role ||
          payload.challenge !== pkceChallengeOf(codeVerifier) ||
          payload.redirect_uri !== redirectUri
        ) {
          throw new Error('code does not match');
        }
        // As Cognito's trigger answers a staff user without a second factor: no group, and the
        // token that may enrol one (here only a name for the local enrolment's secret).
        if (payload.enrol === true)
          return { ...devUser(role), groups: [], enrolment: { accessToken: randomUUID(), role } };
        return { ...devUser(role), groups: [role] };
      } catch {
        throw new UnauthorizedError('The sign-in code is not good.');
      }
    },
    // The dev users' groups are their roles and never change; nothing is issued that could be revoked.
    refreshGroups: async ({ sub }) => devRoles.filter((role) => devUser(role).sub === sub),
    revoke: async () => {},
  };

  const routes = new Hono();
  routes.get('/local/console-sign-in', (c) => {
    const { state = '', code_challenge: challenge = '', redirect_uri: redirectUri = '' } = c.req.query();
    return c.html(
      '<!doctype html>' +
      (
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <title>Local sign-in · Bridge CRM</title>
          </head>
          <body>
            <main>
              <h1>Local sign-in</h1>
              <p>
                This page exists only on the local server (npm start). In AWS, Cognito's managed login signs
                staff in.
              </p>
              <form method="post">
                <input type="hidden" name="state" value={state} />
                <input type="hidden" name="code_challenge" value={challenge} />
                <input type="hidden" name="redirect_uri" value={redirectUri} />
                {devRoles.map((role) => (
                  <button type="submit" name="role" value={role}>
                    Sign in as {role}
                  </button>
                ))}
                <button type="submit" name="role" value={withoutSecondFactor}>
                  Sign in as staff without a second factor
                </button>
              </form>
            </main>
          </body>
        </html>
      ),
    );
  });
  routes.post('/local/console-sign-in', async (c) => {
    const form = await c.req.parseBody();
    const role = form.role === withoutSecondFactor ? 'staff' : devRoles.find((r) => r === form.role);
    const redirectUri = String(form.redirect_uri ?? '');
    if (!role || typeof form.state !== 'string' || typeof form.code_challenge !== 'string') {
      return c.text('Choose a role.', 400);
    }
    if (!isOwnCallback(redirectUri, new URL(c.req.url).origin)) return c.text('Unknown callback.', 400);
    const enrol = form.role === withoutSecondFactor;
    const code = await new SignJWT({ role, enrol, challenge: form.code_challenge, redirect_uri: redirectUri })
      .setProtectedHeader({ alg: algorithm })
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${codeSeconds}s`)
      .sign(await privateKey);
    return c.redirect(`${redirectUri}?${new URLSearchParams({ code, state: form.state })}`, 303);
  });
  return { provider, routes };
}
