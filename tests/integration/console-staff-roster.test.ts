/**
 * The console's staff roster on DynamoDB Local: an admin marks someone as no longer staff and back; a
 * lead's owner is then chosen among those who are staff now, the owner filter still finds the leads in
 * a former colleague's name, and what they did keeps their name; every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApi } from '../../shared/console/console-apis.ts';
import { StaffRoster } from '../../shared/console/staff-roster.ts';
import { checkStaffRoster, rosterCheckActor } from '../../shared/console/staff-roster-check.ts';
import { createApp } from '../../shared/http/app.ts';
import { company } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import type { Lead } from '../support/leads.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let staffCookie: string;
let lead: Lead;
const ivan = { sub: 'u-ivan', name: 'ivan.petrov@association.example', role: 'staff' as const };
const lan = { sub: 'u-lan', name: 'lan.nguyen@association.example', role: 'staff' as const };

beforeAll(async () => {
  t = await createTestApp();
  admin = await consoleSignIn(t.app, 'admin', '/console/staff');
  staffCookie = await consoleSignIn(t.app, 'staff');
  const roster = new StaffRoster(t.db);
  for (const user of [ivan, lan]) await roster.record({ ...user, signedInAt: '2026-11-02T09:00:00.000Z' });
  const staff = await t.token('staff');
  const member = await t.call('POST', '/v1/members', { token: staff, body: company() });
  expect(member.status, await member.clone().text()).toBe(201);
  const partner = await t.call('POST', '/v1/partners', {
    token: staff,
    body: {
      name: 'Công ty Đối tác Hà Nội',
      latinName: 'Cong ty Doi tac Ha Noi',
      country: 'VN',
      sectors: ['logistics'],
      contacts: [{ name: 'Lan', email: 'lan@partner.test', language: 'vi' }],
    },
  });
  expect(partner.status, await partner.clone().text()).toBe(201);
  const created = await t.call('POST', '/v1/leads', {
    token: staff,
    body: {
      memberId: ((await member.json()) as { id: string }).id,
      partnerId: ((await partner.json()) as { id: string }).id,
      topic: 'logistics',
      source: { type: 'referral', by: 'Торгпредство' },
      owner: ivan.sub,
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  lead = (await created.json()) as Lead;
});
afterAll(() => t.drop());

const page = async (cookie: string, path: string) => {
  const response = await consoleRequest(t.app, cookie, path);
  return { status: response.status, html: await response.text() };
};
const post = (cookie: string, path: string, form: Record<string, string>) =>
  consoleRequest(t.app, cookie, path, { method: 'POST', form });
const optionsOf = (html: string, select: RegExp) => select.exec(html)?.[1] ?? '';
const editOwner = /<select id="edit-owner" name="owner"[^>]*>(.*?)<\/select>/s;
const filterOwner = /<select name="owner">(.*?)<\/select>/s;

describe('the staff roster', () => {
  it('lists everyone who signed in, with role and last sign-in, and no button for the admin themself', async () => {
    const { status, html } = await page(admin, '/console/staff');
    expect(status).toBe(200);
    for (const user of [ivan, lan]) expect(html).toContain(`<td>${user.name} </td>`);
    expect(html).toContain('dev-admin@bridge-crm.localhost (you)');
    expect(html).toMatch(/Mark as left: ivan\.petrov@association\.example/);
    // Asked first, as the record's removals are.
    expect(html).toContain(
      'data-confirm="Mark ivan.petrov@association.example as no longer staff? They are no longer offered as a lead’s owner."',
    );
    expect(html).not.toMatch(/Mark as left: dev-admin@bridge-crm\.localhost/);
    expect(html).toContain('<a href="/console/staff" aria-current="page">Staff</a>');
  });

  it('is the admins’: staff get 403 and change nothing', async () => {
    expect((await page(staffCookie, '/console/staff')).status).toBe(403);
    expect((await post(staffCookie, '/console/staff/leave', { sub: ivan.sub })).status).toBe(403);
    expect((await new StaffRoster(t.db).read()).former).toEqual([]);
    expect((await page(staffCookie, '/console/members')).html).not.toContain('href="/console/staff"');
  });

  it('refuses a user who never signed in (404) or no user at all (400), recording nothing', async () => {
    expect((await post(admin, '/console/staff/leave', { sub: 'u-nobody' })).status).toBe(404);
    expect((await post(admin, '/console/staff/restore', { sub: 'u-nobody' })).status).toBe(404);
    expect((await post(admin, '/console/staff/leave', {})).status).toBe(400);
    const audit = (await page(admin, '/console/audit')).html;
    // As an entry: the action filter offers it by name.
    expect(audit).not.toContain('<td>Marked as no longer staff</td>');
    expect((await new StaffRoster(t.db).read()).has('u-nobody')).toBe(false);
  });

  it('marks someone as left: no longer offered as an owner, still named, and found by the owner filter', async () => {
    const before = (await page(staffCookie, `/console/leads/${lead.id}`)).html;
    expect(optionsOf(before, editOwner)).toContain(`<option value="${lan.sub}">${lan.name}</option>`);

    // Asked first where script does not run: a page with the question, nothing changed yet.
    const asked = await post(admin, '/console/staff/leave', { sub: lan.sub });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain(`Mark ${lan.name} as no longer staff?`);
    expect(question).toContain(`<input type="hidden" name="sub" value="${lan.sub}"/>`);
    expect(question).toContain('<input type="hidden" name="confirmed" value="yes"/>');
    expect((await new StaffRoster(t.db).read()).current.some((user) => user.sub === lan.sub)).toBe(true);

    const left = await post(admin, '/console/staff/leave', { sub: lan.sub, confirmed: 'yes' });
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe(`/console/staff?left=${lan.sub}`);
    const roster = (await page(admin, `/console/staff?left=${lan.sub}`)).html;
    expect(roster).toContain(`${lan.name} is marked as no longer staff.`);
    expect(roster).toMatch(/<td>Left on \d/);
    expect(roster).toMatch(/Restore: lan\.nguyen@association\.example/);

    const after = (await page(staffCookie, `/console/leads/${lead.id}`)).html;
    expect(optionsOf(after, editOwner)).not.toContain(lan.sub);
    expect(optionsOf(after, editOwner)).toContain(
      `<option value="${ivan.sub}" selected="">${ivan.name}</option>`,
    );
    expect(optionsOf((await page(staffCookie, '/console/leads')).html, filterOwner)).toContain(
      `<option value="${lan.sub}">${lan.name} (no longer staff)</option>`,
    );

    const audit = (await page(admin, '/console/audit')).html;
    expect(audit).toMatch(
      /<td>Marked as no longer staff<\/td><td><span>lan\.nguyen@association\.example<\/span><\/td>/,
    );
  });

  it('keeps a lead’s owner who left as its owner, said so, until someone else is chosen', async () => {
    expect((await post(admin, '/console/staff/leave', { sub: ivan.sub, confirmed: 'yes' })).status).toBe(303);
    const html = (await page(staffCookie, `/console/leads/${lead.id}`)).html;
    expect(optionsOf(html, editOwner)).toContain(
      `<option value="${ivan.sub}" selected="">${ivan.name} (no longer staff)</option>`,
    );
    expect(html).toContain(`<dd>${ivan.name}</dd>`);
    const filtered = (await page(staffCookie, `/console/leads?owner=${ivan.sub}`)).html;
    expect(filtered).toContain(lead.id);
  });

  it('restores someone: offered as an owner again, and the audit log says who did it', async () => {
    const restored = await post(admin, '/console/staff/restore', { sub: lan.sub });
    expect(restored.status).toBe(303);
    expect((await page(admin, `/console/staff?restored=${lan.sub}`)).html).toContain(
      `${lan.name} is staff again.`,
    );
    const html = (await page(staffCookie, `/console/leads/${lead.id}`)).html;
    expect(optionsOf(html, editOwner)).toContain(`<option value="${lan.sub}">${lan.name}</option>`);
    const audit = (await page(admin, '/console/audit')).html;
    expect(audit).toMatch(
      /<td><span>dev-admin@bridge-crm\.localhost<\/span> \(admin\)<\/td><td>Restored to staff<\/td><td><span>lan\.nguyen@association\.example<\/span><\/td>/,
    );
  });

  it('reads in the admin’s language', async () => {
    await post(admin, '/console/settings/locale', { locale: 'vi', return: '/console/staff' });
    const vi = (await page(admin, '/console/staff')).html;
    expect(vi).toContain('<h1>Nhân viên</h1>');
    expect(vi).toMatch(/Đã nghỉ từ \d/);
    await post(admin, '/console/settings/locale', { locale: 'ru', return: '/console/staff' });
    const ru = (await page(admin, '/console/staff')).html;
    expect(ru).toContain('<h1>Сотрудники</h1>');
    expect(ru).toContain('Отметить уход');
    await post(admin, '/console/settings/locale', { locale: 'en', return: '/console/staff' });
  });
});

describe('checking the roster against the sign-in service', () => {
  /** The app with the sign-in service's groups as given: sub → role. */
  const withGroups = (members: Record<string, 'admin' | 'staff'>) =>
    createApp(
      {
        ...t.deps,
        console: {
          ...t.deps.console!,
          staffDirectory: { members: async () => new Map(Object.entries(members)) },
        },
      },
      [consoleApi],
    );
  const check = (app: ReturnType<typeof createApp>) =>
    consoleRequest(app, admin, '/console/staff/check', { method: 'POST', form: {} });
  const entries = async () => (await new StaffRoster(t.db).read()).users;

  it('changes nothing when the service lists nobody, and says so', async () => {
    const before = await entries();
    const response = await check(withGroups({}));
    expect(response.headers.get('location')).toBe('/console/staff?unlisted');
    expect(await entries()).toEqual(before);
    expect((await page(admin, '/console/staff?unlisted')).html).toContain(
      'The sign-in service lists nobody in the staff groups, so nothing was changed.',
    );
  });

  it('marks as left whoever the groups no longer hold, keeps a changed role in step, and brings nobody back', async () => {
    const roster = new StaffRoster(t.db);
    const olga = { sub: 'u-olga', name: 'olga@association.example', role: 'staff' as const };
    await roster.record({ ...olga, signedInAt: '2026-11-03T09:00:00.000Z' });
    await roster.restore(lan.sub);
    await roster.leave(ivan.sub, '2026-11-20T09:00:00.000Z');
    const ivanLeft = (await entries()).find((user) => user.sub === ivan.sub)!.leftAt;
    expect(ivanLeft).toBeDefined();
    // Olga was made an admin; Lan left the groups; Ivan, marked left by an admin, is in them still;
    // the checking admin's own entry is not the check's to change, whatever the groups say.
    const response = await check(withGroups({ 'u-olga': 'admin', 'u-ivan': 'staff', 'dev-staff': 'staff' }));
    expect(response.headers.get('location')).toBe('/console/staff?checked=1');
    const after = new Map((await entries()).map((user) => [user.sub, user]));
    expect(after.get('u-lan')!.leftAt).toBeDefined();
    expect(after.get('u-olga')!.role).toBe('admin');
    expect(after.get('u-olga')!.leftAt).toBeUndefined();
    expect(after.get('u-ivan')!.leftAt).toBe(ivanLeft);
    expect(after.get('dev-admin')!.leftAt).toBeUndefined();
    expect(after.get('dev-staff')!.leftAt).toBeUndefined();
    expect((await page(admin, '/console/staff?checked=1')).html).toContain(
      'Checked: 1 person is no longer in the staff groups and is marked as left.',
    );
    expect((await page(admin, '/console/audit')).html).toMatch(
      /<td>Marked as no longer staff<\/td><td><span>lan\.nguyen@association\.example<\/span><\/td>/,
    );
    // Checked again: nobody else.
    const again = await check(withGroups({ 'u-olga': 'admin', 'u-ivan': 'staff', 'dev-staff': 'staff' }));
    expect(again.headers.get('location')).toBe('/console/staff?checked=0');
  });

  it('marks someone as left once when two checks overlap, and once when an admin clicks twice', async () => {
    const roster = new StaffRoster(t.db);
    const pavel = { sub: 'u-pavel', name: 'pavel.orlov@association.example', role: 'staff' as const };
    await roster.record({ ...pavel, signedInAt: '2026-11-05T09:00:00.000Z' });
    // Both checks read the roster before either writes; the groups hold everyone else on it.
    const snapshot = await roster.read();
    const stale = Object.assign(new StaffRoster(t.db), { read: async () => snapshot });
    const groups = new Map(snapshot.current.filter((u) => u.sub !== pavel.sub).map((u) => [u.sub, u.role]));
    const recorded: unknown[] = [];
    const run = (at: string) =>
      checkStaffRoster(
        {
          directory: { members: async () => groups },
          roster: stale,
          audit: { record: async (entry) => void recorded.push(entry) },
          clock: () => new Date(at),
        },
        rosterCheckActor,
      );
    const outcomes = await Promise.all([run('2026-12-01T00:05:00.000Z'), run('2026-12-01T00:05:01.000Z')]);
    expect(outcomes.map((o) => (o.unlisted ? 'unlisted' : o.left)).sort()).toEqual([0, 1]);
    expect(recorded).toEqual([{ action: 'staff-left', actor: rosterCheckActor, staffSub: pavel.sub }]);
    const leftAt = (await entries()).find((u) => u.sub === pavel.sub)!.leftAt;
    expect(leftAt).toMatch(/^2026-12-01T00:05:0[01]\.000Z$/);
    // An admin marking them left again changes nothing and adds nothing to the audit log.
    const marked = () => page(admin, '/console/audit').then(({ html }) => html.split(pavel.name).length - 1);
    const before = await marked();
    expect((await post(admin, '/console/staff/leave', { sub: pavel.sub, confirmed: 'yes' })).status).toBe(
      303,
    );
    expect(await marked()).toBe(before);
    expect((await entries()).find((u) => u.sub === pavel.sub)!.leftAt).toBe(leftAt);
  });

  it('is the admins’, and offered only where the service can list its groups', async () => {
    const refused = await consoleRequest(
      withGroups({ 'dev-staff': 'staff' }),
      staffCookie,
      '/console/staff/check',
      {
        method: 'POST',
        form: {},
      },
    );
    expect(refused.status).toBe(403);
    expect((await page(admin, '/console/staff')).html).toContain('action="/console/staff/check"');
    const { staffDirectory: _, ...withoutDirectory } = t.deps.console!;
    const without = createApp({ ...t.deps, console: withoutDirectory }, [consoleApi]);
    const html = await (await consoleRequest(without, admin, '/console/staff')).text();
    expect(html).not.toContain('action="/console/staff/check"');
    expect(
      (await consoleRequest(without, admin, '/console/staff/check', { method: 'POST', form: {} })).status,
    ).toBe(404);
  });
});

