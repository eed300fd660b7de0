/**
 * The console's member directory (/console/members) against DynamoDB Local, signed in through the
 * local provider: filters, search in any script, paging, saved views, CSV export and import, bulk
 * status changes and exports with their confirmation, the audit log, and the page's languages.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consoleApi } from '../../shared/console/console-apis.ts';
import { consoleUploadMaxBytes } from '../../shared/console/pages/directory/directory-import.tsx';
import { pollHeader } from '../../shared/console/session/session-middleware.ts';
import { createApp } from '../../shared/http/app.ts';
import { csvImportLimits, layoutColumns, parseMemberCsv } from '../../shared/members/member-csv.ts';
import { MemberService } from '../../shared/members/member-service.ts';
import { company, mstSequence } from '../support/companies.ts';
import { consoleOrigin, consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staffToken: string;
let adminToken: string;
let staff: string;
let admin: string;
const nextMst = mstSequence(310_000_000);

/** Members by role in these tests. */
const ids = { vladkon: '', bienhoa: '', paged: [] as string[] };

async function createMember(body: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const response = await t.call('POST', '/v1/members', { token: staffToken, body });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

async function memberStatus(id: string): Promise<string> {
  const response = await t.call('GET', `/v1/members/${id}`, { token: staffToken });
  return ((await response.json()) as { status: string }).status;
}

const page = async (cookie: string, path: string, headers: Record<string, string> = {}) => {
  const response = await consoleRequest(t.app, cookie, path, { headers });
  return { status: response.status, headers: response.headers, html: await response.text() };
};

/** The member ids a directory page lists, by its row checkboxes. */
const listedIds = (html: string) => [...html.matchAll(/name="id" value="([0-9A-Z]{26})"/g)].map((m) => m[1]!);

const nextLink = (html: string) =>
  /href="(\/console\/members\?[^"]*cursor=[^"]+)" rel="next"/.exec(html)?.[1];

const hrefOf = (href: string) => href.replaceAll('&amp;', '&');

/**
 * The options a page's place list is filled with (console.js): the page holds an empty `<datalist>`
 * naming its URL, which answers the options, kept by the browser.
 */
async function suggested(cookie: string, html: string, listId: string): Promise<string> {
  const match = new RegExp(`<datalist id="${listId}" data-src="([^"]+)"></datalist>`).exec(html);
  expect(match, listId).not.toBeNull();
  const response = await consoleRequest(t.app, cookie, hrefOf(match![1]!));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
  return response.text();
}

function postFile(app: Pick<TestApp['app'], 'request'>, cookie: string, file: File) {
  const body = new FormData();
  body.set('file', file);
  return Promise.resolve(
    app.request('/console/members/import', {
      method: 'POST',
      headers: { cookie, origin: consoleOrigin },
      body,
    }),
  );
}

const columns = layoutColumns(1);
const cell = (value: string) => `"${value.replaceAll('"', '""')}"`;
const csvOf = (rows: Record<string, string>[]) =>
  `${[columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c] ?? '')).join(','))].join('\r\n')}\r\n`;

const vnRow = (name: string, email: string): Record<string, string> => ({
  name,
  country: 'VN',
  region: 'VN-HN',
  taxId: nextMst(),
  sectors: 'garments-textiles',
  contact1_name: 'Nguyễn Văn An',
  contact1_email: email,
  contact1_language: 'vi',
  contact1_outreach: 'yes',
  contact1_news: 'no',
});

beforeAll(async () => {
  t = await createTestApp();
  staffToken = await t.token('staff');
  adminToken = await t.token('admin');
  staff = await consoleSignIn(t.app, 'staff');
  admin = await consoleSignIn(t.app, 'admin');
  ids.vladkon = (
    await createMember(
      company({ name: 'ООО «Владкон Водоподготовка»', sectors: ['industrial-water-treatment'] }),
    )
  ).id;
  ids.bienhoa = (
    await createMember(
      company({
        name: 'Công ty Cổ phần Đường Biên Hòa',
        country: 'VN',
        region: 'VN-HN',
        taxId: nextMst(),
        sectors: ['food-canning'],
      }),
    )
  ).id;
  for (let i = 0; i < 55; i++) {
    ids.paged.push((await createMember(company({ region: 'RU-KLU', sectors: ['logistics'] }))).id);
  }
});
afterAll(() => t.drop());

describe('the directory page', () => {
  it('lists members with links, and each filter narrows the rows', async () => {
    const all = await page(staff, '/console/members?region=RU-VLA');
    expect(all.status).toBe(200);
    expect(all.html).toContain(`href="/console/members/${ids.vladkon}"`);
    expect(all.html).toContain('ООО «Владкон Водоподготовка»');
    expect(all.html).toContain('aria-label="Select ООО «Владкон Водоподготовка»"');

    const water = await page(staff, '/console/members?sector=industrial-water-treatment&tier=&q=');
    expect(water.status).toBe(200);
    expect(listedIds(water.html)).toEqual([ids.vladkon]);
    expect(water.html).toContain('Industrial water treatment');
    // Tiers by their label in the tier table, in the rows and the filter (450 M RUB: small).
    expect(water.html).toContain('<td data-label="Tier">Small enterprise</td>');
    expect(water.html).toMatch(/<option value="large"[^>]*>Large enterprise<\/option>/);

    // Codes typed in lower case match; status combines with a facet.
    const vietnam = await page(staff, '/console/members?country=vn&status=active');
    expect(listedIds(vietnam.html)).toEqual([ids.bienhoa]);
    expect(vietnam.html).toContain('Vietnam');
    const region = await page(staff, '/console/members?region=RU-VLA');
    expect(listedIds(region.html)).toContain(ids.vladkon);
    expect(listedIds(region.html)).not.toContain(ids.bienhoa);
    // Or by name, in any of the console's languages: the view is the code's.
    const byName = await page(
      staff,
      `/console/members?country=${encodeURIComponent('Вьетнам')}&status=active`,
    );
    expect(listedIds(byName.html)).toEqual([ids.bienhoa]);
    expect(byName.html).toMatch(/<input type="text" name="country" value="VN"/);
    const regionByName = await page(
      staff,
      `/console/members?region=${encodeURIComponent('Vladimir Oblast')}`,
    );
    expect(listedIds(regionByName.html)).toEqual(listedIds(region.html));
    const nowhere = await page(staff, `/console/members?country=${encodeURIComponent('Атлантида')}`);
    expect(nowhere.status).toBe(400);
    const suspended = await page(staff, '/console/members?country=VN&status=suspended');
    expect(listedIds(suspended.html)).toEqual([]);
    expect(suspended.html).toContain('No members in this view.');
  });

  it('finds a Cyrillic name by its Latin spelling and a Vietnamese one without its tones', async () => {
    const latin = await page(staff, '/console/members?q=vladkon');
    expect(listedIds(latin.html)).toEqual([ids.vladkon]);
    const toneless = await page(staff, '/console/members?q=duong%20bien%20hoa');
    expect(listedIds(toneless.html)).toEqual([ids.bienhoa]);
    expect(toneless.html).toContain('Công ty Cổ phần Đường Biên Hòa');
    // The search input is wired for search as you type, and htmx gets the results alone.
    expect(latin.html).toMatch(
      /<input type="search" name="q" id="search" data-search="true"[^>]*hx-get="\/console\/members"/,
    );
    // It is a field of the filters' form, which it sends as you type (hx-include) or submitted.
    expect(latin.html).toMatch(
      /<input type="search" name="q"[^>]* form="filters" [^>]*hx-include="#filters"/,
    );
    expect(latin.html).toContain('<form method="get" action="/console/members" id="filters">');
    const partial = await page(staff, '/console/members?q=vladkon', { 'hx-request': 'true' });
    expect(partial.status).toBe(200);
    expect(partial.html).not.toContain('<html');
    expect(partial.html).toMatch(/^<div id="results">/);
    expect(listedIds(partial.html)).toEqual([ids.vladkon]);
    // One letter typed is no search yet: the list stays as without it, its filters kept, and the
    // reader is told quietly (no alert); the address names the view without it.
    const short = await page(staff, '/console/members?q=v&sector=industrial-water-treatment', {
      'hx-request': 'true',
    });
    expect(short.status).toBe(200);
    expect(short.html).toMatch(/^<div id="results">/);
    expect(short.html).toContain('Type at least 2 letters or digits of the name to search');
    expect(short.html).not.toContain('role="alert"');
    expect(listedIds(short.html)).toContain(ids.vladkon);
    expect(listedIds(short.html)).not.toContain(ids.bienhoa);
    expect(short.headers.get('hx-push-url')).toBe('/console/members?sector=industrial-water-treatment');
    for (const q of ['v', '---', '«»', 'C++', '😀']) {
      const typed = await page(staff, `/console/members?q=${encodeURIComponent(q)}`);
      expect(typed.status, q).toBe(200);
      expect(typed.html, q).toContain(`value="${q}"`);
      expect(listedIds(typed.html), q).toContain(ids.bienhoa);
    }
  });

  it('searches among the members the filters choose, the address naming the view', async () => {
    const inRussia = await page(
      staff,
      `/console/members?q=vladkon&country=${encodeURIComponent('Россия')}&tier=&status=active`,
      {
        'hx-request': 'true',
      },
    );
    expect(listedIds(inRussia.html)).toEqual([ids.vladkon]);
    expect(inRussia.headers.get('hx-push-url')).toBe('/console/members?q=vladkon&country=RU&status=active');
    const inVietnam = await page(staff, '/console/members?q=vladkon&country=VN');
    expect(inVietnam.status).toBe(200);
    expect(listedIds(inVietnam.html)).toEqual([]);
    expect(inVietnam.html).toContain('No members in this view.');
    // The search stays in the filters' form, and the filters show as chosen.
    expect(inVietnam.html).toContain('value="vladkon"');
    expect(inVietnam.html).toMatch(/<input type="text" name="country" value="VN"/);
    const toneless = await page(staff, '/console/members?q=duong%20bien&region=VN-HN&sector=food-canning');
    expect(listedIds(toneless.html)).toEqual([ids.bienhoa]);
  });

  it('lists a combination of filters as the API does; shows a search with the interest filter or a bad filter as an alert with a 400', async () => {
    const combined = await page(staff, '/console/members?sector=logistics&country=RU&status=active');
    expect(combined.status).toBe(200);
    const response = await t.call('GET', '/v1/members?sector=logistics&country=RU&status=active&limit=50', {
      token: staffToken,
    });
    const listed = ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id);
    expect(listed.length).toBeGreaterThan(0);
    expect(listedIds(combined.html)).toEqual(listed);
    const searchAndInterest = await page(staff, '/console/members?q=vladkon&interest=logistics');
    expect(searchAndInterest.status).toBe(400);
    expect(searchAndInterest.html).toContain(
      'This list cannot be shown.</strong> A name search does not go with the Interest filter',
    );
    const invalid = await page(staff, '/console/members?sector=not-a-sector');
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('aria-invalid="true"');
    expect(invalid.html).toContain('Some filters are not valid');
    const tampered = await page(staff, '/console/members?region=RU-KLU&cursor=forged.cursor');
    expect(tampered.status).toBe(400);
    expect(tampered.html).toContain('This page link no longer works; start again from the first page.');
    expect((await page(staff, '/console/members')).status).toBe(200);
  });

  it('pages 50 rows at a time through a cursor link that keeps the filter', async () => {
    const first = await page(staff, '/console/members?region=RU-KLU');
    const firstIds = listedIds(first.html);
    expect(firstIds).toHaveLength(50);
    const next = nextLink(first.html);
    expect(next).toContain('region=RU-KLU');
    const second = await page(staff, hrefOf(next!));
    expect(second.status).toBe(200);
    const secondIds = listedIds(second.html);
    expect(secondIds).toHaveLength(5);
    expect(nextLink(second.html)).toBeUndefined();
    expect(new Set([...firstIds, ...secondIds])).toEqual(new Set(ids.paged));
    // A cursor of one view is refused by another.
    const cursor = new URL(hrefOf(next!), consoleOrigin).searchParams.get('cursor')!;
    const elsewhere = await page(
      staff,
      `/console/members?region=RU-VLA&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(elsewhere.status).toBe(400);
  });
});

describe('saved views', () => {
  it('saves, lists and deletes a view of its own user only', async () => {
    const saved = await consoleRequest(t.app, admin, '/console/members/views', {
      form: { name: 'Владимирская область', query: 'region=RU-VLA' },
    });
    expect(saved.status).toBe(303);
    // Back to the view, saying it is saved; the notice is no filter of the view saved from there.
    expect(saved.headers.get('location')).toBe('/console/members?region=RU-VLA&notice=view-saved');
    const back = await page(admin, saved.headers.get('location')!);
    expect(back.html).toContain('<p role="status">The view is saved.</p>');
    expect(back.html).toContain('name="query" value="region=RU-VLA"/>');
    const mine = await page(admin, '/console/members');
    expect(mine.html).not.toContain('role="status"');
    expect(mine.html).toContain('<a href="/console/members?region=RU-VLA">Владимирская область</a>');
    const viewId = /action="\/console\/members\/views\/([0-9A-Z]{26})\/delete"/.exec(mine.html)?.[1];
    expect(viewId).toBeDefined();

    // A second view of the same name, whatever its case and spacing, is refused and stores nothing;
    // another user may have one of that name.
    const again = await consoleRequest(t.app, admin, '/console/members/views', {
      form: { name: '  владимирская   ОБЛАСТЬ ', query: 'tier=large' },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You already have a view named “владимирская   ОБЛАСТЬ”');
    expect((await page(admin, '/console/members')).html.match(/>Владимирская область<\/a>/gi)).toHaveLength(
      1,
    );
    expect((await page(admin, '/console/members')).html).not.toContain('tier=large');

    const theirs = await page(staff, '/console/members');
    expect(theirs.html).not.toContain('Владимирская область');
    const theirsSaved = await consoleRequest(t.app, staff, '/console/members/views', {
      form: { name: 'Владимирская область', query: 'region=RU-VLA&status=active' },
    });
    expect(theirsSaved.status).toBe(303);
    // Staff posting the admin's view id deletes nothing of the admin's.
    await consoleRequest(t.app, staff, `/console/members/views/${viewId}/delete`, { form: {} });
    expect((await page(admin, '/console/members')).html).toContain('Владимирская область');

    const deleted = await consoleRequest(t.app, admin, `/console/members/views/${viewId}/delete`, {
      form: {},
    });
    expect(deleted.status).toBe(303);
    expect((await page(admin, deleted.headers.get('location')!)).html).toContain(
      '<p role="status">The view is deleted.</p>',
    );
    expect((await page(admin, '/console/members')).html).not.toContain('Владимирская область');
    // Staff's own view of that name is theirs to delete.
    const staffViewId = /action="\/console\/members\/views\/([0-9A-Z]{26})\/delete"/.exec(
      (await page(staff, '/console/members')).html,
    )?.[1];
    await consoleRequest(t.app, staff, `/console/members/views/${staffViewId}/delete`, { form: {} });
    expect((await page(staff, '/console/members')).html).not.toContain('Владимирская область');
  });

  it('keeps at most 50 views per user and refuses a nameless one', async () => {
    const nameless = await consoleRequest(t.app, staff, '/console/members/views', {
      form: { name: ' ', query: 'status=active' },
    });
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toContain('Give the view a name');
    for (let i = 0; i < 50; i++) {
      const response = await consoleRequest(t.app, staff, '/console/members/views', {
        form: { name: `View ${i}`, query: 'status=active' },
      });
      expect(response.status).toBe(303);
    }
    const refused = await consoleRequest(t.app, staff, '/console/members/views', {
      form: { name: 'One too many', query: 'status=active' },
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('You already have 50 saved views');
    const listed = await page(staff, '/console/members');
    expect(listed.html).toContain('View 49');
    expect(listed.html).not.toContain('One too many');
  });
});

describe('CSV export', () => {
  const exportView = (cookie: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    consoleRequest(t.app, cookie, '/console/members/export.csv', { form, headers });

  it("posts the view's filters for the API's CSV of it and records who exported what", async () => {
    const listed = await page(admin, '/console/members?country=VN');
    expect(listed.html).toContain('<form method="post" action="/console/members/export.csv">');
    expect(listed.html).toContain('<input type="hidden" name="country" value="VN"/>');
    const response = await exportView(admin, { country: 'VN' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const file = await response.text();
    expect(file).toContain('Công ty Cổ phần Đường Biên Hòa');
    expect(file).not.toContain('Владкон');
    const api = await t.call('GET', '/v1/members/export.csv?country=VN', { token: staffToken });
    expect(file).toBe(await api.text());
    // A Russian reader's spreadsheet expects `;` between cells: otherwise the same file.
    const locale = (chosen: string) =>
      consoleRequest(t.app, admin, '/console/settings/locale', {
        form: { locale: chosen, return: '/console' },
      });
    await locale('ru');
    const ru = await (await exportView(admin, { country: 'VN' })).text();
    await locale('en');
    expect(ru.split('\r\n')[0]).toMatch(/^"[a-zA-Z]+";"[a-zA-Z]+";/);
    const rows = (csv: string) => parseMemberCsv(new TextEncoder().encode(csv)).rows;
    expect(rows(ru)).toEqual(rows(file));

    // The filter in the reader's words, with a link to the view it names.
    const audit = await page(admin, '/console/audit');
    expect(audit.html).toContain(
      '<td>CSV export</td><td>Country: Vietnam <a href="/console/members?country=VN">Open this view</a></td><td>1</td>',
    );
    await locale('ru');
    expect((await page(admin, '/console/audit')).html).toContain(
      '<td>Выгрузка CSV</td><td>Страна: Вьетнам <a href="/console/members?country=VN">Открыть эту выборку</a></td>',
    );
    await locale('en');
    expect(audit.html).toContain('<span>dev-admin@bridge-crm.localhost</span> (admin)');
    const whole = await exportView(staff, {});
    expect((await whole.text()).split('\r\n').length).toBeGreaterThan(55);
    expect((await page(admin, '/console/audit')).html).toMatch(
      /<td>CSV export<\/td><td>All members \(no filter\) <a href="\/console\/members">Open this view<\/a><\/td><td>\d+<\/td>/,
    );
  });

  it('refuses an export asked for by another site, or by a link, without a file or an audit entry', async () => {
    const before = (await page(admin, '/console/audit')).html.match(/<td>CSV export<\/td>/g)?.length ?? 0;
    const crossSite = await exportView(staff, { country: 'RU' }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('content-type') ?? '').not.toContain('text/csv');
    const link = await consoleRequest(t.app, staff, '/console/members/export.csv?country=RU', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(link.headers.get('content-type') ?? '').not.toContain('text/csv');
    const after = (await page(admin, '/console/audit')).html.match(/<td>CSV export<\/td>/g)?.length ?? 0;
    expect(after).toBe(before);
  });

  it('exports a combination of filters, and a search with filters, as the API does; refuses a search with the interest filter without a file', async () => {
    const views: Record<string, string>[] = [
      { sector: 'energy', country: 'RU' },
      { q: 'vladkon', country: 'RU' },
    ];
    for (const view of views) {
      const response = await exportView(admin, view);
      expect(response.status).toBe(200);
      const api = await t.call('GET', `/v1/members/export.csv?${new URLSearchParams(view)}`, {
        token: staffToken,
      });
      expect(await response.text()).toBe(await api.text());
    }
    const refused = await exportView(admin, { q: 'vladkon', interest: 'energy' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('text/html');
  });

  it('records an export and an import through the API as the console records its own', async () => {
    const exported = await t.call('GET', '/v1/members/export.csv?region=RU-KLU', {
      token: staffToken,
    });
    expect(exported.status).toBe(200);
    const imported = await t.call('POST', '/v1/members/import', {
      token: staffToken,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: csvOf([vnRow('Công ty TNHH Kiểm Toán Nhập', 'audit.import@example.vn')]),
    });
    expect(imported.status).toBe(200);
    const audit = (await page(admin, '/console/audit')).html;
    expect(audit).toContain(
      '<td>CSV export</td><td>Region: Kaluga Oblast (RU-KLU) <a href="/console/members?region=RU-KLU">Open this view</a></td><td>55</td>',
    );
    expect(audit).toMatch(
      /<td>CSV import<\/td><td>—<\/td><td>1<\/td><td>1 created, 0 updated, 0 unchanged, 0 rejected<\/td>/,
    );
    expect(audit).toContain('<span>dev-staff@bridge-crm.localhost</span> (staff)');
  });
});

describe('CSV import', () => {
  it('applies a file and shows the per-row report, rejected rows with their field errors', async () => {
    const file = csvOf([
      vnRow('Công ty TNHH Dệt May Hưng Yên', 'an.nguyen@hungyen.test'),
      vnRow('Công ty TNHH Sai Địa Chỉ', 'not-an-email'),
    ]);
    const response = await postFile(t.app, staff, new File([file], 'members.csv', { type: 'text/csv' }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('1 created, 0 updated, 0 unchanged, 1 rejected.');
    const created =
      /<th scope="row">2<\/th><td>Created<\/td><td><a href="\/console\/members\/([0-9A-Z]{26})">/.exec(
        html,
      )?.[1];
    expect(created).toBeDefined();
    expect(html).toMatch(
      /<th scope="row">3<\/th><td>Rejected<\/td><td>—<\/td><td><ul><li><code>contact1_email<\/code>/,
    );
    const stored = await t.call('GET', `/v1/members/${created}`, { token: staffToken });
    expect(((await stored.json()) as { name: string }).name).toBe('Công ty TNHH Dệt May Hưng Yên');
    const search = await page(staff, '/console/members?q=sai%20dia%20chi');
    expect(listedIds(search.html)).toEqual([]);
    expect((await page(admin, '/console/audit')).html).toContain(
      '<td>CSV import</td><td>—</td><td>2</td><td>1 created, 0 updated, 0 unchanged, 1 rejected</td>',
    );
  });

  it('refuses a file that is not CSV, or whose header does not fit, with nothing stored', async () => {
    const content = csvOf([vnRow('Công ty TNHH Không Lưu', 'khong.luu@test.vn')]);
    const text = await postFile(t.app, staff, new File([content], 'members.txt', { type: 'text/plain' }));
    expect(text.status).toBe(415);
    expect(await text.text()).toContain('This is not a CSV file (.csv); nothing was imported.');
    const header = await postFile(
      t.app,
      staff,
      new File([`nom,pays\r\nX,VN\r\n`], 'members.csv', { type: 'text/csv' }),
    );
    expect(header.status).toBe(422);
    expect(await header.text()).toContain(
      'The first row does not name the columns the import reads; nothing was imported.',
    );
    const empty = await postFile(t.app, staff, new File([], 'members.csv', { type: 'text/csv' }));
    expect(empty.status).toBe(400);
    // Under the API's 5 MiB but over the console's 4 MiB, which a base64-encoded form must keep to.
    const padding = ' '.repeat(consoleUploadMaxBytes);
    expect(content.length + padding.length).toBeLessThan(csvImportLimits.maxBytes);
    const large = await postFile(
      t.app,
      staff,
      new File([content, padding], 'members.csv', { type: 'text/csv' }),
    );
    expect(large.status).toBe(413);
    expect(await large.text()).toContain('The file is over 4 MiB; split it. Nothing was imported.');
    expect(listedIds((await page(staff, '/console/members?q=khong%20luu')).html)).toEqual([]);
  });

  it("says a rejected row's and a header's problems in the reader's language", async () => {
    const user = await consoleSignIn(t.app, 'staff');
    await consoleRequest(t.app, user, '/console/settings/locale', { form: { locale: 'ru', return: '/' } });
    const rows = csvOf([
      vnRow('Công ty TNHH Sai Thư', 'not-an-email'),
      { ...vnRow('Công ty TNHH Sai Đồng Ý', 'dong.y@test.vn'), contact1_outreach: 'maybe' },
      { ...vnRow('Công ty TNHH Sai Trạng Thái', 'trang.thai@test.vn'), status: 'действующий' },
      {
        ...vnRow('Công ty TNHH Sai Mã', 'sai.ma@test.vn'),
        country: 'Вьетнам',
        region: 'Hồ Chí Minh',
        sectors: 'Сельское хозяйство',
        joinedOn: '05.03.2024',
        contact1_language: 'tiếng Việt',
      },
      { ...vnRow('Công ty TNHH Đồng Ý Bằng Tiếng Việt', 'dong.y.vi@test.vn'), contact1_outreach: 'có' },
    ]);
    const report = await postFile(t.app, user, new File([rows], 'members.csv', { type: 'text/csv' }));
    const ru = await report.text();
    expect(ru).toContain(
      '<code>contact1_email</code> (Контакт 1: эл. почта): Это не адрес электронной почты.',
    );
    // A refused code, date or yes/no is quoted; a contact's address never is.
    expect(ru).toContain(
      '<code>contact1_outreach</code> (Контакт 1: согласие на предложения о партнёрстве (рассылки)) «maybe»: Укажите да или нет (yes/no, có/không) либо оставьте пустым, чтобы не менять.',
    );
    expect(ru).not.toContain('not-an-email');
    // No list is on screen in a file: the refusal names the values the column takes, and the code a
    // value named in words.
    expect(ru).toContain(
      '<code>status</code> (Статус) «действующий»: Выберите одно из значений списка. Возможно, имелось в виду active (действующий)? Допустимые значения: active, suspended.',
    );
    expect(ru).toContain(
      '<code>country</code> (Страна) «Вьетнам»: Неверный формат. Возможно, имелось в виду VN (Вьетнам)? Ожидается: код ISO: RU, VN.',
    );
    expect(ru).toContain(
      '<code>region</code> (Регион) «Hồ Chí Minh»: Неверный формат. Ожидается: код ISO 3166-2: RU-MOW, VN-HN.',
    );
    expect(ru).toContain(
      '<code>sectors</code> (Отрасли) «Сельское хозяйство»: Выберите одно из значений списка. Возможно, имелось в виду agriculture (сельское хозяйство)?',
    );
    expect(ru).toContain(
      '<code>joinedOn</code> (Дата вступления) «05.03.2024»: Это не дата. Ожидается: ГГГГ-ММ-ДД.',
    );
    expect(ru).toContain(
      '<code>contact1_language</code> (Контакт 1: язык) «tiếng Việt»: Выберите одно из значений списка. Возможно, имелось в виду vi (вьетнамский)? Допустимые значения: ru, vi, en.',
    );
    // "có" is a yes: that row is created.
    expect(ru).toMatch(/<th scope="row">6<\/th><td>Создан<\/td>/);
    await consoleRequest(t.app, user, '/console/settings/locale', { form: { locale: 'vi', return: '/' } });
    // The form explains every column of the export's layout, the ones a new member needs marked.
    const form = await page(user, '/console/members/import');
    const explained = /<details><summary>Nội dung từng cột của tệp<\/summary>.*?<\/details>/s.exec(
      form.html,
    )?.[0];
    expect(explained).toContain(
      '<th scope="row"><code>taxId</code></th><td>Mã số thuế — MST (Việt Nam), INN (Nga)<small> (bắt buộc với hội viên mới)</small></td>',
    );
    expect(explained).toContain(
      '<th scope="row"><code>joinedOn</code></th><td>Ngày gia nhập — YYYY-MM-DD</td>',
    );
    for (const column of layoutColumns(1)) expect(explained).toContain(`<code>${column}</code>`);
    expect(explained).toContain('<code>agriculture</code> (Nông nghiệp)');
    const header = await postFile(
      t.app,
      user,
      new File([`name,country,country\r\nX,VN,VN\r\n`], 'members.csv', { type: 'text/csv' }),
    );
    expect(header.status).toBe(422);
    const vi = await header.text();
    expect(vi).toContain('country (Quốc gia): Cột xuất hiện hai lần.');
    expect(vi).toContain('taxId (Mã số thuế): Thiếu cột bắt buộc.');
    expect(vi).not.toContain('Required column is missing.');
  });

  it('hands a file over the sync limit to an import job and shows its progress and report', async () => {
    // The same app with a sync limit of one row; the session is in the table, so it signs in too.
    const small = createApp({ ...t.deps, importSyncMaxRows: 1 }, [consoleApi]);
    const file = csvOf([
      vnRow('Công ty TNHH Hai Dòng Một', 'mot@haidong.test'),
      vnRow('Công ty TNHH Hai Dòng Hai', 'hai@haidong.test'),
    ]);
    const response = await postFile(small, staff, new File([file], 'big.csv', { type: 'text/csv' }));
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/console\/members\/import\/jobs\/[0-9A-Z]{26}$/);
    await t.jobs.idle();
    // A job not yet run (its queue holds it) polls for its progress, marked as a poll for the session.
    const held = createApp({ ...t.deps, importSyncMaxRows: 1, jobs: { enqueue: async () => {} } }, [
      consoleApi,
    ]);
    const queued = await postFile(held, staff, new File([file.replaceAll('haidong', 'cho')], 'big.csv'));
    const waiting = await consoleRequest(held, staff, queued.headers.get('location')!);
    const polling = await waiting.text();
    expect(polling).toContain('hx-trigger="every 2s"');
    expect(polling).toContain(`hx-headers="{&quot;${pollHeader}&quot;:&quot;1&quot;}"`);
    const job = await page(staff, location);
    expect(job.status).toBe(200);
    expect(job.html).toContain('<strong>Finished</strong>');
    expect(job.html).toContain('2 of 2 rows processed.');
    expect(job.html).toContain('2 created, 0 updated, 0 unchanged, 0 rejected.');
    expect(job.html).not.toContain('hx-trigger="every 2s"');
    const jobId = location.split('/').at(-1)!;
    expect((await page(admin, '/console/audit')).html).toContain(
      `<td>CSV import</td><td>—</td><td>2</td><td><a href="/console/members/import/jobs/${jobId}">queued as job ${jobId}</a></td>`,
    );
    expect(listedIds((await page(staff, '/console/members?q=hai%20dong')).html)).toHaveLength(2);
    expect((await page(staff, '/console/members/import/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y')).status).toBe(404);
  });
});

describe('bulk actions', () => {
  const bulkForm = (memberIds: string[], fields: Record<string, string>) => {
    const form = new URLSearchParams(fields);
    for (const id of memberIds) form.append('id', id);
    return form;
  };

  it('changes status after a confirmation page, member by member, and records it', async () => {
    const chosen = ids.paged.slice(0, 2);
    const ask = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm(chosen, {
        action: 'status',
        status: 'suspended',
        return: '/console/members?region=RU-KLU',
      }),
    });
    expect(ask.status).toBe(200);
    const confirmation = await ask.text();
    expect(confirmation).toContain('Change the status of these 2 members to “Suspended”?');
    expect(confirmation).toContain('name="confirmed" value="1"');
    expect(confirmation).toContain('href="/console/members?region=RU-KLU">Cancel</a>');
    expect(await memberStatus(chosen[0]!)).toBe('active');

    const done = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm(chosen, {
        action: 'status',
        status: 'suspended',
        confirmed: '1',
        return: '/console/members',
      }),
    });
    expect(done.status).toBe(200);
    const results = await done.text();
    expect(results).toContain('2 changed, 0 unchanged, 0 failed.');
    expect(results.match(/<td>Changed<\/td>/g)).toHaveLength(2);
    expect(await memberStatus(chosen[0]!)).toBe('suspended');
    expect(await memberStatus(chosen[1]!)).toBe('suspended');

    const again = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm(chosen, { action: 'status', status: 'suspended', confirmed: '1' }),
    });
    expect(await again.text()).toContain('0 changed, 2 unchanged, 0 failed.');
    expect((await page(admin, '/console/audit')).html).toContain(
      '<td>Bulk status change</td><td>—</td><td>2</td><td>2 changed</td>',
    );
  });

  it('refuses staff reinstating a resigned member, and applies the others', async () => {
    const [resigned, other] = ids.paged.slice(2, 4) as [string, string];
    const resign = await t.call('DELETE', `/v1/members/${resigned}`, {
      token: adminToken,
      headers: { 'if-match': '*' },
    });
    expect(resign.status).toBe(200);
    const done = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm([resigned, other], { action: 'status', status: 'suspended', confirmed: '1' }),
    });
    const results = await done.text();
    expect(results).toContain('1 changed, 0 unchanged, 1 failed.');
    expect(results).toContain('Not allowed for your role: only an admin may reinstate a resigned member.');
    expect(await memberStatus(resigned)).toBe('resigned');
    expect(await memberStatus(other)).toBe('suspended');
    expect((await page(admin, '/console/audit')).html).toContain('<td>1 changed, 1 failed</td>');

    const byAdmin = await consoleRequest(t.app, admin, '/console/members/bulk', {
      form: bulkForm([resigned], { action: 'status', status: 'active', confirmed: '1' }),
    });
    expect(await byAdmin.text()).toContain('1 changed, 0 unchanged, 0 failed.');
    expect(await memberStatus(resigned)).toBe('active');
  });

  it('reports a server error on one member as a failure, and still applies and audits the others', async () => {
    const [broken, fine] = ids.paged.slice(4, 6) as [string, string];
    const patch = MemberService.prototype.patch;
    const failing = vi.spyOn(MemberService.prototype, 'patch').mockImplementation(function (
      this: MemberService,
      id,
      ...rest
    ) {
      if (id === broken) return Promise.reject(new Error('the disk is on fire'));
      return patch.call(this, id, ...rest);
    });
    try {
      const done = await consoleRequest(t.app, staff, '/console/members/bulk', {
        form: bulkForm([broken, fine], { action: 'status', status: 'suspended', confirmed: '1' }),
      });
      expect(done.status).toBe(200);
      const results = await done.text();
      expect(results).toContain('1 changed, 0 unchanged, 1 failed.');
      expect(results).toContain('Something went wrong on our side; it has been logged. Try again.');
      expect(results).not.toContain('the disk is on fire');
    } finally {
      failing.mockRestore();
    }
    expect(await memberStatus(broken)).toBe('active');
    expect(await memberStatus(fine)).toBe('suspended');
    expect((await page(admin, '/console/audit')).html).toContain(
      '<td>Bulk status change</td><td>—</td><td>2</td><td>1 changed, 1 failed</td>',
    );
  });

  it('exports the chosen members after confirmation, and refuses an empty or too large choice', async () => {
    const chosen = [ids.vladkon, ids.bienhoa];
    const ask = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm(chosen, { action: 'export' }),
    });
    const asked = await ask.text();
    expect(asked).toContain('Export these 2 members as CSV?');
    expect(asked).toContain('<p>The CSV file downloads, and this page stays open.</p>');
    expect(asked).toContain('<button type="submit">Download CSV</button>');
    expect(asked).toContain('<a href="/console/members">Back to the members</a>');
    const file = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm(chosen, { action: 'export', confirmed: '1' }),
    });
    expect(file.headers.get('content-type')).toContain('text/csv');
    const csv = await file.text();
    expect(csv).toContain('ООО «Владкон Водоподготовка»');
    expect(csv).toContain('Công ty Cổ phần Đường Biên Hòa');
    expect(csv.trim().split('\r\n')).toHaveLength(3);
    expect((await page(admin, '/console/audit')).html).toContain(
      '<td>Bulk export</td><td>—</td><td>2</td><td>2 exported</td>',
    );
    // The outcome is stored as counts, so each admin reads it in their own language.
    const reader = await consoleSignIn(t.app, 'admin');
    await consoleRequest(t.app, reader, '/console/settings/locale', { form: { locale: 'ru', return: '/' } });
    expect((await page(reader, '/console/audit')).html).toContain(
      '<td>Массовая выгрузка</td><td>—</td><td>2</td><td>выгружено: 2</td>',
    );
    await consoleRequest(t.app, reader, '/console/settings/locale', { form: { locale: 'vi', return: '/' } });
    expect((await page(reader, '/console/audit')).html).toContain(
      '<td>Xuất hàng loạt</td><td>—</td><td>2</td><td>đã xuất: 2</td>',
    );

    // Nothing ticked: back to the list it was asked from, which says so.
    const none = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: { action: 'export', return: '/console/members?country=VN' },
    });
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/console/members?country=VN&notice=none-selected');
    expect((await page(staff, none.headers.get('location')!)).html).toContain(
      '<p role="status">Select at least one member first.</p>',
    );
    const tooMany = Array.from(
      { length: 101 },
      (_, i) => `01JD5Z7Q8N3V2K4M6P8R0T${String(i).padStart(4, '0')}`,
    );
    const over = await consoleRequest(t.app, staff, '/console/members/bulk', {
      form: bulkForm(tooMany, { action: 'status', status: 'active', confirmed: '1' }),
    });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain('At most 100 members per action; select fewer.');
  });
});

describe('languages', () => {
  it('shows the filters, statuses and sectors in Russian and Vietnamese', async () => {
    const user = await consoleSignIn(t.app, 'staff');
    const switchTo = (locale: string) =>
      consoleRequest(t.app, user, '/console/settings/locale', {
        form: { locale, return: '/console/members' },
      });
    try {
      expect((await switchTo('ru')).headers.get('location')).toBe('/console/members');
      const ru = (await page(user, '/console/members?sector=industrial-water-treatment')).html;
      expect(ru).toContain('<html lang="ru">');
      for (const text of ['Фильтры', 'Отрасль', 'Категория', 'Действующий', 'Промышленная водоподготовка']) {
        expect(ru).toContain(text);
      }
      expect(ru).toContain('Россия');
      // The region filter suggests each listed code by its name for the reader, and by its English
      // name for whoever types in Latin letters; the page names the list's URL, in its language.
      expect(ru).toMatch(/<input type="text" name="region"[^>]*list="region-list"/);
      const ruRegions = await suggested(user, ru, 'region-list');
      expect(ruRegions).toContain('<option value="RU-VLA">Владимирская область · Vladimir Oblast</option>');
      expect(ruRegions).toContain('<option value="VN-HN">Ханой · Hanoi</option>');
      // And the country filter every ISO 3166-1 country, by its name in Russian.
      expect(ru).toMatch(/<input type="text" name="country"[^>]*list="country-list"/);
      const ruCountries = await suggested(user, ru, 'country-list');
      expect(ruCountries).toContain('<option value="TH">Таиланд · Thailand</option>');
      expect(ruCountries.match(/<option /g)).toHaveLength(249);
      await switchTo('vi');
      const vi = (await page(user, '/console/members?sector=industrial-water-treatment')).html;
      for (const text of [
        'Bộ lọc',
        'Ngành',
        'Trạng thái',
        'Đang hoạt động',
        'Xử lý nước công nghiệp',
        'Nga',
      ]) {
        expect(vi).toContain(text);
      }
      // In Vietnamese, a name is also suggested to someone typing it without its tones.
      const viRegions = await suggested(user, vi, 'region-list');
      expect(viRegions).toContain('<option value="VN-HN">Hà Nội · Ha Noi</option>');
      expect(viRegions).toContain('<option value="RU-VLA">Tỉnh Vladimir · Tinh Vladimir</option>');
      expect(await suggested(user, vi, 'country-list')).toContain(
        '<option value="TH">Thái Lan · Thai Lan</option>',
      );
      const refused = (await page(user, '/console/members?q=vladkon&interest=logistics')).html;
      expect(refused).toContain('Không thể hiển thị danh sách này.');
      expect(refused).toContain('Tìm theo tên không dùng kèm bộ lọc “Lĩnh vực quan tâm”');
    } finally {
      await switchTo('en');
    }
  });
});

describe('lists of places', () => {
  it('answers each list by code or by name in the language asked, refuses others, and without a session', async () => {
    const user = await consoleSignIn(t.app, 'staff');
    const list = (path: string) => consoleRequest(t.app, user, path);
    const byName = await list('/console/places/countries?lang=ru&by=name');
    expect(byName.status).toBe(200);
    const countries = await byName.text();
    expect(countries).toContain('<option value="Таиланд">TH · Thailand</option>');
    expect(countries).not.toContain('<option value="TH">');
    const regions = await (await list('/console/places/regions?lang=en&by=name')).text();
    expect(regions).toContain('<option value="Hai Duong">VN-61 (part of Hai Phong since 2025)</option>');
    // A province merged in 2025 is offered after those there are now.
    expect(regions.indexOf('Hai Phong')).toBeLessThan(regions.indexOf('Hai Duong'));
    expect(await (await list('/console/places/regions?lang=vi')).text()).toContain(
      '<option value="VN-HN">Hà Nội · Ha Noi</option>',
    );
    expect((await list('/console/places/cities?lang=ru')).status).toBe(404);
    for (const refused of [
      '/console/places/countries',
      '/console/places/countries?lang=de',
      '/console/places/regions?lang=ru&by=id',
    ]) {
      expect((await list(refused)).status, refused).toBe(400);
    }
    // Public names: a field focused after its session ended still gets them, and its cookie is kept.
    const anonymous = await t.app.request('/console/places/countries?lang=ru', {
      headers: { cookie: '__Host-bridge-session=ended-long-ago' },
    });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('set-cookie')).toBeNull();
    expect(await anonymous.text()).toContain('<option value="TH">Таиланд · Thailand</option>');
  });
});

describe("Vietnam's provinces merged in 2025", () => {
  it('lists a province with the members still under the provinces merged into it, and says so', async () => {
    // Hải Phòng (VN-HP) took in Hải Dương (VN-61); no other test here uses either.
    const city = await createMember(
      company({ name: 'Công ty Cảng Hải Phòng', country: 'VN', region: 'VN-HP', taxId: nextMst() }),
    );
    const merged = await createMember(
      company({ name: 'Công ty Gốm Hải Dương', country: 'VN', region: 'VN-61', taxId: nextMst() }),
    );
    const haiPhong = await page(staff, '/console/members?region=VN-HP');
    expect(listedIds(haiPhong.html).sort()).toEqual([city.id, merged.id].sort());
    expect(haiPhong.html).toContain(
      'Hai Phong also lists the members still recorded under the provinces that became part of it in 2025: Hai Duong (VN-61).',
    );
    // By name too, and by the label a record shows it with.
    for (const typed of ['Hải Phòng', 'Хайфон (VN-HP)']) {
      const byName = await page(staff, `/console/members?region=${encodeURIComponent(typed)}`);
      expect(listedIds(byName.html).sort(), typed).toEqual([city.id, merged.id].sort());
    }
    // The merged province by its own code lists its own members, and leads to the whole.
    const haiDuong = await page(staff, '/console/members?region=VN-61&status=active');
    expect(listedIds(haiDuong.html)).toEqual([merged.id]);
    expect(haiDuong.html).toContain(
      'Hai Duong has been part of Hai Phong since 2025; this list holds only the members still recorded under Hai Duong. <a href="/console/members?region=VN-HP&amp;status=active">All of Hai Phong</a>',
    );
  });
});
