import { z } from '@hono/zod-openapi';
import { ServiceUnavailableError, UnauthorizedError } from '../../domain/errors.ts';
import { onFirstUse } from '../../domain/schema-on-first-use.ts';
import { MFA_ENROLMENT_CLAIM, USER_ADMIN_SCOPE } from '../../identity/access-token-claims.ts';
import type { HttpRequester, PlainResponse } from '../../runtime/http-without-undici.ts';
import { consoleRoleOf, type SignedInUser, type SignInProvider } from './sign-in-provider.ts';

export interface CognitoSignInOptions {
  /** The user pool domain's origin: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  domainUrl: string;
  /** `<region>_<id>`: the issuer of the pool's tokens is derived from it. */
  userPoolId: string;
  /** The console's confidential app client. */
  clientId: string;
  /** The client's secret, read once where it is needed (never from the environment). */
  clientSecret: () => Promise<string>;
  /** How requests reach the domain: in AWS, shared/runtime/http-without-undici.ts (it says why not `fetch`). */
  request: HttpRequester;
  /** How long one call to the domain may take. @default 5000 ms */
  timeoutMs?: number;
  clock?: () => Date;
}

/** The claims of a Cognito access token the console relies on. */
const accessClaims = onFirstUse(() =>
  z.object({
    iss: z.string(),
    sub: z.string().min(1),
    client_id: z.string(),
    token_use: z.string(),
    exp: z.number(),
    username: z.string().optional(),
    'cognito:groups': z.array(z.string()).optional(),
    [MFA_ENROLMENT_CLAIM]: z.string().optional(),
  }),
);

/** Of the ID token, only the address shown in the console's header. */
const idClaims = onFirstUse(() =>
  z.object({
    iss: z.string(),
    aud: z.string(),
    sub: z.string(),
    email: z.string().optional(),
  }),
);

const tokenResponse = onFirstUse(() =>
  z.object({
    access_token: z.string(),
    id_token: z.string().optional(),
    refresh_token: z.string().optional(),
  }),
);

/**
 * A JWT's payload, read without checking its signature. That is sound only for a token received
 * straight from the pool's token endpoint over TLS, in answer to our own authenticated request
 * (OpenID Connect Core 1.0, 3.1.3.7: "the TLS server validation MAY be used to validate the issuer in
 * place of checking the token signature"): no browser ever hands the console a token. The claims that
 * bind it to this pool, this client and this use are still checked by the caller.
 */
