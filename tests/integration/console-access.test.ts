import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_FUNCTION_APIS } from '../../infra/cdk/stateless-stack.ts';
import { AuditLog } from '../../shared/audit/audit-log.ts';
import { checkoutAssetSource } from '../../shared/console/assets/checkout-asset-source.ts';
import { ConsoleAssets } from '../../shared/console/assets/console-assets.ts';
import { consoleSections } from '../../shared/console/console-apis.ts';
import { consoleApp } from '../../shared/console/console-app.tsx';
import {
  addSavedView,
  ConsoleUserRepository,
  maxViewsPerUser,
} from '../../shared/console/console-user-repository.ts';
import { memberRecordSection } from '../../shared/console/sections/member-record-section.ts';
import { membersSection } from '../../shared/console/sections/members-section.ts';
import { isPublicConsolePath, pollHeader } from '../../shared/console/session/session-middleware.ts';
import { type ConsoleSession, SessionRepository } from '../../shared/console/session/session-repository.ts';
import type { SignInProvider } from '../../shared/console/session/sign-in-provider.ts';
import type { TotpEnrolment } from '../../shared/console/session/totp-enrolment.ts';
import { StaffRoster } from '../../shared/console/staff-roster.ts';
import { consoleEnrolmentKey, consoleSessionKey, consoleViewKey } from '../../shared/data/keys.ts';
import type { ApiContext } from '../../shared/http/api-context.ts';
import { createApp } from '../../shared/http/app.ts';
import { consoleOrigin, consoleRequest, consoleSignIn, cookiesOf } from '../support/console-session.ts';
import { createMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let now = Date.parse('2026-12-02T09:00:00Z');
const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
});
afterAll(() => t.drop());

const ulidLike = '01KB0000000000000000000000';

/**
 * A route's paths with each `:name` or `:name{pattern}` (whose pattern may hold braces of its own, as
 * `{26}`) filled in: a choice of words (`{leads|events}`) by each word, anything else by the first of a
 * few values that fits: an id no item has, two of them joined by `-` (a meeting's), a file name.
 */
function filledIn(route: string): string[] {
  const candidates = [ulidLike, `${ulidLike}-${ulidLike}`, 'x.css'];
  const param = /:\w+/.exec(route);
  if (!param) return [route];
  let end = param.index + param[0].length;
  let pattern = '[^/]+';
  if (route[end] === '{') {
    let depth = 0;
    const start = end + 1;
    do {
      if (route[end] === '{') depth++;
      else if (route[end] === '}') depth--;
      end++;
    } while (depth > 0);
    pattern = route.slice(start, end - 1);
  }
  // A choice of words, grouped as the router needs it: each word is a value.
  const choice = /^\(\?:([\w-]+(?:\|[\w-]+)+)\)$/.exec(pattern);
  const words = choice ? choice[1]!.split('|') : undefined;
  const fits = candidates.find((value) => new RegExp(`^(?:${pattern})$`).test(value));
  const values = words ?? (fits ? [fits] : []);
  if (values.length === 0) throw new Error(`No value fits ${param[0]}{${pattern}} in ${route}`);
  return values.flatMap((value) => filledIn(route.slice(0, param.index) + value + route.slice(end)));
}

/** Every console route `app` serves (the whole local app by default), with its parameters filled in. */
function consoleRoutes(
  app: { routes: { method: string; path: string }[] } = t.app,
): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.path.startsWith('/console') && r.method !== 'ALL' && !r.path.includes('*'))
    .flatMap((r) => filledIn(r.path).map((path) => ({ method: r.method, path })))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * How specific a gateway route is for `path`, or undefined where it does not match: a route without
 * `{proxy+}` beats one with it (API Gateway's first priority, a full match), then literal segments beat
 * `{variables}` from the left, then a longer `{proxy+}` prefix wins.
 */
function routeScore(route: string, path: string): number[] | undefined {
  const want = route.split('/').slice(1);
  const have = path.split('/').slice(1);
  const greedy = want.at(-1) === '{proxy+}';
  const fixed = greedy ? want.slice(0, -1) : want;
  if (greedy ? have.length <= fixed.length : have.length !== fixed.length) return undefined;
  const kinds = fixed.map((segment, i) => (/^\{\w+\}$/.test(segment) ? 1 : segment === have[i] ? 2 : 0));
  if (kinds.includes(0)) return undefined;
  return [greedy ? 0 : 1, ...kinds, fixed.length];
}

const compareScores = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return 0;
};

/** The context whose gateway route API Gateway picks for `path`. */
function gatewayContextOf(path: string, contexts: readonly ApiContext[]): ApiContext | undefined {
  let best: { context: ApiContext; score: number[] } | undefined;
  for (const context of contexts) {
    for (const route of context.gatewayRoutes) {
      const score = routeScore(route.path, path);
      if (score && (!best || compareScores(score, best.score) > 0)) best = { context, score };
    }
  }
  return best?.context;
}

describe('one function per console section', () => {
  const functionApis = Object.values(CONSOLE_FUNCTION_APIS);

  it('reaches every route of each section through its own function, and serves them all between them', () => {
    const whole = new Set(consoleRoutes().map(({ method, path }) => `${method} ${path}`));
    const served = new Set<string>();
    for (const api of functionApis) {
      const routes = consoleRoutes(createApp(t.deps, [api]));
      expect(routes.length, api.name).toBeGreaterThan(0);
      for (const { method, path } of routes) {
        expect(gatewayContextOf(path, functionApis)?.name, `${method} ${path}`).toBe(api.name);
        served.add(`${method} ${path}`);
      }
    }
    expect([...served].sort()).toEqual([...whole].sort());
  });
});

