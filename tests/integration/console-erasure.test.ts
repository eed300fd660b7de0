/**
 * A member's and a partner's erasure from the console on DynamoDB Local: admins only (staff are refused
 * and nothing is erased), asked first on a page that says what goes and what stays, then made as
 * `POST /v1/{members,partners}/{id}/erase` makes it: the contacts are tombstones in the record and its
 * history, the member's accounts gone, and the audit log names who erased which company, by id, for
 * the console and the API alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasedMarker } from '../../shared/members/contact-erasure.ts';
import { mstSequence } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { contact, createMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staffToken: string;
let adminToken: string;
let staff: string;
let admin: string;
const mst = mstSequence(31_770_000);

interface Company {
  id: string;
  erasedAt?: string;
  contacts: { id: string; name: string; email?: string | null; erasedAt?: string }[];
}

async function member(): Promise<Company> {
  const created = await createMember(t, staffToken, 'energy', {
    name: 'ООО «Стираемый Импорт»',
    contacts: [contact('Erasable', 'ru'), contact('Forgotten', 'en')],
  });
  return read(`/v1/members/${created.id}`);
}

async function partner(): Promise<Company> {
  const response = await t.call('POST', '/v1/partners', {
    token: staffToken,
    body: {
      name: 'Công ty TNHH Xóa Dữ Liệu',
      latinName: 'Erasure Data Co., Ltd.',
      country: 'VN',
      region: 'VN-HP',
      taxId: mst(),
      sectors: ['logistics'],
      languages: ['vi'],
      contacts: [{ name: 'Phạm Thị Lan', email: `lan.${mst()}@erase.test`, language: 'vi' }],
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Company;
}

async function read(path: string): Promise<Company> {
  const response = await t.call('GET', path, { token: adminToken });
  expect(response.status).toBe(200);
  return (await response.json()) as Company;
}

async function page(cookie: string, path: string, status = 200): Promise<string> {
  const response = await consoleRequest(t.app, cookie, path);
  const html = await response.text();
  expect(response.status, html.slice(0, 300)).toBe(status);
  return html;
}

const erase = (cookie: string, path: string, form: Record<string, string> = { confirmed: 'yes' }) =>
  consoleRequest(t.app, cookie, path, { form });

/** The audit log's erasure rows, as the admin's audit page lists them: the link each one gives. */
async function auditedErasures(): Promise<string[]> {
  const html = await page(admin, '/console/audit?action=erasure');
  return [...html.matchAll(/<td>Personal data erased<\/td><td><a href="([^"]+)">/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  t = await createTestApp();
  staffToken = await t.token('staff');
  adminToken = await t.token('admin');
  staff = await consoleSignIn(t.app, 'staff');
  admin = await consoleSignIn(t.app, 'admin');
});
afterAll(() => t.drop());