function payloadOf(jwt: string): unknown {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** OAuth errors that refuse the token itself, not the client (RFC 6749 5.2, RFC 7009 2.2.1). */
const refusedTokenErrors = new Set(['invalid_grant', 'invalid_token', 'unsupported_token_type']);

/** Why a token endpoint call failed: refused (4xx, with OAuth's `error`), or unreachable. */
class TokenEndpointRefusal extends Error {
  override readonly name = 'TokenEndpointRefusal';
  constructor(
    readonly status: number,
    readonly error: string | undefined,
  ) {
    super(`The Cognito token endpoint refused the request: ${status} ${error ?? ''}`.trim());
  }
}

/**
 * Whether the endpoint refused the code or token itself (expired, used, revoked, its user disabled),
 * rather than this client (a wrong secret or configuration, which is a fault to report).
 */
const refusesTheToken = (error: unknown): boolean =>
  error instanceof TokenEndpointRefusal && refusedTokenErrors.has(error.error ?? '');

/**
 * Sign-in through Cognito's managed login on the user pool's domain (its OAuth 2.0 endpoints), with
 * the console's confidential client: authorisation code with PKCE, exchanged on the server with the
 * client secret, so the browser only ever carries the one-time code.
 */
export class CognitoSignIn implements SignInProvider {
  private readonly domainUrl: string;
  readonly origin: string;
  private readonly issuer: string;
  private readonly request: HttpRequester;
  private readonly timeoutMs: number;
  private readonly clock: () => Date;

  constructor(private readonly options: CognitoSignInOptions) {
    this.domainUrl = options.domainUrl.replace(/\/+$/, '');
    this.origin = new URL(this.domainUrl).origin;
    const region = options.userPoolId.split('_')[0];
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${options.userPoolId}`;
    this.request = options.request;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.clock = options.clock ?? (() => new Date());
  }

  authorizeUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.options.clientId,
      redirect_uri: request.redirectUri,
      // Cognito's account scope: with it the access token can enrol a second factor (TOTP), which a
      // staff user without one must do before the token trigger grants `staff` or `admin`.
      scope: `openid email ${USER_ADMIN_SCOPE}`,
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${this.domainUrl}/oauth2/authorize?${query}`;
  }

  async exchange(request: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<SignedInUser> {
    let tokens: z.infer<typeof tokenResponse>;
    try {
      tokens = await this.token({
        grant_type: 'authorization_code',
        code: request.code,
        redirect_uri: request.redirectUri,
        code_verifier: request.codeVerifier,
      });
    } catch (error) {
      if (refusesTheToken(error))
        throw new UnauthorizedError('The sign-in code is not good.', { cause: error });
      throw error;
    }
    const access = this.accessClaimsOf(tokens.access_token);
    if (!access) throw new UnauthorizedError('The token endpoint answered a token not for this console.');
    const email = tokens.id_token ? this.emailOf(tokens.id_token, access.sub) : undefined;
    const withheld = consoleRoleOf([access[MFA_ENROLMENT_CLAIM] ?? '']);
    return {
      sub: access.sub,
      groups: access['cognito:groups'] ?? [],
      name: email ?? access.username ?? access.sub,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      ...(withheld ? { enrolment: { accessToken: tokens.access_token, role: withheld } } : {}),
    };
  }

  async refreshGroups(user: { sub: string; refreshToken?: string }): Promise<readonly string[] | undefined> {
    if (!user.refreshToken) return undefined;
    let tokens: z.infer<typeof tokenResponse>;
    try {
      tokens = await this.token({ grant_type: 'refresh_token', refresh_token: user.refreshToken });
    } catch (error) {
      // invalid_grant: the token was revoked, or the user disabled, deleted or signed out everywhere.
      if (refusesTheToken(error)) return undefined;
      throw error;
    }
    const access = this.accessClaimsOf(tokens.access_token);
    if (!access || access.sub !== user.sub) return undefined;
    return access['cognito:groups'] ?? [];
  }

  async revoke(refreshToken: string): Promise<void> {
    try {
      await this.post('/oauth2/revoke', { token: refreshToken });
    } catch (error) {
      // A token Cognito no longer takes renews nothing.
      if (refusesTheToken(error)) return;
      throw error;
    }
  }

  signOutUrl(returnTo: string): string {
    const query = new URLSearchParams({ client_id: this.options.clientId, logout_uri: returnTo });
    return `${this.domainUrl}/logout?${query}`;
  }

  /** The access token's claims if it is this pool's, for this client, an access token, and live. */
  private accessClaimsOf(token: string): z.infer<typeof accessClaims> | undefined {
    const parsed = accessClaims.safeParse(payloadOf(token));
    if (!parsed.success) return undefined;
    const claims = parsed.data;
    const live = claims.exp * 1000 > this.clock().getTime();
    const ours =
      claims.iss === this.issuer &&
      claims.client_id === this.options.clientId &&
      claims.token_use === 'access';
    return live && ours ? claims : undefined;
  }

  /** The ID token's address, if the token is this pool's, for this client, about the same user. */
  private emailOf(token: string, sub: string): string | undefined {
    const parsed = idClaims.safeParse(payloadOf(token));
    if (!parsed.success) return undefined;
    const { iss, aud, sub: about, email } = parsed.data;
    return iss === this.issuer && aud === this.options.clientId && about === sub ? email : undefined;
  }

  private async token(form: Record<string, string>): Promise<z.infer<typeof tokenResponse>> {
    const body = await this.post('/oauth2/token', { ...form, client_id: this.options.clientId });
    const parsed = tokenResponse.safeParse(body);
    if (!parsed.success) throw new ServiceUnavailableError('The Cognito token endpoint answered no token.');
    return parsed.data;
  }

  /**
   * A form POST to the domain with the client's credentials (HTTP Basic, RFC 6749 2.3.1). Network
   * failures, timeouts and 5xx are the identity provider being unavailable; a 4xx is a refusal.
   */
  private async post(path: string, form: Record<string, string>): Promise<unknown> {
    const secret = await this.options.clientSecret();
    const credentials = Buffer.from(`${this.options.clientId}:${secret}`).toString('base64');
    let response: PlainResponse;
    try {
      response = await this.request(`${this.domainUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${credentials}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      throw new ServiceUnavailableError('Cognito could not be reached; try again shortly.', 1, {
        cause: error,
      });
    }
    const { text } = response;
    if (response.status >= 500) {
      throw new ServiceUnavailableError(`Cognito answered ${response.status}; try again shortly.`);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.status < 200 || response.status > 299) {
      const error = (body as { error?: unknown } | undefined)?.error;
      throw new TokenEndpointRefusal(response.status, typeof error === 'string' ? error : undefined);
    }
    return body;
  }
}
