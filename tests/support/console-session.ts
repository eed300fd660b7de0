import type { LocalApp } from '../../infra/local/local-app.ts';

/** The origin `app.request` answers at: forms must come from it, or CSRF protection refuses them. */
export const consoleOrigin = 'http://localhost';

type Requester = Pick<LocalApp['app'], 'request'>;

/** The `Set-Cookie` values of a response as `name=value` pairs, for the next request's `Cookie`. */
export function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return cookies;
}

/**
 * Signs in to the console as the browser would, through every step: the sign-in form, the local
 * provider's page (the development key's stand-in for Cognito), the callback. Returns the session's
 * `Cookie` header value.
 */
export async function consoleSignIn(
  app: Requester,
  role: 'staff' | 'admin',
  returnTo = '/console/members',
  // The browser's languages, as the callback that opens the session reads them.
  acceptLanguage?: string,
) {
  const start = await app.request('/console/sign-in', {
    method: 'POST',
    headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ return: returnTo }).toString(),
  });
  const signInCookie = [...cookiesOf(start)].map(([k, v]) => `${k}=${v}`).join('; ');
  const authorize = new URL(start.headers.get('location') ?? '', consoleOrigin);
  const page = await app.request(authorize.pathname + authorize.search, {
    method: 'POST',
    headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      role,
      state: authorize.searchParams.get('state') ?? '',
      code_challenge: authorize.searchParams.get('code_challenge') ?? '',
      redirect_uri: authorize.searchParams.get('redirect_uri') ?? '',
    }).toString(),
  });
  const callback = new URL(page.headers.get('location') ?? '', consoleOrigin);
  const done = await app.request(callback.pathname + callback.search, {
    headers: { cookie: signInCookie, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
  });
  const session = cookiesOf(done).get('__Host-bridge-session');
  if (done.status !== 303 || !session) throw new Error(`Console sign-in failed with ${done.status}.`);
  return `__Host-bridge-session=${session}`;
}

/** A console request with the session's cookie, and, for forms, the console's own Origin. */
export function consoleRequest(
  app: Requester,
  cookie: string,
  path: string,
  init: {
    method?: string;
    form?: Record<string, string> | URLSearchParams;
    headers?: Record<string, string>;
  } = {},
) {
  const { method = init.form ? 'POST' : 'GET', form, headers = {} } = init;
  return Promise.resolve(
    app.request(path, {
      method,
      headers: {
        cookie,
        ...(method !== 'GET' ? { origin: consoleOrigin } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    }),
  );
}
