/**
 * The console's audit log (/console/audit) against DynamoDB Local: a month's entries filtered by
 * action and by who acted (the month's one Query with a FilterExpression), paged without losing or
 * repeating an entry however sparse the matches, the filters said on the page in the reader's
 * language, and an export's tier by its label in the tier table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEntry, AuditLog } from '../../shared/audit/audit-log.ts';
import { listAuditMonth } from '../../shared/audit/audit-month.ts';
import { StaffRoster } from '../../shared/console/staff-roster.ts';
import { rosterCheckActor } from '../../shared/console/staff-roster-check.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { SettingsRepository } from '../../shared/settings/settings-repository.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;

const month = '2025-03';
const ivan = { sub: 'u-ivan', name: 'ivan.petrov@association.example', role: 'staff' as const };
const lan = { sub: 'u-lan', name: 'lan.nguyen@association.example', role: 'staff' as const };
const apiClient = 'api-client-7';
/** Ivan's exports among Lan's sign-ins, newest first as the page lists them. */
const exportCount = 130;
const signInCount = 160;

beforeAll(async () => {
  t = await createTestApp();
  admin = await consoleSignIn(t.app, 'admin', '/console/audit');
  const roster = new StaffRoster(t.db);
  for (const user of [ivan, lan]) await roster.record({ ...user, signedInAt: '2025-03-01T08:00:00.000Z' });
  await roster.leave(lan.sub, '2025-03-31T18:00:00.000Z');

  // Entries in March 2025, one a minute, ids in the order written (as ULIDs sort).
  let written = 0;
  const at = () => new Date(Date.UTC(2025, 2, 1, 8, written));
  const audit = new AuditLog(t.db, at, () => `E${String(written++).padStart(6, '0')}`);
  const record = (entry: Omit<AuditEntry, 'entryId' | 'at'>) => audit.record(entry);
  // The oldest: the daily check marking Ivan as left, then an API client's export by tier.
  await record({ action: 'staff-left', actor: rosterCheckActor, staffSub: ivan.sub });
  await record({
    action: 'export',
    actor: { sub: apiClient, role: 'staff' },
    filter: 'tier=small&country=VN',
    rows: 4,
  });
  let exports = 0;
  for (let i = 0; i < exportCount + signInCount; i++) {
    if (i % 9 < 4 && exports < exportCount) {
      exports++;
      await record({ action: 'export', actor: ivan, filter: 'country=VN', rows: i });
    } else await record({ action: 'sign-in', actor: lan });
  }
});
afterAll(() => t.drop());

const page = async (path: string) => {
  const response = await consoleRequest(t.app, admin, path);
  return { status: response.status, html: await response.text() };
};
/** The log's rows: those of the page's first table (the layout's shortcuts dialog has one of its own). */
const rows = (html: string) =>
  [...(/<table class="striped">.*?<\/table>/s.exec(html)?.[0] ?? '').matchAll(/<tr><td>.*?<\/tr>/gs)].map(
    ([row]) => row,
  );