describe('default deny', () => {
  it('sends every console route but the allow-list to sign-in without a session', async () => {
    const routes = consoleRoutes();
    expect(routes.length).toBeGreaterThan(5);
    for (const { method, path } of routes) {
      const response = await t.app.request(path, {
        method,
        headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        ...(method === 'GET' ? {} : { body: '' }),
      });
      const label = `${method} ${path}`;
      if (isPublicConsolePath(path)) {
        expect(response.status, label).not.toBe(401);
        continue;
      }
      expect(response.status, label).toBe(303);
      // A first visit: sign-in, with no word of a session that ended (there was none).
      expect(response.headers.get('location'), label).toMatch(/^\/console\/sign-in\?return=/);
    }
  });

  it('asks htmx to load the sign-in page rather than swap it into the page', async () => {
    const response = await t.app.request('/console/settings', { headers: { 'hx-request': 'true' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('hx-redirect')).toMatch(/^\/console\/sign-in\?/);
    // It leads back to the page the request was made from, not to the part of it htmx asked for;
    // a page of another site is no way back.
    const id = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
    const fromRecord = await t.app.request(`/console/members/${id}/activity`, {
      headers: { 'hx-request': 'true', 'hx-current-url': `http://localhost/console/members/${id}?saved` },
    });
    expect(fromRecord.headers.get('hx-redirect')).toBe(
      `/console/sign-in?return=${encodeURIComponent(`/console/members/${id}?saved`)}`,
    );
    const elsewhere = await t.app.request(`/console/members/${id}/activity`, {
      headers: { 'hx-request': 'true', 'hx-current-url': 'https://evil.example/phish' },
    });
    expect(elsewhere.headers.get('hx-redirect')).toBe(
      `/console/sign-in?return=${encodeURIComponent('/console/members')}`,
    );
  });

  it('gives staff the 403 page on admin pages, and admins the page', async () => {
    const staff = await consoleSignIn(t.app, 'staff');
    const admin = await consoleSignIn(t.app, 'admin');
    expect((await consoleRequest(t.app, staff, '/console/audit')).status).toBe(403);
    const page = await consoleRequest(t.app, admin, '/console/audit');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Signed in');
  });

  it('lets staff and admins reach every console route but the admin pages, which only admins reach', async () => {
    // The authorization matrix: every route of every section, as staff and as admin, with ids no item
    // has and an empty form. Whatever the route answers (a page, a 404, a refused form), it is a 403
    // exactly where staff ask for an admin's page, never a way back to sign-in, never a server error.
    const adminOnly = new Set([
      'GET /console/audit',
      'GET /console/staff',
      'POST /console/staff/check',
      'POST /console/staff/leave',
      'POST /console/staff/restore',
      ...['members', 'partners'].flatMap((kind) =>
        ['GET', 'POST'].map((method) => `${method} /console/${kind}/${ulidLike}/erase`),
      ),
    ]);
    // Ends the session it is sent with; its own tests show what it does.
    const signOut = 'POST /console/sign-out';
    const routes = consoleRoutes().filter(
      (r) => !isPublicConsolePath(r.path) && `${r.method} ${r.path}` !== signOut,
    );
    expect(routes.length).toBeGreaterThan(70);
    // An empty settings form is a choice (shortcuts off): its own table keeps it from later tests.
    const own = await createTestApp();
    try {
      for (const role of ['staff', 'admin'] as const) {
        const cookie = await consoleSignIn(own.app, role);
        for (const { method, path } of routes) {
          const response = await consoleRequest(own.app, cookie, path, {
            method,
            ...(method === 'GET' ? {} : { form: {} }),
          });
          const label = `${role} ${method} ${path}`;
          if (role === 'staff' && adminOnly.has(`${method} ${path}`))
            expect(response.status, label).toBe(403);
          else expect(response.status, label).not.toBe(403);
          expect(response.status, label).toBeLessThan(500);
          expect(response.headers.get('location') ?? '', label).not.toMatch(/^\/console\/sign-in/);
        }
      }
    } finally {
      await own.drop();
    }
  });

  it('answers 404 pages for unknown console paths, behind the session check', async () => {
    expect((await t.app.request('/console/nothing-here')).status).toBe(303);
    const staff = await consoleSignIn(t.app, 'staff');
    const response = await consoleRequest(t.app, staff, '/console/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Not found');
  });
});

describe('sign-in', () => {
  it('opens a session whose cookie is __Host-, HttpOnly, Secure and SameSite=Lax, and returns to the page asked for', async () => {
    const start = await t.app.request('/console/sign-in', {
      method: 'POST',
      headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'return=%2Fconsole%2Fsettings',
    });
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location') ?? '', consoleOrigin);
    expect(authorize.pathname).toBe('/local/console-sign-in');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const signInCookie = start.headers.getSetCookie()[0] ?? '';
    expect(signInCookie).toMatch(
      /^__Host-bridge-sign-in=.*; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
    const cookie = await consoleSignIn(t.app, 'staff', '/console/settings');
    expect(cookie).toMatch(/^__Host-bridge-session=[\w-]{43}$/);
  });

  it("shows a new user's times on their language's clock until they choose a zone: Moscow's, Vietnam's, or UTC", async () => {
    // Its own table: no settings kept from another test.
    const own = await createTestApp();
    try {
      for (const [language, zone] of [
        ['ru-RU,ru;q=0.9', 'Europe/Moscow'],
        ['vi', 'Asia/Ho_Chi_Minh'],
        ['en-GB', ''],
      ] as const) {
        const cookie = await consoleSignIn(own.app, 'staff', '/console/settings', language);
        // The settings say "as the language"; what the reader writes is in that language's zone (a
        // campaign's send time, whose UTC posts as empty).
        const settings = await (await consoleRequest(own.app, cookie, '/console/settings')).text();
        expect(settings, language).toMatch(/<select name="timeZone"[^>]*><option value="" selected="">/);
        const compose = await (await consoleRequest(own.app, cookie, '/console/campaigns/new')).text();
        expect(compose, language).toMatch(new RegExp(`<option value="${zone}" selected="">`));
      }
      // A zone chosen is kept for the next sign-in, whatever the language.
      const cookie = await consoleSignIn(own.app, 'staff', '/console/settings', 'ru');
      const chosen = await consoleRequest(own.app, cookie, '/console/settings', {
        form: { locale: 'ru', timeZone: 'Asia/Vladivostok', shortcuts: 'on' },
      });
      expect(chosen.status).toBe(303);
      const again = await consoleSignIn(own.app, 'staff', '/console/settings', 'vi');
      expect(await (await consoleRequest(own.app, again, '/console/settings')).text()).toContain(
        '<option value="Asia/Vladivostok" selected="">',
      );
    } finally {
      await own.drop();
    }
  });

  it('refuses a callback without the sign-in cookie, or with another state', async () => {
    const bare = await t.app.request('/console/callback?code=x&state=y');
    expect(bare.headers.get('location')).toBe('/console/sign-in?reason=failed');
    expect(cookiesOf(bare).has('__Host-bridge-session')).toBe(false);
  });

  it('never returns to another origin after sign-in', async () => {
    for (const evil of [
      '//evil.example/console',
      'https://evil.example/console',
      '/console\\@evil',
      '/console/leads\r\nSet-Cookie: x=1',
    ]) {
      const start = await t.app.request('/console/sign-in', {
        method: 'POST',
        headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ return: evil }).toString(),
      });
      const cookie = [...cookiesOf(start)].map(([k, v]) => `${k}=${v}`).join('; ');
      const authorize = new URL(start.headers.get('location') ?? '', consoleOrigin);
      const page = await t.app.request(authorize.pathname + authorize.search, {
        method: 'POST',
        headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          role: 'staff',
          state: authorize.searchParams.get('state') ?? '',
          code_challenge: authorize.searchParams.get('code_challenge') ?? '',
          redirect_uri: authorize.searchParams.get('redirect_uri') ?? '',
        }).toString(),
      });
      const callback = new URL(page.headers.get('location') ?? '', consoleOrigin);
      const done = await t.app.request(callback.pathname + callback.search, { headers: { cookie } });
      expect(done.headers.get('location'), evil).toBe('/console/members');
    }
  });

  it('records sign-ins in the audit log, each user by the name their sign-in gave, kept in the roster', async () => {
    await consoleSignIn(t.app, 'staff');
    const admin = await consoleSignIn(t.app, 'admin');
    const html = await (await consoleRequest(t.app, admin, '/console/audit')).text();
    expect(html).toMatch(
      /<td><span>dev-staff@bridge-crm\.localhost<\/span> \(staff\)<\/td><td>Signed in<\/td>/,
    );
    expect(html).toMatch(
      /<td><span>dev-admin@bridge-crm\.localhost<\/span> \(admin\)<\/td><td>Signed in<\/td>/,
    );
    await consoleRequest(t.app, admin, '/console/settings/locale', {
      form: { locale: 'ru', return: '/console/audit' },
    });
    const ru = await (await consoleRequest(t.app, admin, '/console/audit')).text();
    expect(ru).toMatch(/<td><span>dev-admin@bridge-crm\.localhost<\/span> \(администратор\)<\/td>/);
    // The language is the user's, kept for the next sign-in: back to the others' English.
    await consoleRequest(t.app, admin, '/console/settings/locale', {
      form: { locale: 'en', return: '/console/audit' },
    });
    const roster = await new StaffRoster(t.db).read();
    expect(roster.users.filter((user) => user.sub.startsWith('dev-'))).toEqual([
      {
        sub: 'dev-admin',
        name: 'dev-admin@bridge-crm.localhost',
        role: 'admin',
        signedInAt: expect.any(String),
      },
      {
        sub: 'dev-staff',
        name: 'dev-staff@bridge-crm.localhost',
        role: 'staff',
        signedInAt: expect.any(String),
      },
    ]);
  });

  it('shows an entry written before outcomes were counts by the text it holds', async () => {
    await new AuditLog(t.db, () => new Date(), ulid).record({
      action: 'export',
      actor: { sub: 'dev-staff', role: 'staff' },
      rows: 3,
      outcome: '3 exported before counts',
    });
    const admin = await consoleSignIn(t.app, 'admin');
    const html = await (await consoleRequest(t.app, admin, '/console/audit')).text();
    expect(html).toContain(
      '<td>CSV export</td><td>All members (no filter) <a href="/console/members">Open this view</a></td><td>3</td><td>3 exported before counts</td>',
    );
  });

  it('signs out: the session is deleted, the cookie cleared, and the old cookie opens nothing', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const out = await consoleRequest(t.app, cookie, '/console/sign-out', { form: {} });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/sign-in?reason=signed-out&lang=en');
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-bridge-session=;.*Max-Age=0/);
    expect((await consoleRequest(t.app, cookie, '/console/settings')).status).toBe(303);
  });
});