describe('console erasure', () => {
  it('offers a member’s erasure to admins only, and refuses staff without erasing anything', async () => {
    const m = await member();
    const path = `/console/members/${m.id}/erase`;
    expect(await page(admin, `/console/members/${m.id}`)).toContain(`href="${path}"`);
    expect(await page(staff, `/console/members/${m.id}`)).not.toContain(path);
    await page(staff, path, 403);
    expect((await erase(staff, path)).status).toBe(403);
    expect((await read(`/v1/members/${m.id}`)).contacts.every((c) => c.email && !c.erasedAt)).toBe(true);
  });

  it('asks first, saying what goes and what stays; a form sent unconfirmed erases nothing', async () => {
    const m = await member();
    const path = `/console/members/${m.id}/erase`;
    const html = await page(admin, path);
    expect(html).toContain('Erase the personal data of ООО «Стираемый Импорт»');
    expect(html).toContain('Its 2 contacts are erased:');
    expect(html).toContain('member accounts are deleted');
    expect(html).toContain('This cannot be undone.');
    expect(html).toMatch(/<form method="post" action="[^"]+\/erase"><p><strong>/);
    const refused = await erase(admin, path, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('This cannot be undone.');
    expect((await read(`/v1/members/${m.id}`)).erasedAt).toBeUndefined();
  });

  it('erases a member once confirmed, as the API does, and shows the record erased', async () => {
    const m = await member();
    // An invitation out to one of its contacts: the erasure deletes the member's accounts too.
    const invited = await consoleRequest(
      t.app,
      admin,
      `/console/members/${m.id}/contacts/${m.contacts[0]!.id}/invitation`,
      {
        form: {},
      },
    );
    expect(invited.status, await invited.clone().text()).toBe(303);
    const accounts = async () =>
      (
        (await (await t.call('GET', `/v1/members/${m.id}/accounts`, { token: adminToken })).json()) as {
          items: unknown[];
        }
      ).items;
    expect(await accounts()).toHaveLength(1);
    const response = await erase(admin, `/console/members/${m.id}/erase`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/console/members/${m.id}`);
    const erased = await read(`/v1/members/${m.id}`);
    expect(erased.erasedAt).toBeDefined();
    expect(erased.contacts.map((c) => [c.name, c.email, Boolean(c.erasedAt)])).toEqual([
      [erasedMarker, null, true],
      [erasedMarker, null, true],
    ]);
    const history = await t.call('GET', `/v1/members/${m.id}/history?limit=50`, { token: adminToken });
    const text = await history.text();
    for (const c of m.contacts) {
      expect(text).not.toContain(c.email);
      expect(text).not.toContain(c.name);
    }
    const record = await page(admin, `/console/members/${m.id}`);
    for (const c of m.contacts) expect(record).not.toContain(c.email);
    expect(record).toContain('Erased');
    expect(await accounts()).toEqual([]);
    // Erasing again says when it was, and erases whatever came since.
    expect(await page(admin, `/console/members/${m.id}/erase`)).toMatch(
      /Its contacts were erased on [^;]+; erasing again erases whatever was added since\./,
    );
    expect(await auditedErasures()).toContain(`/console/members/${m.id}`);
  });

  it('erases a partner once confirmed, offered on its record to admins only', async () => {
    const p = await partner();
    const path = `/console/partners/${p.id}/erase`;
    expect(await page(admin, `/console/partners/${p.id}`)).toContain(`href="${path}"`);
    expect(await page(staff, `/console/partners/${p.id}`)).not.toContain(path);
    const html = await page(admin, path);
    expect(html).toContain('Its 1 contact is erased:');
    expect(html).toContain('campaign recipients and event delegates are blanked.');
    expect(html).not.toContain('member accounts');
    expect((await erase(staff, path)).status).toBe(403);
    expect((await read(`/v1/partners/${p.id}`)).erasedAt).toBeUndefined();
    const response = await erase(admin, path);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/console/partners/${p.id}`);
    const erased = await read(`/v1/partners/${p.id}`);
    expect(erased.erasedAt).toBeDefined();
    expect(erased.contacts.map((c) => [c.name, c.email, Boolean(c.erasedAt)])).toEqual([
      [erasedMarker, null, true],
    ]);
    expect(await page(admin, `/console/partners/${p.id}`)).not.toContain(p.contacts[0]!.email!);
    expect(await auditedErasures()).toContain(`/console/partners/${p.id}`);
  });

  it('audits an erasure made through the API too, naming the company by id', async () => {
    const m = await member();
    expect((await t.call('POST', `/v1/members/${m.id}/erase`, { token: adminToken })).status).toBe(200);
    expect(await auditedErasures()).toContain(`/console/members/${m.id}`);
    const audit = await page(admin, '/console/audit?action=erasure');
    expect(audit).not.toContain(m.contacts[0]!.email!);
  });

  it('speaks the reader’s language', async () => {
    const m = await member();
    const ru = await consoleSignIn(t.app, 'admin', '/console/members', 'ru');
    const html = await page(ru, `/console/members/${m.id}/erase`);
    expect(html).toContain('Удалить персональные данные: ООО «Стираемый Импорт»');
    expect(html).toContain('Её контакты (2) будут удалены:');
    expect(html).toContain('Это действие нельзя отменить.');
  });

  it('answers 404 for an id that names no member or partner, and erases nothing', async () => {
    const none = '01KB0000000000000000000000';
    await page(admin, `/console/members/${none}/erase`, 404);
    expect((await erase(admin, `/console/partners/${none}/erase`)).status).toBe(404);
  });
});
