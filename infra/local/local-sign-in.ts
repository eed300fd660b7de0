import { Hono } from 'hono';
import { z } from 'zod';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import type { DevSecrets } from './dev-secrets.ts';
import type { LocalUserDirectory } from './local-user-directory.ts';

/** Member access tokens live 5 minutes, as the members' app client issues them in AWS. */
const memberTokenSeconds = 300;

const signInSchema = z.strictObject({ email: z.string().max(254), password: z.string().max(256) });

/**
 * What Cognito's sign-in (`InitiateAuth`, USER_PASSWORD_AUTH) does in AWS, for the local server only
 * (never in a Lambda bundle): a member's email and the password it set through its invitation give an
 * access token for its member, signed with the development key. Wrong address, wrong password, a
 * disabled user or one without a password yet: one 401 for all.
 */
export function localSignInRoutes(users: LocalUserDirectory, secrets: DevSecrets) {
  const app = new Hono();
  app.post('/local/sign-in', async (c) => {
    const parsed = signInSchema.safeParse(await c.req.json().catch(() => undefined));
    const problem = (status: 400 | 401, detail: string) =>
      c.body(
        JSON.stringify({
          type: 'about:blank',
          title: status === 400 ? 'Bad request' : 'Unauthorized',
          status,
          detail,
        }),
        status,
        {
          'content-type': 'application/problem+json',
        },
      );
    if (!parsed.success) return problem(400, 'Send {"email": "...", "password": "..."} as JSON.');
    const user = await users.signIn(parsed.data.email, parsed.data.password);
    if (!user) return problem(401, 'Wrong email or password.');
    const accessToken = await signLocalToken(secrets.privateJwk, {
      role: 'member',
      memberId: user.memberId,
      sub: user.userId,
      lifetimeSeconds: memberTokenSeconds,
    });
    return c.json({ accessToken, tokenType: 'Bearer', expiresIn: memberTokenSeconds });
  });
  return app;
}