describe('the signed-out page', () => {
  const signOut = (cookie: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    consoleRequest(t.app, cookie, '/console/sign-out', { form, headers });
  const signedOutPage = async (location: string) => {
    const response = await t.app.request(location, { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('is in the language the user chose, though the session is gone', async () => {
    for (const [locale, lang, said] of [
      ['vi', 'vi', 'Bạn đã đăng xuất.'],
      ['ru', 'ru', 'Вы вышли.'],
    ] as const) {
      // Signed in with an English browser, then working in the language chosen.
      const cookie = await consoleSignIn(t.app, 'staff', '/console/members', 'en');
      const chosen = await consoleRequest(t.app, cookie, '/console/settings/locale', {
        form: { locale, return: '/console/settings' },
      });
      expect(chosen.status).toBe(303);
      const settings = await (await consoleRequest(t.app, cookie, '/console/settings')).text();
      // The header's sign-out form names the page's language, for a session that has already ended.
      expect(settings).toContain(
        `<form method="post" action="/console/sign-out"><input type="hidden" name="locale" value="${locale}"/>`,
      );
      // The browser asks for English; the session said otherwise.
      const out = await signOut(cookie, {}, { 'accept-language': 'en' });
      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe(`/console/sign-in?reason=signed-out&lang=${lang}`);
      const html = await signedOutPage(out.headers.get('location')!);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<p role="status">${said}</p>`);
      expect(html).not.toContain('You are signed out.');
    }
  });

  it('takes the form’s language when no session is left, one of the three and nothing else', async () => {
    const cookie = await consoleSignIn(t.app, 'staff', '/console/members', 'en');
    expect((await signOut(cookie)).status).toBe(303);
    // Signed out already (another tab): the page the form was on said Vietnamese.
    const again = await signOut(cookie, { locale: 'vi' }, { 'accept-language': 'ru' });
    expect(again.headers.get('location')).toBe('/console/sign-in?reason=signed-out&lang=vi');
    // Anything else is no language: the browser's is taken.
    for (const locale of ['xx', 'vi&reason=failed', '"><script>']) {
      const odd = await signOut(cookie, { locale }, { 'accept-language': 'ru' });
      expect(odd.headers.get('location')).toBe('/console/sign-in?reason=signed-out&lang=ru');
    }
    // And the page reads nothing from its address but one of the three.
    const forged = await signedOutPage('/console/sign-in?reason=signed-out&lang=%22%3E%3Cscript%3E');
    expect(forged).toContain('<html lang="en">');
    expect(forged).not.toContain('<script>');
  });
});

describe('session lifetime', () => {
  it('ends after 30 idle minutes, and lives on while used', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    now += minutes(25);
    expect((await consoleRequest(t.app, cookie, '/console/settings')).status).toBe(200);
    now += minutes(25);
    expect((await consoleRequest(t.app, cookie, '/console/settings')).status).toBe(200);
    now += minutes(31);
    const ended = await consoleRequest(t.app, cookie, '/console/settings');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toContain('reason=ended');
  });

  it("does not keep an unattended session alive by a page's own polling", async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    for (let polled = 0; polled < 31; polled += 5) {
      now += minutes(5);
      const poll = await consoleRequest(t.app, cookie, '/console/settings', {
        headers: { 'hx-request': 'true', [pollHeader]: '1' },
      });
      expect(poll.status, `after ${polled + 5} minutes`).toBe(polled + 5 < 30 ? 200 : 401);
    }
    expect((await consoleRequest(t.app, cookie, '/console/settings')).status).toBe(303);
  });

  it('ends 12 hours after sign-in however busy', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      now += minutes(20);
      expect((await consoleRequest(t.app, cookie, '/console/settings')).status).toBe(200);
    }
    now += minutes(25);
    expect((await consoleRequest(t.app, cookie, '/console/settings')).status).toBe(303);
  });

  it('moves the idle deadline on without setting back what another request changed meanwhile', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const idHash = createHash('sha256').update(cookie.split('=')[1]!).digest('base64url');
    const stored = async () =>
      (await t.db.doc.send(new GetCommand({ TableName: t.db.tableName, Key: consoleSessionKey(idHash) })))
        .Item!;
    const read = { ...(await stored()), idHash } as unknown as ConsoleSession;
    // Another tab chooses Vietnamese; then a request that read the session before that moves its deadline.
    await consoleRequest(t.app, cookie, '/console/settings/locale', {
      form: { locale: 'vi', return: '/console' },
    });
    now += minutes(2);
    const touched = await new SessionRepository(t.db, () => new Date(now)).touch(read);
    expect(touched.lastSeenAt).toBe(new Date(now).toISOString());
    expect(await stored()).toMatchObject({
      locale: 'vi',
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: Math.floor(now / 1000) + 30 * 60,
    });
    // The language is kept for the user's next sign-in: back to the others' English.
    await consoleRequest(t.app, cookie, '/console/settings/locale', {
      form: { locale: 'en', return: '/console' },
    });
  });

  it('stores the hash of the cookie id, with a TTL at the session end', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const id = cookie.split('=')[1] ?? '';
    const { Item } = await t.db.doc.send(
      new GetCommand({
        TableName: t.db.tableName,
        Key: consoleSessionKey(createHash('sha256').update(id).digest('base64url')),
      }),
    );
    expect(Item?.sub).toBe('dev-staff');
    expect(Item?.expiresAt).toBe(Math.floor(now / 1000) + 30 * 60);
    expect(JSON.stringify(Item)).not.toContain(id);
  });
});

/** Signs in through the app's provider and answers the callback's response. */
async function callbackOf(app: ReturnType<typeof consoleApp>) {
  const start = await app.request('/console/sign-in', {
    method: 'POST',
    headers: { origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  const cookie = [...cookiesOf(start)].map(([k, v]) => `${k}=${v}`).join('; ');
  const state = new URL(start.headers.get('location') ?? '', consoleOrigin).searchParams.get('state');
  return app.request(`/console/callback?code=c&state=${state}`, { headers: { cookie } });
}

describe('a staff user without a second factor', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  function enrolling() {
    const calls = { associated: [] as string[], verified: [] as string[], revoked: [] as string[] };
    const provider: SignInProvider = {
      authorizeUrl: ({ state }) => `/idp?state=${state}`,
      exchange: async () => ({
        sub: 'u-mfa',
        groups: [],
        name: 'olga@example.org',
        refreshToken: 'r-mfa',
        enrolment: { accessToken: 'access-with-account-scope', role: 'admin' as const },
      }),
      refreshGroups: async () => [],
      revoke: async (token) => {
        calls.revoked.push(token);
      },
      signOutUrl: (returnTo) => `https://idp.example/logout?logout_uri=${encodeURIComponent(returnTo)}`,
    };
    const totp: TotpEnrolment = {
      associate: async (token) => {
        calls.associated.push(token);
        return secret;
      },
      verify: async (token, code) => {
        calls.verified.push(`${token} ${code}`);
        return code === '123456' ? 'enrolled' : 'mismatch';
      },
    };
    const app = consoleApp(
      t.deps,
      {
        signIn: provider,
        assets: new ConsoleAssets(checkoutAssetSource),
        callbackUrl: 'https://crm.example/console/callback',
        totp,
      },
      consoleSections,
    );
    return { app, calls, provider };
  }
  const postCode = (app: ReturnType<typeof consoleApp>, cookie: string, code: string) =>
    app.request('/console/mfa', {
      method: 'POST',
      headers: { cookie, origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code }).toString(),
    });

  it('enrols TOTP from the callback: the code and key shown, a wrong code refused, then sign-in again', async () => {
    const { app, calls } = enrolling();
    const callback = await callbackOf(app);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console/mfa');
    const cookies = cookiesOf(callback);
    expect(cookies.has('__Host-bridge-session')).toBe(false);
    const cookie = `__Host-bridge-mfa=${cookies.get('__Host-bridge-mfa')}`;
    expect(calls.associated).toEqual(['access-with-account-scope']);

    const page = await app.request('/console/mfa', { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<div role="img" aria-label="QR code for your authenticator app" class="qr"><svg /);
    expect(html).toContain('<code>JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP</code>');
    expect(html).not.toContain('access-with-account-scope');

    const malformed = await postCode(app, cookie, '12ab');
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('Enter the six digits the app shows.');
    const wrong = await postCode(app, cookie, '000000');
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(
      'The code does not match. Enter the code the app shows now. 4 more tries.',
    );

    const enrolled = await postCode(app, cookie, '123 456');
    expect(enrolled.status).toBe(303);
    expect(enrolled.headers.get('location')).toBe(
      `https://idp.example/logout?logout_uri=${encodeURIComponent('https://crm.example/console/sign-in?reason=mfa-enrolled')}`,
    );
    expect(calls.verified).toEqual(['access-with-account-scope 000000', 'access-with-account-scope 123456']);
    // The sign-in without a staff group ends: its refresh token is revoked, the enrolment gone.
    expect(calls.revoked).toEqual(['r-mfa']);
    expect(enrolled.headers.getSetCookie().join()).toMatch(/__Host-bridge-mfa=;.*Max-Age=0/);
    const again = await app.request('/console/mfa', { headers: { cookie } });
    expect(again.headers.get('location')).toBe('/console/sign-in?reason=failed');
    const admin = await consoleSignIn(t.app, 'admin');
    expect(await (await consoleRequest(t.app, admin, '/console/audit')).text()).toMatch(
      /<td>Two-step sign-in turned on<\/td>/,
    );
    const signIn = await app.request('/console/sign-in?reason=mfa-enrolled&lang=ru');
    expect(await signIn.text()).toContain(
      '<p role="status">Двухэтапный вход включён. Войдите снова: после пароля введите код из приложения.</p>',
    );
  });

  it('ends the enrolment after five codes that do not match: sign in again, for a new key', async () => {
    const { app, calls } = enrolling();
    const cookie = `__Host-bridge-mfa=${cookiesOf(await callbackOf(app)).get('__Host-bridge-mfa')}`;
    const tries: string[] = [];
    for (const code of ['000001', '000002', '000003', '000004']) {
      const wrong = await postCode(app, cookie, code);
      expect(wrong.status).toBe(422);
      tries.push(/(\w+) more tr(?:y|ies)\./.exec(await wrong.text())?.[1] ?? '');
    }
    expect(tries).toEqual(['4', '3', '2', 'One']);
    const last = await postCode(app, cookie, '000005');
    expect(last.status).toBe(303);
    expect(last.headers.get('location')).toBe('/console/sign-in?reason=mfa-attempts');
    expect(last.headers.getSetCookie().join()).toMatch(/__Host-bridge-mfa=;.*Max-Age=0/);
    expect(calls.revoked).toEqual(['r-mfa']);
    // Even the right code is not checked now: the enrolment is gone.
    const late = await postCode(app, cookie, '123456');
    expect(late.headers.get('location')).toBe('/console/sign-in?reason=failed');
    expect(calls.verified).toHaveLength(5);
    const signIn = await app.request('/console/sign-in?reason=mfa-attempts&lang=vi');
    expect(await signIn.text()).toContain(
      '<p role="alert">Quá nhiều mã không khớp. Hãy đăng nhập lại để thiết lập đăng nhập hai bước với khóa mới.</p>',
    );
  });

  it('checks no more than five codes of one enrolment however many are posted at once', async () => {
    const { app, calls } = enrolling();
    const cookie = `__Host-bridge-mfa=${cookiesOf(await callbackOf(app)).get('__Host-bridge-mfa')}`;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postCode(app, cookie, String(100000 + i))),
    );
    expect(calls.verified).toHaveLength(5);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(4);
    expect(answers.some((a) => a.headers.get('location') === '/console/sign-in?reason=mfa-attempts')).toBe(
      true,
    );
  });

  it('stores the enrolment by the hash of its cookie, for ten minutes', async () => {
    const { app } = enrolling();
    const id = cookiesOf(await callbackOf(app)).get('__Host-bridge-mfa')!;
    const { Item } = await t.db.doc.send(
      new GetCommand({
        TableName: t.db.tableName,
        Key: consoleEnrolmentKey(createHash('sha256').update(id).digest('base64url')),
      }),
    );
    expect(Item).toMatchObject({ sub: 'u-mfa', secret, expiresAt: Math.floor(now / 1000) + 10 * 60 });
    expect(JSON.stringify(Item)).not.toContain(id);
    now += minutes(11);
    const late = await app.request('/console/mfa', { headers: { cookie: `__Host-bridge-mfa=${id}` } });
    expect(late.headers.get('location')).toBe('/console/sign-in?reason=failed');
  });

  it('is told the account is not staff where the provider offers no enrolment', async () => {
    const { provider } = enrolling();
    const plain = consoleApp(
      t.deps,
      { signIn: provider, assets: new ConsoleAssets(checkoutAssetSource) },
      consoleSections,
    );
    expect((await callbackOf(plain)).headers.get('location')).toBe('/console/sign-in?reason=not-staff');
  });
});

/** A provider whose user's groups the test changes, on the same table and clock. */
function providerWith(groups: { current: string[] | undefined; reads: number }): SignInProvider {
  return {
    authorizeUrl: ({ state, codeChallenge, redirectUri }) =>
      `/idp?${new URLSearchParams({ state, code_challenge: codeChallenge, redirect_uri: redirectUri })}`,
    exchange: async () => ({
      sub: 'u-1',
      groups: groups.current ?? [],
      name: 'u1@example.org',
      refreshToken: 'r1',
    }),
    refreshGroups: async () => {
      groups.reads++;
      return groups.current;
    },
    revoke: async () => {},
  };
}

async function signInWith(app: ReturnType<typeof consoleApp>) {
  const done = await callbackOf(app);
  return `__Host-bridge-session=${cookiesOf(done).get('__Host-bridge-session')}`;
}

describe('groups read again', () => {
  it('every 5 minutes; a user taken out of staff loses the console, and leaves the roster’s staff', async () => {
    const groups = { current: ['staff'] as string[] | undefined, reads: 0 };
    const app = consoleApp(
      t.deps,
      {
        signIn: providerWith(groups),
        assets: new ConsoleAssets(checkoutAssetSource),
      },
      consoleSections,
    );
    const cookie = await signInWith(app);
    now += minutes(4);
    expect((await app.request('/console/settings', { headers: { cookie } })).status).toBe(200);
    expect(groups.reads).toBe(0);
    now += minutes(2);
    expect((await app.request('/console/settings', { headers: { cookie } })).status).toBe(200);
    expect(groups.reads).toBe(1);
    groups.current = ['member'];
    now += minutes(5);
    const refused = await app.request('/console/settings', { headers: { cookie } });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toContain('reason=not-staff');
    const left = await new StaffRoster(t.db).read();
    expect(left.former.map((user) => user.sub)).toContain('u-1');
    expect(left.current.map((user) => user.sub)).not.toContain('u-1');
    groups.current = ['staff'];
    expect((await app.request('/console/settings', { headers: { cookie } })).status).toBe(303);
    // Signing in again as staff brings them back.
    await signInWith(app);
    expect((await new StaffRoster(t.db).read()).former.map((user) => user.sub)).not.toContain('u-1');
  });

  it('a user promoted to admin gets the admin pages at the next read', async () => {
    const groups = { current: ['staff'] as string[] | undefined, reads: 0 };
    const app = consoleApp(
      t.deps,
      {
        signIn: providerWith(groups),
        assets: new ConsoleAssets(checkoutAssetSource),
      },
      consoleSections,
    );
    const cookie = await signInWith(app);
    expect((await app.request('/console/audit', { headers: { cookie } })).status).toBe(403);
    groups.current = ['staff', 'admin'];
    now += minutes(5);
    expect((await app.request('/console/audit', { headers: { cookie } })).status).toBe(200);
    const roster = await new StaffRoster(t.db).read();
    expect(roster.users.find((user) => user.sub === 'u-1')?.role).toBe('admin');
  });

  it('signs out an ended session too: its refresh token is revoked and the provider logs out', async () => {
    const groups = { current: ['staff'] as string[] | undefined, reads: 0 };
    const revoked: string[] = [];
    const provider: SignInProvider = {
      ...providerWith(groups),
      revoke: async (token) => {
        revoked.push(token);
        throw new Error('the provider is down');
      },
      signOutUrl: (returnTo) => `https://idp.example/logout?logout_uri=${encodeURIComponent(returnTo)}`,
    };
    const app = consoleApp(
      t.deps,
      {
        signIn: provider,
        assets: new ConsoleAssets(checkoutAssetSource),
        callbackUrl: 'https://crm.example/console/callback',
      },
      consoleSections,
    );
    const cookie = await signInWith(app);
    now += minutes(45);
    const out = await app.request('/console/sign-out', {
      method: 'POST',
      headers: { cookie, origin: consoleOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(
      `https://idp.example/logout?logout_uri=${encodeURIComponent('https://crm.example/console/sign-in?reason=signed-out&lang=en')}`,
    );
    expect(revoked).toEqual(['r1']);
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-bridge-session=;.*Max-Age=0/);
  });

  it('a member account cannot open a console session', async () => {
    const groups = { current: ['member'] as string[] | undefined, reads: 0 };
    const app = consoleApp(
      t.deps,
      {
        signIn: providerWith(groups),
        assets: new ConsoleAssets(checkoutAssetSource),
      },
      consoleSections,
    );
    const done = await callbackOf(app);
    expect(done.headers.get('location')).toBe('/console/sign-in?reason=not-staff');
    expect(cookiesOf(done).has('__Host-bridge-session')).toBe(false);
  });
});

describe('the cursor keys and the asset files', () => {
  it('are asked for alongside the session’s read, before it answers, when a request carries a session', async () => {
    const events: string[] = [];
    const doc = t.deps.db.doc;
    const db = {
      ...t.deps.db,
      // The table's client as the app's, noting when the session's read has answered.
      doc: new Proxy(doc, {
        get: (target, key) =>
          key === 'send'
            ? async (command: Parameters<typeof doc.send>[0]) => {
                const answer = await target.send(command);
                const pk = (command.input as { Key?: { pk?: string } }).Key?.pk;
                if (pk?.startsWith('CONSOLESESSION#')) events.push('session read');
                return answer;
              }
            : Reflect.get(target, key, target),
      }),
    };
    const cursors = () => {
      events.push('keys asked');
      return t.deps.cursors();
    };
    // A function's first request: its files not read yet (they are read once, then kept).
    const coldApp = () =>
      consoleApp(
        { ...t.deps, db, cursors },
        {
          signIn: providerWith({ current: ['staff'], reads: 0 }),
          assets: new ConsoleAssets((name) => {
            if (name === 'htmx.js') events.push('files asked');
            return checkoutAssetSource(name);
          }),
        },
        consoleSections,
      );
    const cookie = await signInWith(coldApp());
    events.length = 0;
    expect((await coldApp().request('/console/members', { headers: { cookie } })).status).toBe(200);
    expect(events.slice(0, 3).sort()).toEqual(['files asked', 'keys asked', 'session read']);
    expect(events.indexOf('session read')).toBe(2);

    events.length = 0;
    expect((await coldApp().request('/console/members')).status).toBe(303);
    expect(events).toEqual([]);
  });

  it('are not asked for ahead where a section’s pages are a record and forms; the record’s lists ask', async () => {
    const edges = {
      signIn: providerWith({ current: ['staff'], reads: 0 }),
      assets: new ConsoleAssets(checkoutAssetSource),
    };
    const cookie = await signInWith(consoleApp(t.deps, edges, consoleSections));
    const member = await createMember(t, await t.token('staff'), 'logistics');
    let asked = 0;
    const deps = {
      ...t.deps,
      cursors: () => {
        asked++;
        return t.deps.cursors();
      },
    };
    const record = consoleApp(deps, edges, [memberRecordSection]);
    expect((await record.request(`/console/members/${member.id}`, { headers: { cookie } })).status).toBe(200);
    expect(asked).toBe(0);
    // The record's lists, its second request, sign their next links.
    expect(
      (await record.request(`/console/members/${member.id}/activity`, { headers: { cookie } })).status,
    ).toBe(200);
    expect(asked).toBeGreaterThan(0);
    asked = 0;
    const directory = consoleApp(deps, edges, [membersSection]);
    expect((await directory.request('/console/members', { headers: { cookie } })).status).toBe(200);
    expect(asked).toBeGreaterThan(0);
  });
});

describe('CSRF and CSP', () => {
  it('refuses a form posted from another origin, and changes nothing', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const forged = await t.app.request('/console/settings/locale', {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'locale=ru&return=%2Fconsole%2Fsettings',
    });
    expect(forged.status).toBe(403);
    const page = await (await consoleRequest(t.app, cookie, '/console/settings')).text();
    expect(page).toContain('<html lang="en">');
  });

  it('gives each page its own nonce, carried by every script and nothing else', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await consoleRequest(t.app, cookie, '/console/settings');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(
        /^default-src 'none'; script-src 'nonce-[\w+/=]+' 'strict-dynamic'; style-src 'self';/,
      );
      expect(csp).toContain("frame-ancestors 'none'");
      const nonce = /'nonce-([\w+/=]+)'/.exec(csp)?.[1];
      const html = await response.text();
      const scripts = html.match(/<script[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/ style=| on[a-z]+=/);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe('saved views', () => {
  const view = (page: 'members' | 'leads', i: number, name = `${page} ${i}`) => ({
    viewId: `01KB${String(i).padStart(22, '0')}`,
    page,
    name,
    query: `q=${i}`,
    createdAt: new Date(now).toISOString(),
  });

  it("keep each page's views apart: a full page of one leaves the other's list whole", async () => {
    const users = new ConsoleUserRepository(t.db);
    for (let i = 0; i < maxViewsPerUser; i++) {
      expect(await addSavedView(t.db, 'views-user', view('leads', i))).toBeUndefined();
    }
    expect(await addSavedView(t.db, 'views-user', view('members', 99))).toBeUndefined();
    expect((await users.views('views-user', 'members')).map((v) => v.name)).toEqual(['members 99']);
    expect(await users.views('views-user', 'leads')).toHaveLength(maxViewsPerUser);
    expect(await addSavedView(t.db, 'views-user', view('leads', 98))).toBe('full');
    await users.deleteView('views-user', 'members', view('members', 99).viewId);
    expect(await users.views('views-user', 'members')).toEqual([]);
    expect(await users.views('another-user', 'leads')).toEqual([]);
  });

  it('save one name once when two saves of it come at the same instant', async () => {
    const users = new ConsoleUserRepository(t.db);
    const outcomes = await Promise.all([
      addSavedView(t.db, 'racing-names', view('leads', 1, 'Hanoi deals')),
      addSavedView(t.db, 'racing-names', view('leads', 2, 'hanoi  DEALS')),
    ]);
    expect(outcomes.toSorted()).toEqual(['name-taken', undefined]);
    expect(await users.views('racing-names', 'leads')).toHaveLength(1);
  });

  it('keep the last free place for one of two saves at the same instant', async () => {
    const users = new ConsoleUserRepository(t.db);
    for (let i = 0; i < maxViewsPerUser - 1; i++) await addSavedView(t.db, 'racing-full', view('members', i));
    const outcomes = await Promise.all([
      addSavedView(t.db, 'racing-full', view('members', 100)),
      addSavedView(t.db, 'racing-full', view('members', 101)),
    ]);
    expect(outcomes.toSorted()).toEqual(['full', undefined]);
    expect(await users.views('racing-full', 'members')).toHaveLength(maxViewsPerUser);
  });

  it('answer busy, and save nothing, when every attempt loses to another save', async () => {
    const lost = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
    });
    let transactions = 0;
    const losing = {
      ...t.db,
      doc: {
        send: (command: unknown) => {
          if (!(command instanceof TransactWriteCommand)) return t.db.doc.send(command as never);
          transactions++;
          return Promise.reject(lost);
        },
      },
    } as unknown as typeof t.db;
    expect(await addSavedView(losing, 'always-late', view('leads', 3))).toBe('busy');
    expect(transactions).toBe(3);
    expect(await new ConsoleUserRepository(t.db).views('always-late', 'leads')).toEqual([]);
  });

  it('check a new view against views saved before the saves were counted', async () => {
    const before = view('members', 7, 'Ханой');
    await t.db.doc.send(
      new PutCommand({
        TableName: t.db.tableName,
        Item: { ...consoleViewKey('counted-later', 'members', before.viewId), ...before },
      }),
    );
    const users = new ConsoleUserRepository(t.db);
    expect(await addSavedView(t.db, 'counted-later', view('members', 8, 'ханой'))).toBe('name-taken');
    expect(await addSavedView(t.db, 'counted-later', view('members', 9, 'Hà Nội'))).toBeUndefined();
    expect((await users.views('counted-later', 'members')).map((v) => v.name)).toEqual(['Ханой', 'Hà Nội']);
  });
});

describe('an identity provider on another origin', () => {
  it("lets the sign-in form's redirect go to the provider's origin, and nowhere else", async () => {
    const provider: SignInProvider = {
      origin: 'https://idp.example',
      authorizeUrl: () => 'https://idp.example/oauth2/authorize',
      exchange: async () => ({ sub: 'u', groups: ['staff'], name: 'u' }),
      refreshGroups: async () => ['staff'],
      revoke: async () => {},
    };
    const app = consoleApp(
      t.deps,
      { signIn: provider, assets: new ConsoleAssets(checkoutAssetSource) },
      consoleSections,
    );
    const page = await app.request('/console/sign-in');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' https://idp.example;");
    const local = await t.app.request('/console/sign-in');
    expect(local.headers.get('content-security-policy')).toContain("form-action 'self';");
  });
});

describe('assets and compression', () => {
  it('serves hashed assets for a year, brotli or gzip as accepted', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const html = await (await consoleRequest(t.app, cookie, '/console/settings')).text();
    const htmx = /src="(\/console\/assets\/htmx\.[0-9a-f]{10}\.js)"/.exec(html)?.[1] ?? '';
    expect(htmx).not.toBe('');
    const br = await t.app.request(htmx, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const plain = await t.app.request(htmx);
    const text = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(text).toContain('htmx');
    expect((await br.arrayBuffer()).byteLength).toBeLessThan(text.length / 2);
    const gzip = await t.app.request(htmx, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect((await t.app.request('/console/assets/htmx.0000000000.js')).status).toBe(404);
  });

  it('compresses pages when the browser accepts it', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    const page = await consoleRequest(t.app, cookie, '/console/settings', {
      headers: { 'accept-encoding': 'br' },
    });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('vary')).toContain('Accept-Encoding');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const { brotliDecompressSync } = await import('node:zlib');
    expect(brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString()).toContain(
      '<h1>Settings</h1>',
    );
  });
});

describe('language', () => {
  it("follows the browser's language on the sign-in page, or the one chosen there", async () => {
    const ru = await t.app.request('/console/sign-in', {
      headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' },
    });
    expect(await ru.text()).toContain('Вход в консоль');
    const vi = await t.app.request('/console/sign-in?lang=vi');
    expect(await vi.text()).toContain('Đăng nhập bảng điều khiển');
  });

  it("keeps the user's choice: the next sign-in opens in it", async () => {
    const cookie = await consoleSignIn(t.app, 'admin');
    const set = await consoleRequest(t.app, cookie, '/console/settings/locale', {
      form: { locale: 'vi', return: '/console/settings' },
    });
    expect(set.headers.get('location')).toBe('/console/settings');
    expect(await (await consoleRequest(t.app, cookie, '/console/settings')).text()).toContain(
      '<h1>Cài đặt</h1>',
    );
    const next = await consoleSignIn(t.app, 'admin');
    expect(await (await consoleRequest(t.app, next, '/console/settings')).text()).toContain(
      '<html lang="vi">',
    );
    await consoleRequest(t.app, next, '/console/settings', { form: { locale: 'en', shortcuts: 'on' } });
  });

  it('turns the shortcuts off with the setting', async () => {
    const cookie = await consoleSignIn(t.app, 'staff');
    await consoleRequest(t.app, cookie, '/console/settings', { form: { locale: 'en' } });
    const html = await (await consoleRequest(t.app, cookie, '/console/settings')).text();
    expect(html).toContain('data-shortcuts="off"');
  });
});