const nextLink = (html: string) =>
  /<a href="([^"]*cursor=[^"]*)">Next page<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
const selectOf = (html: string, name: string) =>
  new RegExp(`<label>([^<]*)<select name="${name}">(.*?)</select></label>`, 's').exec(html) ?? [];
const setLocale = (locale: string) =>
  consoleRequest(t.app, admin, '/console/settings/locale', { form: { locale, return: '/console/audit' } });

describe('the audit log’s filters', () => {
  it('shows one action’s entries, a page of 100 full and the next with the rest, the filter kept', async () => {
    const first = await page(`/console/audit?month=${month}&action=export`);
    expect(first.status).toBe(200);
    expect(rows(first.html)).toHaveLength(100);
    for (const row of rows(first.html)) expect(row).toContain('<td>CSV export</td>');
    const next = nextLink(first.html);
    expect(next).toMatch(/^\/console\/audit\?month=2025-03&action=export&cursor=/);
    const second = await page(next!);
    // Ivan's and the API client's: none repeated, none left out, and no further page.
    expect(rows(second.html)).toHaveLength(exportCount + 1 - 100);
    for (const row of rows(second.html)) expect(row).toContain('<td>CSV export</td>');
    expect(nextLink(second.html)).toBeUndefined();
    const when = (html: string) => rows(html).map((row) => /<td>(.*?)<\/td>/.exec(row)?.[1]);
    expect(new Set([...when(first.html), ...when(second.html)]).size).toBe(exportCount + 1);
  });

  it('shows one person’s entries, and both filters at once', async () => {
    const lans = await page(`/console/audit?month=${month}&who=${lan.sub}`);
    expect(rows(lans.html)).toHaveLength(100);
    for (const row of rows(lans.html))
      expect(row).toMatch(
        /<td><span>lan\.nguyen@association\.example<\/span> \(staff\)<\/td><td>Signed in<\/td>/,
      );
    const rest = await page(nextLink(lans.html)!);
    expect(rows(rest.html)).toHaveLength(signInCount - 100);

    const check = await page(`/console/audit?month=${month}&who=${rosterCheckActor.sub}&action=staff-left`);
    expect(rows(check.html)).toEqual([
      expect.stringContaining(
        '<td>Marked as no longer staff</td><td><span>ivan.petrov@association.example</span></td>',
      ),
    ]);
    const none = await page(`/console/audit?month=${month}&who=${ivan.sub}&action=sign-in`);
    expect(rows(none.html)).toEqual([]);
    expect(none.html).toContain('<p>Nothing in this month matches these filters.</p>');
    expect(nextLink(none.html)).toBeUndefined();
  });

  it('offers the actions and the people in the form, the chosen ones selected, and says what is applied', async () => {
    const { html } = await page(`/console/audit?month=${month}&action=staff-left&who=${lan.sub}`);
    const [, actionLabel, actions] = selectOf(html, 'action');
    expect(actionLabel).toBe('Action');
    expect(actions).toContain('<option value="">All actions</option>');
    expect(actions).toContain('<option value="staff-left" selected="">Marked as no longer staff</option>');
    expect(actions).toContain('<option value="bulk-status">Bulk status change</option>');
    const [, whoLabel, people] = selectOf(html, 'who');
    expect(whoLabel).toBe('Who');
    expect(people).toContain('<option value="">Everyone</option>');
    expect(people).toContain(`<option value="${ivan.sub}">${ivan.name}</option>`);
    expect(people).toContain(`<option value="${lan.sub}" selected="">${lan.name} (no longer staff)</option>`);
    expect(people).toContain(
      `<option value="${rosterCheckActor.sub}">Daily check against the sign-in service</option>`,
    );
    expect(html).toContain('<input type="month" name="month" value="2025-03"/>');
    expect(html).toContain(
      `<p><strong>Filters:</strong> Action: Marked as no longer staff · Who: ${lan.name}. <a href="/console/audit?month=2025-03">Show all entries of the month</a></p>`,
    );
    // Unfiltered: everyone's, and nothing said about filters.
    const all = await page(`/console/audit?month=${month}`);
    expect(all.html).not.toContain('Filters:');
    expect(rows(all.html)).toHaveLength(100);
    expect(rows(all.html).some((row) => row.includes('Signed in'))).toBe(true);
    expect(rows(all.html).some((row) => row.includes('CSV export'))).toBe(true);
  });

  it('keeps an id the roster does not name as a choice, and ignores an action it does not know', async () => {
    const { html } = await page(`/console/audit?month=${month}&who=${apiClient}&action=delete-everything`);
    expect(selectOf(html, 'who')[2]).toContain(
      `<option value="${apiClient}" selected="">${apiClient}</option>`,
    );
    expect(selectOf(html, 'action')[2]).toContain('<option value="" selected="">All actions</option>');
    expect(rows(html)).toHaveLength(1);
    expect(html).toContain(`<strong>Filters:</strong> Who: ${apiClient}.`);
  });

  it('refuses a cursor of one filter’s pages on another’s', async () => {
    const first = await page(`/console/audit?month=${month}&action=export`);
    const cursor = new URL(nextLink(first.html)!, 'http://x').searchParams.get('cursor')!;
    expect((await page(`/console/audit?month=${month}&action=sign-in&cursor=${cursor}`)).status).toBe(400);
  });

  it('says the filters in Russian and Vietnamese', async () => {
    try {
      await setLocale('ru');
      const ru = (await page(`/console/audit?month=${month}&action=export&who=${apiClient}`)).html;
      expect(selectOf(ru, 'action')[1]).toBe('Действие');
      expect(ru).toContain('<option value="">Все действия</option>');
      expect(selectOf(ru, 'who')[1]).toBe('Кто');
      expect(ru).toContain('<option value="">Все</option>');
      expect(ru).toContain(`<option value="${lan.sub}">${lan.name} (больше не в штате)</option>`);
      expect(ru).toContain(`<strong>Фильтры:</strong> Действие: Выгрузка CSV · Кто: ${apiClient}.`);
      expect(ru).toContain('Показать все записи за месяц');
      const ruNone = (await page(`/console/audit?month=${month}&action=import`)).html;
      expect(ruNone).toContain('За этот месяц нет записей, подходящих под фильтры.');
      await setLocale('vi');
      const vi = (await page(`/console/audit?month=${month}&action=export&who=${apiClient}`)).html;
      expect(selectOf(vi, 'action')[1]).toBe('Thao tác');
      expect(vi).toContain('<option value="">Tất cả thao tác</option>');
      expect(selectOf(vi, 'who')[1]).toBe('Người thực hiện');
      expect(vi).toContain(`<strong>Bộ lọc:</strong> Thao tác: Xuất CSV · Người thực hiện: ${apiClient}.`);
      expect(vi).toContain('Xem tất cả bản ghi trong tháng');
    } finally {
      await setLocale('en');
    }
  });
});

describe('a sparse filter’s pages', () => {
  it('reads a bounded part of the month per page, offers the rest, and never skips or repeats an entry', async () => {
    const cursors = await t.deps.cursors();
    // Two rows a page: at most 20 entries a round, 5 rounds, so 100 entries read a page; the daily
    // check's entry is behind 291 newer ones.
    const first = await listAuditMonth(t.db, month, { limit: 2, cursors, filter: { action: 'staff-left' } });
    expect(first.entries).toEqual([]);
    expect(first.next).not.toBeNull();
    const pages = [first];
    while (pages.at(-1)!.next) {
      pages.push(
        await listAuditMonth(t.db, month, {
          limit: 2,
          cursor: pages.at(-1)!.next!,
          cursors,
          filter: { action: 'staff-left' },
        }),
      );
    }
    expect(pages.flatMap((p) => p.entries).map((e) => e.staffSub)).toEqual([ivan.sub]);
    expect(pages.length).toBeGreaterThan(2);

    // A page that finds more than it has room for continues after the last entry it shows.
    const everyExport = (await listAuditMonth(t.db, month, { limit: 1000, cursors })).entries.filter(
      (e) => e.action === 'export',
    );
    const paged: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const next = await listAuditMonth(t.db, month, {
        limit: 7,
        cursor,
        cursors,
        filter: { action: 'export' },
      });
      expect(next.entries.length).toBeLessThanOrEqual(7);
      paged.push(...next.entries);
      cursor = next.next ?? undefined;
    } while (cursor);
    expect(paged.map((e) => e.entryId)).toEqual(everyExport.map((e) => e.entryId));
  });

  it('ends an unfiltered month on its last page, with no cursor to an empty one', async () => {
    const cursors = await t.deps.cursors();
    const all = (await listAuditMonth(t.db, month, { limit: 1000, cursors })).entries;
    const whole = await listAuditMonth(t.db, month, { limit: all.length, cursors });
    expect(whole.entries).toHaveLength(all.length);
    expect(whole.next).toBeNull();
    const first = await listAuditMonth(t.db, month, { limit: all.length - 1, cursors });
    const rest = await listAuditMonth(t.db, month, { limit: all.length - 1, cursor: first.next!, cursors });
    expect(rest.entries.map((e) => e.entryId)).toEqual([all.at(-1)!.entryId]);
    expect(rest.next).toBeNull();
  });
});

describe('an export’s tier on the audit log', () => {
  it('is named by its label in the reader’s language, as the tier table has it', async () => {
    const labels = { ru: 'Малый бизнес', vi: 'Doanh nghiệp quy mô nhỏ' };
    const table = {
      ...seedTierTable,
      tiers: seedTierTable.tiers.map((tier) =>
        tier.name === 'small' ? { ...tier, label: 'Small business', labels } : tier,
      ),
    };
    await new SettingsRepository(t.db).put('tiers', table, 0, new Date());
    const path = `/console/audit?month=${month}&who=${apiClient}`;
    expect((await page(path)).html).toContain(
      '<td>Tier: Small business · Country: Vietnam <a href="/console/members?tier=small&amp;country=VN">Open this view</a></td>',
    );
    try {
      await setLocale('ru');
      expect((await page(path)).html).toContain('<td>Категория: Малый бизнес · Страна: Вьетнам <a');
      await setLocale('vi');
      expect((await page(path)).html).toContain('<td>Hạng: Doanh nghiệp quy mô nhỏ · Quốc gia: Việt Nam <a');
    } finally {
      await setLocale('en');
    }
  });
});
