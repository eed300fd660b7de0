import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ConsoleEnv } from '../../shared/console/console-env.ts';
import { consoleSession } from '../../shared/console/session/session-middleware.ts';
import type { ConsoleSession, SessionRepository } from '../../shared/console/session/session-repository.ts';
import type { SignInProvider } from '../../shared/console/session/sign-in-provider.ts';
import type { StaffRoster } from '../../shared/console/staff-roster.ts';

const now = new Date('2026-12-05T10:00:00.000Z');
const session: ConsoleSession = {
  idHash: 'hash',
  sub: 'staff-1',
  role: 'staff',
  name: 'Staff',
  locale: 'en',
  shortcuts: true,
  timeZone: 'UTC',
  createdAt: '2026-12-05T09:00:00.000Z',
  // Two minutes ago: the idle deadline is due to move; the groups were read a minute ago.
  lastSeenAt: '2026-12-05T09:58:00.000Z',
  groupsCheckedAt: '2026-12-05T09:59:00.000Z',
};

/** A console app on the session middleware whose one page records when it ran, its sessions' write held. */
function appWithHeldTouch() {
  const events: string[] = [];
  let settle!: { resolve: (s: ConsoleSession) => void; reject: (error: Error) => void };
  const sessions = {
    get: async () => session,
    touch: (_: ConsoleSession, changes: object, active: boolean) => {
      events.push(`touch ${JSON.stringify(changes)} active=${active}`);
      return new Promise<ConsoleSession>((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
  } as unknown as SessionRepository;
  const app = new Hono<ConsoleEnv>();
  app.use(
    '/console/*',
    consoleSession({
      sessions,
      signIn: {} as SignInProvider,
      roster: {} as StaffRoster,
      clock: () => now,
    }),
  );
  app.get('/console/page', (c) => {
    events.push(`page for ${c.get('principal').sub}`);
    return c.text('the page');
  });
  const request = () =>
    app.request('https://console.example/console/page', { headers: { cookie: '__Host-bridge-session=id' } });
  return { events, request, settle: () => settle };
}

describe("the session's idle deadline", () => {
  it("moves beside the page's own work, and the answer waits for the write", async () => {
    const { events, request, settle } = appWithHeldTouch();
    let answered = false;
    const response = Promise.resolve(request()).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['touch {} active=true', 'page for staff-1']);
    expect(answered).toBe(false);
    settle().resolve({ ...session, lastSeenAt: now.toISOString() });
    expect(await (await response).text()).toBe('the page');
  });

  it('leaves the page standing when the write fails: the next request moves it', async () => {
    const { request, settle } = appWithHeldTouch();
    const response = request();
    await new Promise((resolve) => setImmediate(resolve));
    settle().reject(new Error('ProvisionedThroughputExceededException'));
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe('the page');
  });
});
