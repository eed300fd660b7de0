/** The console's sign-in against Cognito's OAuth 2.0 endpoints, with a stubbed fetch and a mocked SDK. */
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoSignIn } from '../../shared/console/session/cognito-sign-in.ts';
import { ServiceUnavailableError, UnauthorizedError } from '../../shared/domain/errors.ts';
import { cognitoClientSecret, directoryAssetSource } from '../../shared/runtime/console-edges.ts';
import type { HttpRequester, PlainRequest, PlainResponse } from '../../shared/runtime/http-without-undici.ts';

const pool = 'eu-central-1_Example';
const issuer = `https://cognito-idp.eu-central-1.amazonaws.com/${pool}`;
const clientId = 'console-client-id';
const secret = 'console-client-secret';
const domainUrl = 'https://bridge-crm-test-123456789012.auth.eu-central-1.amazoncognito.com';
const callback = 'https://api.example.org/console/callback';
const now = new Date('2026-12-02T08:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 900;
const sub = '8f0e3c1a-5d2b-4e6f-9a1b-2c3d4e5f6a7b';

/** A token as the endpoint would issue it; its signature is never read (see cognito-sign-in.ts). */
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256","kid":"k"}', JSON.stringify(claims), 'signature']
    .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.');

const accessToken = (overrides: Record<string, unknown> = {}) =>
  jwt({
    iss: issuer,
    sub,
    client_id: clientId,
    token_use: 'access',
    scope: 'openid email',
    username: sub,
    exp,
    'cognito:groups': ['staff'],
    ...overrides,
  });
const idToken = jwt({ iss: issuer, aud: clientId, sub, token_use: 'id', email: 'olga@assoc.example', exp });

type Call = { url: string; init: PlainRequest };

/** A requester answering `responses` in turn, recording each call. */
function stubFetch(...responses: (PlainResponse | Error)[]) {
  const calls: Call[] = [];
  const fetch: HttpRequester = async (url, init) => {
    calls.push({ url, init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error('no response left');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown): PlainResponse => ({ status, text: JSON.stringify(body) });

const provider = (request: HttpRequester) =>
  new CognitoSignIn({
    domainUrl: `${domainUrl}/`,
    userPoolId: pool,
    clientId,
    clientSecret: async () => secret,
    request,
    clock: () => now,
  });

const form = (call: Call) => Object.fromEntries(new URLSearchParams(String(call.init.body)));
const headers = (call: Call) => call.init.headers as Record<string, string>;
const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

const exchange = (signIn: CognitoSignIn) =>
  signIn.exchange({ code: 'the-code', codeVerifier: 'the-verifier', redirectUri: callback });

describe('Cognito managed login', () => {
  it('sends the browser to the domain’s authorize endpoint with the code flow, PKCE S256 and the state', () => {
    const url = new URL(
      provider(stubFetch().fetch).authorizeUrl({ state: 'st', codeChallenge: 'ch', redirectUri: callback }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${domainUrl}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: callback,
      scope: 'openid email aws.cognito.signin.user.admin',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    expect(url.search).toContain('scope=openid+email+aws.cognito.signin.user.admin');
  });

  it('exchanges the code with the verifier and the client’s credentials, and returns the user', async () => {
    const { fetch, calls } = stubFetch(
      json(200, { access_token: accessToken(), id_token: idToken, refresh_token: 'rt-1', expires_in: 900 }),
    );
    expect(await exchange(provider(fetch))).toEqual({
      sub,
      groups: ['staff'],
      name: 'olga@assoc.example',
      refreshToken: 'rt-1',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${domainUrl}/oauth2/token`);
    expect(calls[0]!.init.method).toBe('POST');
    expect(headers(calls[0]!)).toMatchObject({
      authorization: basic,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form(calls[0]!)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: callback,
      code_verifier: 'the-verifier',
      client_id: clientId,
    });
    expect(calls[0]!.init.timeoutMs).toBe(5000);
  });

  it('hands over the access token for enrolment where the trigger withheld staff for want of TOTP', async () => {
    const withheld = accessToken({ 'cognito:groups': [], mfa_enrolment: 'staff' });
    const { fetch } = stubFetch(
      json(200, { access_token: withheld, id_token: idToken, refresh_token: 'rt-2' }),
    );
    expect(await exchange(provider(fetch))).toEqual({
      sub,
      groups: [],
      name: 'olga@assoc.example',
      refreshToken: 'rt-2',
      enrolment: { accessToken: withheld, role: 'staff' },
    });
    const { fetch: staffFetch } = stubFetch(json(200, { access_token: accessToken() }));
    expect(await exchange(provider(staffFetch))).not.toHaveProperty('enrolment');
  });

  it('names the user by the sign-in name where the ID token has no address for this client', async () => {
    const foreignId = jwt({ iss: issuer, aud: 'another-client', sub, email: 'someone@else.example', exp });
    const { fetch } = stubFetch(json(200, { access_token: accessToken(), id_token: foreignId }));
    const user = await exchange(provider(fetch));
    expect(user.name).toBe(sub);
    expect(user).not.toHaveProperty('refreshToken');
  });

  it.each([
    ['another pool’s issuer', { iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other' }],
    ['another client', { client_id: 'staff-client-id' }],
    ['an ID token', { token_use: 'id' }],
    ['an expired token', { exp: Math.floor(now.getTime() / 1000) - 1 }],
    ['no subject', { sub: '' }],
  ])('refuses %s from the token endpoint', async (_, overrides) => {
    const { fetch } = stubFetch(json(200, { access_token: accessToken(overrides) }));
    await expect(exchange(provider(fetch))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a code the endpoint refuses (400 invalid_grant), and reports a refused client as a fault', async () => {
    const { fetch } = stubFetch(json(400, { error: 'invalid_grant' }));
    await expect(exchange(provider(fetch))).rejects.toBeInstanceOf(UnauthorizedError);
    const wrongSecret = stubFetch(json(400, { error: 'invalid_client' }));
    const fault = await exchange(provider(wrongSecret.fetch)).catch((error: unknown) => error);
    expect(fault).toBeInstanceOf(Error);
    expect(fault).not.toBeInstanceOf(UnauthorizedError);
    expect(String(fault)).toContain('invalid_client');
  });

  it.each([
    ['a 5xx', () => json(503, { error: 'server_error' })],
    ['a network failure', () => new TypeError('fetch failed')],
    ['a timeout', () => new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
  ])('reports %s as the identity provider being unavailable', async (_, failure) => {
    const { fetch } = stubFetch(failure());
    await expect(exchange(provider(fetch))).rejects.toBeInstanceOf(ServiceUnavailableError);
    const again = stubFetch(failure());
    await expect(provider(again.fetch).refreshGroups({ sub, refreshToken: 'rt-1' })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
  });

  it('reads the groups again with the refresh token', async () => {
    const { fetch, calls } = stubFetch(
      json(200, { access_token: accessToken({ 'cognito:groups': ['admin', 'staff'] }), id_token: idToken }),
    );
    expect(await provider(fetch).refreshGroups({ sub, refreshToken: 'rt-1' })).toEqual(['admin', 'staff']);
    expect(calls[0]!.url).toBe(`${domainUrl}/oauth2/token`);
    expect(headers(calls[0]!).authorization).toBe(basic);
    expect(form(calls[0]!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: clientId,
    });
  });

  it('has no groups for a refused refresh (revoked, disabled), another user, or no refresh token', async () => {
    const refused = stubFetch(json(400, { error: 'invalid_grant' }));
    expect(await provider(refused.fetch).refreshGroups({ sub, refreshToken: 'rt-1' })).toBeUndefined();
    const other = stubFetch(json(200, { access_token: accessToken({ sub: 'someone-else' }) }));
    expect(await provider(other.fetch).refreshGroups({ sub, refreshToken: 'rt-1' })).toBeUndefined();
    const none = stubFetch();
    expect(await provider(none.fetch).refreshGroups({ sub })).toBeUndefined();
    expect(none.calls).toEqual([]);
    // A token without the groups claim: a user in no group, which the console refuses.
    const groupless = stubFetch(json(200, { access_token: accessToken({ 'cognito:groups': undefined }) }));
    expect(await provider(groupless.fetch).refreshGroups({ sub, refreshToken: 'rt-1' })).toEqual([]);
  });

  it('revokes the refresh token at the revoke endpoint with the client’s credentials', async () => {
    const { fetch, calls } = stubFetch({ status: 200, text: '' });
    await provider(fetch).revoke('rt-1');
    expect(calls[0]!.url).toBe(`${domainUrl}/oauth2/revoke`);
    expect(headers(calls[0]!).authorization).toBe(basic);
    expect(form(calls[0]!)).toEqual({ token: 'rt-1' });
    // A token Cognito no longer takes is already of no use; a refused client or an outage is reported.
    const revoke = (response: PlainResponse) => provider(stubFetch(response).fetch).revoke('x');
    await expect(revoke(json(400, { error: 'invalid_grant' }))).resolves.toBe(undefined);
    await expect(revoke(json(400, { error: 'invalid_client' }))).rejects.toThrow(/invalid_client/);
    await expect(provider(stubFetch(json(500, {})).fetch).revoke('x')).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
  });

  it('ends the managed login session through the logout endpoint, back to the console', () => {
    const url = new URL(
      provider(stubFetch().fetch).signOutUrl('https://api.example.org/console/sign-in?reason=signed-out'),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${domainUrl}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: clientId,
      logout_uri: 'https://api.example.org/console/sign-in?reason=signed-out',
    });
  });
});

describe('the console client’s secret', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  afterEach(() => cognito.reset());
  const client = () => new CognitoIdentityProviderClient({ region: 'eu-central-1' });

  it('is read once from DescribeUserPoolClient and kept', async () => {
    cognito
      .on(DescribeUserPoolClientCommand)
      .resolves({ UserPoolClient: { ClientId: clientId, ClientSecret: secret } });
    const read = cognitoClientSecret(pool, clientId, client());
    expect(await read()).toBe(secret);
    expect(await read()).toBe(secret);
    const calls = cognito.commandCalls(DescribeUserPoolClientCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ UserPoolId: pool, ClientId: clientId });
  });

  it('is read again after a failed read, and a client without a secret is refused', async () => {
    cognito
      .on(DescribeUserPoolClientCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ UserPoolClient: { ClientId: clientId, ClientSecret: secret } });
    const read = cognitoClientSecret(pool, clientId, client());
    await expect(read()).rejects.toThrow('throttled');
    expect(await read()).toBe(secret);
    cognito.reset();
    cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: clientId } });
    await expect(cognitoClientSecret(pool, clientId, client())()).rejects.toThrow(/confidential client/);
  });
});

describe('the console’s files beside the bundle', () => {
  it('are read flat from the directory, by catalogued name', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'console-assets-'));
    writeFileSync(join(dir, 'htmx.js'), 'htmx');
    expect(Buffer.from(await directoryAssetSource(dir)('htmx.js')).toString()).toBe('htmx');
    await expect(directoryAssetSource(dir)('pico.css')).rejects.toThrow(/ENOENT/);
  });
});
