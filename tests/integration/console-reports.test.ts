/**
 * The console's reports on DynamoDB Local: the tier table's figures are the API's for the same data
 * (in the table currency and in another), each table has its chart (one bar per row, a title), and
 * the pipeline and an event's report render their figures; labels in Russian and Vietnamese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, formatNumber } from '../../shared/console/i18n/format.ts';
import type { Locale } from '../../shared/console/i18n/locales.ts';
import type { Currency } from '../../shared/domain/money.ts';
import { eventCounters } from '../../shared/events/event-report-lines.ts';
import { eventCreateExample } from '../../shared/events/event-schema.ts';
import { company } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let cookie: string;

interface Money {
  amount: number;
  currency: Currency;
}
interface TierReport {
  currency: Currency;
  tiers: {
    tier: string;
    label: string | null;
    memberCount: number;
    revenue: Money;
    duesExpected: Money | null;
  }[];
  totals: { memberCount: number; revenue: Money; duesExpected: Money };
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();
/** The text of an HTML fragment, tags dropped and whitespace folded. */
const textOf = (html: string) =>
  fold(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );

/** The rows of the table with this id: each row's cells' text, the row header first. */
function rowsOf(html: string, tableId: string, part: 'tbody' | 'tfoot' = 'tbody'): string[][] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = new RegExp(`<${part}>([\\s\\S]*?)</${part}>`).exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!)),
  );
}

/** The SVG chart labelled by `<id>-title`. */
function chartOf(html: string, id: string): string {
  return new RegExp(`<svg[^>]*aria-labelledby="${id}-title"[^>]*>[\\s\\S]*?</svg>`).exec(html)?.[0] ?? '';
}

