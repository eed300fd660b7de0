/**
 * A list page's link whose cursor is not one signed for that list (typed, cut short, another list's):
 * every console page that pages by a cursor says so in the reader's language, as the members' list
 * does, with a link to the list's first page, never the API's English problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
const cookies = { staff: '', admin: '' };
const ids = { member: '', partner: '', campaign: '' };

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  cookies.staff = await consoleSignIn(t.app, 'staff');
  cookies.admin = await consoleSignIn(t.app, 'admin');
  const member = await t.call('POST', '/v1/members', { token: staff, body: company() });
  expect(member.status, await member.clone().text()).toBe(201);
  ids.member = ((await member.json()) as { id: string }).id;
  // A second member, so that the API's members list of one a page has a next cursor to borrow.
  expect((await t.call('POST', '/v1/members', { token: staff, body: company() })).status).toBe(201);
  const partner = await t.call('POST', '/v1/partners', {
    token: staff,
    body: {
      name: 'Công ty Cổ phần Con trỏ',
      latinName: 'Con Tro JSC',
      country: 'VN',
      sectors: ['logistics'],
      contacts: [{ name: 'Lan', email: `lan.${Date.now()}@cursors.test`, language: 'vi' }],
    },
  });
  expect(partner.status, await partner.clone().text()).toBe(201);
  ids.partner = ((await partner.json()) as { id: string }).id;
  const campaign = await t.call('POST', '/v1/campaigns', {
    token: staff,
    body: {
      name: 'Курсор',
      segment: { sectors: ['energy'] },
      replyTo: 'partnerships@example.org',
      variants: { ru: { subject: 'Тема', html: '<p>{{companyName}}</p>', text: '{{companyName}}' } },
    },
  });
  expect(campaign.status, await campaign.clone().text()).toBe(201);
  ids.campaign = ((await campaign.json()) as { id: string }).id;
});
afterAll(() => t.drop());

async function useLocale(cookie: string, locale: 'ru' | 'vi' | 'en') {
  const response = await consoleRequest(t.app, cookie, '/console/settings/locale', {
    form: { locale, return: '/console/settings' },
  });
  expect(response.status).toBe(303);
}

/** Each list that pages by a cursor: its first page, and the query parameter its cursor is in. */
const lists = (): { who: keyof typeof cookies; first: string; param: string }[] => [
  { who: 'staff', first: `/console/campaigns/${ids.campaign}/recipients`, param: 'cursor' },
  { who: 'staff', first: '/console/campaigns', param: 'cursor' },
  { who: 'staff', first: '/console/leads?stage=new', param: 'cursor' },
  { who: 'staff', first: `/console/leads?memberId=${ids.member}`, param: 'cursor' },
  { who: 'staff', first: `/console/leads?partnerId=${ids.partner}`, param: 'cursor' },
  { who: 'staff', first: `/console/members/${ids.member}/leads`, param: 'cursor' },
  { who: 'staff', first: `/console/members/${ids.member}/history`, param: 'cursor' },
  { who: 'staff', first: `/console/partners/${ids.partner}`, param: 'history' },
  { who: 'staff', first: '/console/events', param: 'cursor' },
  { who: 'staff', first: '/console/reports/events', param: 'cursor' },
  { who: 'admin', first: '/console/audit?month=2026-01', param: 'cursor' },
];

const withCursor = (first: string, param: string, cursor: string) =>
  `${first}${first.includes('?') ? '&' : '?'}${param}=${encodeURIComponent(cursor)}`;

describe('a list page with a cursor that is not its own', () => {
  it('says so in Russian, Vietnamese and English, linking to the first page', async () => {
    const said = {
      ru: [
        'Этот список нельзя показать',
        'Ссылка на эту страницу больше не действует; начните с первой страницы.',
        'Первая страница',
      ],
      vi: [
        'Không thể hiển thị danh sách này',
        'Liên kết trang này không còn dùng được; hãy bắt đầu lại từ trang đầu.',
        'Trang đầu',
      ],
      en: [
        'This list cannot be shown',
        'This page link no longer works; start again from the first page.',
        'First page',
      ],
    } as const;
    const members = await t.call('GET', '/v1/members?limit=1', { token: staff });
    const foreign = ((await members.json()) as { nextCursor: string | null }).nextCursor;
    expect(foreign).toMatch(/^[\w-]+\.[\w-]+$/);
    try {
      for (const locale of ['ru', 'vi', 'en'] as const) {
        for (const cookie of Object.values(cookies)) await useLocale(cookie, locale);
        const [title, text, first] = said[locale];
        for (const { who, first: firstPage, param } of lists()) {
          // Typed, cut short with a forged signature, and signed for another list (the API's
          // members): none is a cursor of this list.
          for (const cursor of ['zzz', 'eyJzIjoiZXZlbnRzIn0.AAAA', foreign!]) {
            const path = withCursor(firstPage, param, cursor);
            const response = await consoleRequest(t.app, cookies[who], path);
            const html = await response.text();
            expect(response.status, path).toBe(400);
            expect(html, path).toContain(`<h1>${title}</h1>`);
            expect(html, path).toContain(`<p>${text}</p>`);
            expect(html, path).toContain(`<a href="${firstPage.replaceAll('&', '&amp;')}">${first}</a>`);
            expect(html, path).not.toContain('Bad request');
            expect(html, path).not.toContain('The cursor is malformed');
          }
        }
      }
      // The first page the link leads to is the list itself.
      for (const { who, first } of lists()) {
        expect((await consoleRequest(t.app, cookies[who], first)).status, first).toBe(200);
      }
    } finally {
      for (const cookie of Object.values(cookies)) await useLocale(cookie, 'en');
    }
  });

  it('keeps the API’s own problem for the same cursor', async () => {
    const response = await t.call('GET', '/v1/campaigns?cursor=zzz', { token: staff });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'The cursor is malformed, was modified, or belongs to another query.',
    );
  });
});