describe('the daily check', () => {
  it('runs as the local server schedules it, its dev users and demo staff being the groups there', async () => {
    const roster = new StaffRoster(t.db);
    await roster.record({
      sub: 'seed-staff-linh',
      name: 'Nguyễn Thùy Linh',
      role: 'staff',
      signedInAt: '2026-11-04T09:00:00.000Z',
    });
    const task = t.jobRegistry.scheduled.find((each) => each.run === 'check-staff-roster')!;
    expect(await task.start(t.jobRuntime)).toBeUndefined();
    const after = new Map((await roster.read()).users.map((user) => [user.sub, user]));
    expect(after.get('u-olga')!.leftAt).toBeDefined();
    for (const sub of ['dev-admin', 'dev-staff', 'seed-staff-linh'])
      expect(after.get(sub)!.leftAt, sub).toBeUndefined();
    const audit = (await page(admin, '/console/audit')).html;
    expect(audit).toMatch(
      /<span>Daily check against the sign-in service<\/span> \(admin\)<\/td><td>Marked as no longer staff<\/td><td><span>olga@association\.example<\/span>/,
    );
    // Nobody else to mark the next day.
    const entries = async () => (await roster.read()).users;
    const before = await entries();
    await task.start(t.jobRuntime);
    expect(await entries()).toEqual(before);
  });
});