/** A chart's bars in order: each one's label, its length and the figure printed beside it. */
function barsOf(chart: string): { label: string; width: number; shown: string }[] {
  return [...chart.matchAll(/<g>([\s\S]*?)<\/g>/g)].map(([, bar]) => {
    const [label = '', shown = ''] = [...bar!.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((t) =>
      textOf(t[1]!),
    );
    return { label, width: Number(/<rect [^>]*width="(\d+)"/.exec(bar!)?.[1]), shown };
  });
}

async function page(path: string, status = 200): Promise<string> {
  const response = await consoleRequest(t.app, cookie, path);
  const html = await response.text();
  expect(response.status, html.slice(0, 500)).toBe(status);
  return html;
}

async function useLocale(locale: Locale) {
  const response = await consoleRequest(t.app, cookie, '/console/settings/locale', {
    form: { locale, return: '/console/reports' },
  });
  expect(response.status).toBe(303);
}

async function apiJson<T>(path: string): Promise<T> {
  const response = await t.call('GET', path, { token: staff });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

async function member(revenue: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: { ...company(overrides), verifiedRevenue: { amount: revenue, currency: 'RUB' } },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The table's figures as the console must write them, from the API's JSON. */
function expectedTierRows(report: TierReport, locale: Locale): string[][] {
  return report.tiers.map((line) => [
    fold(formatNumber(locale, line.memberCount)),
    fold(formatMoney(locale, line.revenue)),
    line.duesExpected ? fold(formatMoney(locale, line.duesExpected)) : '—',
  ]);
}

let members: string[];
let eventId: string;
let campaignId: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  cookie = await consoleSignIn(t.app, 'staff', '/console/reports');
  members = [
    await member(45_000_000_000),
    await member(46_000_000_000),
    await member(2_000_000_000),
    await member(900_000_000_000),
    await member(120_000_000_000, { name: 'ООО «Отчёт»', languages: ['ru'] }),
  ];
  const lead = await t.call('POST', '/v1/leads', {
    token: staff,
    body: {
      memberId: members[0],
      otherMemberId: members[1],
      topic: 'energy',
      source: { type: 'inbound' },
      estimatedValue: { amount: 1_000_000, currency: 'USD' },
    },
  });
  expect(lead.status, await lead.clone().text()).toBe(201);
  const campaign = await t.call('POST', '/v1/campaigns', {
    token: staff,
    body: {
      name: 'Энергетика: партнёры во Вьетнаме',
      segment: { sectors: ['energy'] },
      replyTo: 'partnerships@example.org',
      variants: { ru: { subject: 'Вьетнам', html: '<p>{{companyName}}</p>', text: '{{companyName}}' } },
    },
  });
  campaignId = ((await campaign.json()) as { id: string }).id;
  const fromCampaign = await t.call('POST', '/v1/leads', {
    token: staff,
    body: {
      memberId: members[2],
      otherMemberId: members[3],
      topic: 'energy',
      source: { type: 'campaign', campaignId },
    },
  });
  expect(fromCampaign.status, await fromCampaign.clone().text()).toBe(201);
  await t.pipeline.idle();

  const event = await t.call('POST', '/v1/events', { token: staff, body: eventCreateExample });
  eventId = ((await event.json()) as { id: string }).id;
  await t.call('PATCH', `/v1/events/${eventId}`, {
    token: staff,
    body: { state: 'open' },
    headers: { 'if-match': '*' },
  });
  for (const id of members.slice(0, 2)) {
    const contacts = (await apiJson<{ contacts: { id: string }[] }>(`/v1/members/${id}`)).contacts;
    const registered = await t.call('POST', `/v1/events/${eventId}/participants`, {
      token: staff,
      body: {
        memberId: id,
        delegates: [{ contactId: contacts[0]!.id }],
        offers: ['energy'],
        needs: ['trade'],
      },
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
  }
  const asked = await t.call('POST', `/v1/events/${eventId}/requests`, {
    token: staff,
    body: { from: members[0], to: members[1], priority: 'must', reason: 'Energy and trade.' },
  });
  const request = (await asked.json()) as { id: string };
  await t.call('POST', `/v1/events/${eventId}/requests/${request.id}/accept`, { token: staff });
});
afterAll(() => t.drop());

describe('console reports', () => {
  it('show the tier report with the API’s figures, in the table currency and in another', async () => {
    for (const currency of ['', 'USD']) {
      const query = currency ? `?currency=${currency}` : '';
      const report = await apiJson<TierReport>(`/v1/reports/tiers${query}`);
      expect(report.totals.memberCount).toBeGreaterThanOrEqual(4);
      const html = await page(`/console/reports${query}`);
      const rows = rowsOf(html, 'tier-report');
      expect(rows.map((cells) => cells.slice(1))).toEqual(expectedTierRows(report, 'en'));
      expect(rows.map((cells) => cells[0])).toEqual(report.tiers.map((line) => line.label ?? line.tier));
      expect(rowsOf(html, 'tier-report', 'tfoot')[0]!.slice(1)).toEqual([
        fold(formatNumber('en', report.totals.memberCount)),
        fold(formatMoney('en', report.totals.revenue)),
        fold(formatMoney('en', report.totals.duesExpected)),
      ]);
      expect(html).toMatch(new RegExp(`<option value="${report.currency}" selected`));

      // One bar per row of the table, the chart named by its title.
      const chart = chartOf(html, 'tier-chart');
      expect(chart).toContain('role="img"');
      expect(chart).toContain('<title id="tier-chart-title">Members per tier</title>');
      // Its title shown above it, and a box of its own to scroll in at a phone's width.
      expect(html).toContain(
        '<figcaption aria-hidden="true">Members per tier</figcaption><div class="overflow-auto"><svg class="chart"',
      );
      expect([...chart.matchAll(/<rect /g)]).toHaveLength(rows.length);
      expect(chart).not.toContain('style=');
      // Bars in proportion to the members: the small tier has two, the others one each.
      const widths = [...chart.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
      const most = Math.max(...report.tiers.map((line) => line.memberCount));
      expect(most).toBe(2);
      expect(widths.map((w) => w / Math.max(...widths))).toEqual(
        report.tiers.map((line) => line.memberCount / most),
      );

      // The revenue per tier: each bar prints the table's figure, the longest is the largest revenue.
      const revenue = barsOf(chartOf(html, 'tier-revenue-chart'));
      expect(html).toContain('<title id="tier-revenue-chart-title">Verified revenue</title>');
      expect(revenue.map((bar) => bar.shown)).toEqual(rows.map((cells) => cells[2]));
      const amounts = report.tiers.map((line) => line.revenue.amount);
      expect(amounts.some((amount) => amount > 0)).toBe(true);
      expect(revenue.map((bar) => bar.width > 0)).toEqual(amounts.map((amount) => amount > 0));
      expect(revenue.findIndex((bar) => bar.width === Math.max(...revenue.map((b) => b.width)))).toBe(
        amounts.indexOf(Math.max(...amounts)),
      );
    }
  });

  it('render the pipeline by stage with its chart, and the days per stage', async () => {
    const report = await apiJson<{ byStage: { key: string; leads: number }[] }>('/v1/reports/pipeline');
    const html = await page('/console/reports/pipeline');
    expect(report.byStage.find((line) => line.key === 'new')!.leads).toBeGreaterThanOrEqual(1);
    const text = textOf(html);
    for (const line of report.byStage) {
      const label = {
        new: 'New',
        contacted: 'Contacted',
        meeting: 'Meeting',
        negotiating: 'Negotiating',
        won: 'Won',
        lost: 'Lost',
      }[line.key]!;
      expect(text).toContain(`${label} ${line.leads}`);
    }
    const chart = chartOf(html, 'stage-chart');
    expect([...chart.matchAll(/<rect /g)]).toHaveLength(report.byStage.length);
    expect(chart).toContain('<title id="stage-chart-title">Leads per stage</title>');
    expect(text).toContain('Inbound 1');
    // A campaign's line is its name, linked to it; the API's line names its id.
    const byCampaign = /<h3 id="by-campaign">.*?<\/table>/s.exec(html)?.[0] ?? '';
    expect(byCampaign).toContain(
      `<th scope="row"><a href="/console/campaigns/${campaignId}">Энергетика: партнёры во Вьетнаме</a></th>`,
    );
    expect(text).toContain('Days spent in each stage');
    // The funnel as the API counts it; the by-stage table has no won or conversion columns (0 or 100 %).
    const { funnel } = await apiJson<{
      funnel: { stage: string; entered: number; movedOn: number; conversion: number }[];
    }>('/v1/reports/pipeline');
    const funnelTable = /<h3 id="funnel">.*?<\/table>/s.exec(html)?.[0] ?? '';
    for (const step of funnel) {
      expect(funnelTable).toMatch(
        new RegExp(
          `<th scope="row">[^<]+</th><td class="number">${step.entered}</td><td class="number">${step.movedOn}</td>`,
        ),
      );
    }
    const stageHead = /<h3 id="by-stage">.*?<\/thead>/s.exec(html)?.[0] ?? '';
    expect(stageHead).not.toContain('Conversion');
    // The lead's value as entered, and at today's rate in the report's currency, as the API gives them.
    const stages = await apiJson<{
      byStage: { key: string; leads: number; value: Money[]; valueConverted: Money }[];
    }>('/v1/reports/pipeline');
    const fresh = stages.byStage.find((line) => line.key === 'new')!;
    expect(text).toContain(
      fold(
        `New ${fresh.leads} ${formatMoney('en', fresh.value[0]!)} ${formatMoney('en', fresh.valueConverted)}`,
      ),
    );

    // USD had no rate before 2026: the API refuses the date, the console says so and shows today's.
    expect((await t.call('GET', '/v1/reports/pipeline?asOf=2025-06-01', { token: staff })).status).toBe(422);
    await useLocale('vi');
    const refused = await consoleRequest(t.app, cookie, '/console/reports/pipeline?asOf=2025-06-01');
    expect(refused.status).toBe(422);
    expect(textOf(await refused.text())).toContain('chưa có tỷ giá vào ngày');
    await useLocale('en');
  });

  it('list the events and render one’s report with the API’s counters', async () => {
    const list = await page('/console/reports/events');
    expect(list).toContain(`href="/console/reports/events/${eventId}"`);
    const report = await apiJson<{ total: Record<string, number> }>(`/v1/reports/events/${eventId}`);
    expect(report.total.requests).toBe(1);
    expect(report.total.accepted).toBe(1);
    const html = await page(`/console/reports/events/${eventId}`);
    const text = textOf(html);
    expect(text).toContain(`Report: ${eventCreateExample.name.en}`);
    // Its two charts, a bar per counter and per stage, each printing the API's figure.
    const counters = barsOf(chartOf(html, 'event-chart'));
    expect(counters.map((bar) => bar.shown)).toEqual(eventCounters.map((c) => String(report.total[c] ?? 0)));
    expect(counters.slice(0, 2).map((bar) => [bar.label, bar.width > 0])).toEqual([
      ['Requests', true],
      ['Accepted', true],
    ]);
    expect(counters.find((bar) => bar.label === 'Declined')?.width).toBe(0);
    const stages = barsOf(chartOf(html, 'event-leads-chart'));
    expect(stages.map((bar) => bar.label)).toEqual([
      'New',
      'Contacted',
      'Meeting',
      'Negotiating',
      'Won',
      'Lost',
    ]);
    expect(text).toContain(`Requests ${report.total.requests} Accepted ${report.total.accepted} Declined 0`);
    // The requests add up: none here is left unanswered.
    expect(text).toContain('Not answered (pending, expired or withdrawn) 0 Acceptance rate 100.0%');
    expect(text).toContain('Russia – Russia');
    await page('/console/reports/events/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', 404);
  });

  it('speak Russian and Vietnamese, numbers and money in each language’s way', async () => {
    const report = await apiJson<TierReport>('/v1/reports/tiers');
    await useLocale('ru');
    const ru = await page('/console/reports');
    expect(ru).toContain('<html lang="ru">');
    expect(textOf(ru)).toContain('Участники, выручка и ожидаемые взносы по категориям');
    // It says whom it leaves out, as the directory lists them.
    expect(textOf(ru)).toContain('без оценки и вышедшие взносов не платят и здесь не считаются');
    expect(textOf(ru)).toContain('Итого');
    expect(rowsOf(ru, 'tier-report').map((cells) => cells.slice(1))).toEqual(expectedTierRows(report, 'ru'));
    expect(textOf(await page('/console/reports/pipeline'))).toContain('Сделки по этапам');
    expect(textOf(await page(`/console/reports/events/${eventId}`))).toContain('Доля принятых заявок');

    await useLocale('vi');
    const vi = await page('/console/reports');
    expect(textOf(vi)).toContain('Hội viên, doanh thu và hội phí dự kiến theo hạng');
    expect(rowsOf(vi, 'tier-report').map((cells) => cells.slice(1))).toEqual(expectedTierRows(report, 'vi'));
    expect(textOf(await page('/console/reports/pipeline'))).toContain('Cơ hội theo giai đoạn');
    expect(textOf(await page(`/console/reports/events/${eventId}`))).toContain('Tỷ lệ chấp nhận');
    await useLocale('en');
  });

  it('name each stage in its texts by the label the board shows it under', async () => {
    for (const locale of ['ru', 'vi', 'en'] as const) {
      await useLocale(locale);
      // The board's column headings: the stage's label, then its count.
      const board = await page('/console/leads');
      const label = (stage: string) =>
        textOf(new RegExp(`<h2 id="stage-${stage}">([^<]*)`).exec(board)?.[1] ?? '');
      const [won, contacted] = [label('won'), label('contacted')];
      expect(won.length).toBeGreaterThan(2);
      const open = locale === 'ru' ? '«' : '“';
      const close = locale === 'ru' ? '»' : '”';
      const html = await page('/console/reports/pipeline');
      const note = textOf(/<h3 id="funnel">.*?<p>(.*?)<\/p>/s.exec(html)?.[1] ?? '');
      expect(note).toContain(`${open}${won}${close}`);
      expect(note).toContain(`${open}${contacted}${close}`);
      // The by-source table's won columns say the same word (in Russian, of a count: «Заключено»).
      const sourceHead = textOf(/<h3 id="by-source">.*?<\/thead>/s.exec(html)?.[0] ?? '');
      expect(sourceHead.toLowerCase().replaceAll('ё', 'е')).toContain(won.slice(0, -1).toLowerCase());
      if (locale !== 'ru') continue;
      const ru = textOf(html);
      expect(ru).toContain('после переговоров — «Заключена»');
      expect(sourceHead).toContain('Сделок Заключено Конверсия');
      expect(sourceHead).toContain('Сумма заключённых');
      expect(ru).not.toMatch(/Успех|Выигр|выигр/);
    }
  });

  it('show the report in the table currency, saying why, for a currency without a rate', async () => {
    // Rates for USD alone: THB has none in force (the API's 422).
    const admin = await t.token('admin');
    const rates = await t.call('GET', '/v1/exchange-rates', { token: admin });
    const replaced = await t.call('PUT', '/v1/exchange-rates', {
      token: admin,
      body: { base: 'RUB', rates: [{ currency: 'USD', perUnit: '92.5', validFrom: '2026-01-01' }] },
      headers: { 'if-match': rates.headers.get('etag')! },
    });
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    await t.jobs.idle();
    expect((await t.call('GET', '/v1/reports/tiers?currency=THB', { token: staff })).status).toBe(422);
    const report = await apiJson<TierReport>('/v1/reports/tiers');
    await useLocale('ru');
    const response = await consoleRequest(t.app, cookie, '/console/reports?currency=THB');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(textOf(html)).toContain(`Курс THB не задан; показатели в ${report.currency}.`);
    expect(rowsOf(html, 'tier-report').map((cells) => cells.slice(1))).toEqual(
      expectedTierRows(report, 'ru'),
    );
    await useLocale('en');
  });
});
