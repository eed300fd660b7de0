/**
 * The console's pipeline on DynamoDB Local: the board's columns and owner filter, overdue next actions,
 * moves through the cards' and the lead page's forms (the API's stage rules and versions, in the
 * reader's language), the lead page's timeline and activities, saved views, and board.js as an asset.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import type { Lead } from '../support/leads.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let cookie: string;
let memberId: string;
/** The console's staff user, as the local sign-in names it: what `owner=me` means on the board. */
const me = 'dev-staff';

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  cookie = await consoleSignIn(t.app, 'staff', '/console/leads');
  const response = await t.call('POST', '/v1/members', { token: staff, body: company() });
  expect(response.status, await response.clone().text()).toBe(201);
  memberId = ((await response.json()) as { id: string }).id;
});
afterAll(() => t.drop());

let serial = Date.now() % 100_000;

/** A lead between the member and a new partner (one open lead per two companies and topic). */
async function openLead(extra: Record<string, unknown> = {}): Promise<Lead> {
  const n = serial++;
  const partner = await t.call('POST', '/v1/partners', {
    token: staff,
    body: {
      name: `Công ty Đối tác ${n}`,
      latinName: `Cong ty Doi tac ${n}`,
      country: 'VN',
      sectors: ['logistics'],
      contacts: [{ name: 'Lan', email: `lan.${n}@pipeline.test`, language: 'vi' }],
    },
  });
  expect(partner.status, await partner.clone().text()).toBe(201);
  const partnerId = ((await partner.json()) as { id: string }).id;
  const response = await t.call('POST', '/v1/leads', {
    token: staff,
    body: {
      memberId,
      partnerId,
      topic: 'logistics',
      source: { type: 'referral', by: 'Торгпредство' },
      ...extra,
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Lead;
}

async function moveByApi(id: string, ...stages: string[]) {
  for (const to of stages) {
    const response = await t.call('POST', `/v1/leads/${id}/transitions`, { token: staff, body: { to } });
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

async function read(id: string): Promise<Lead> {
  const response = await t.call('GET', `/v1/leads/${id}`, { token: staff });
  expect(response.status).toBe(200);
  return (await response.json()) as Lead;
}

async function page(path: string) {
  const response = await consoleRequest(t.app, cookie, path);
  return { status: response.status, html: await response.text() };
}

const post = (path: string, form: Record<string, string>) => consoleRequest(t.app, cookie, path, { form });

async function useLocale(locale: 'ru' | 'vi' | 'en') {
  const response = await post('/console/settings/locale', { locale, return: '/console/leads' });
  expect(response.status).toBe(303);
}

/** The stage of the board column whose section holds the lead's card, or undefined if none does. */
function columnOf(html: string, leadId: string): string | undefined {
  const columns = html.split('<section aria-labelledby="stage-').slice(1);
  const column = columns.find((c) => c.includes(`href="/console/leads/${leadId}"`));
  return column?.slice(0, column.indexOf('"'));
}

/** The card (its <article>) that links the lead. */
function cardOf(html: string, leadId: string): string {
  const at = html.indexOf(`href="/console/leads/${leadId}"`);
  expect(at, `no card for ${leadId}`).toBeGreaterThan(0);
  const start = html.lastIndexOf('<article', at);
  return html.slice(start, html.indexOf('</article>', at));
}

describe('the board', () => {
  let mine: Lead;
  let nobodys: Lead;
  let theirs: Lead;
  beforeAll(async () => {
    mine = await openLead({ owner: me, estimatedValue: { amount: 1_250_000, currency: 'RUB' } });
    nobodys = await openLead();
    theirs = await openLead({ owner: 'someone-else' });
    await moveByApi(theirs.id, 'contacted');
  });

  it('shows each lead in its stage column, with companies as stored, value and owner', async () => {
    const { status, html } = await page('/console/leads');
    expect(status).toBe(200);
    expect(columnOf(html, mine.id)).toBe('new');
    expect(columnOf(html, nobodys.id)).toBe('new');
    expect(columnOf(html, theirs.id)).toBe('contacted');
    for (const stage of ['new', 'contacted', 'meeting', 'negotiating', 'won', 'lost']) {
      expect(html).toContain(
        `<section aria-labelledby="stage-${stage}" data-stage="${stage}"><h2 id="stage-${stage}">`,
      );
    }
    const card = cardOf(html, mine.id);
    expect(card).toContain('ООО «Тест');
    expect(card).toContain('Công ty Đối tác');
    expect(card).toContain('12,500.00');
    expect(card).toContain(me);
    expect(card).toContain('draggable="true"');
    expect(card).toContain('data-moves="contacted lost"');
    expect(card).toMatch(
      /<select id="move-[0-9A-Z]{26}" name="to"><option value="contacted">Contacted<\/option>/,
    );
  });

  it('narrows to mine, to unassigned, and to one owner', async () => {
    const mineOnly = (await page('/console/leads?owner=me')).html;
    expect(columnOf(mineOnly, mine.id)).toBe('new');
    expect(columnOf(mineOnly, nobodys.id)).toBeUndefined();
    expect(columnOf(mineOnly, theirs.id)).toBeUndefined();
    const unassigned = (await page('/console/leads?owner=none')).html;
    expect(columnOf(unassigned, nobodys.id)).toBe('new');
    expect(columnOf(unassigned, mine.id)).toBeUndefined();
    const one = (await page('/console/leads?owner=someone-else')).html;
    expect(columnOf(one, theirs.id)).toBe('contacted');
    expect(columnOf(one, mine.id)).toBeUndefined();
  });

  it('reads owners by name, from the roster of who signed in; an id never signed in with as itself', async () => {
    const { html } = await page('/console/leads');
    // The local sign-in gives the staff user this name; the roster keeps it from the sign-in on.
    expect(cardOf(html, mine.id)).toContain('Owner: dev-staff@bridge-crm.localhost');
    expect(cardOf(html, theirs.id)).toContain('Owner: someone-else');
    const filter = /<select name="owner">(.*?)<\/select>/s.exec(html)?.[1] ?? '';
    expect(filter).toContain('<option value="dev-staff">dev-staff@bridge-crm.localhost</option>');
    expect(filter).not.toContain('someone-else');
    const theirsOnly = (await page('/console/leads?owner=someone-else')).html;
    expect(theirsOnly).toContain('<option value="someone-else" selected="">someone-else</option>');

    const record = (await page(`/console/leads/${mine.id}`)).html;
    const owner = /<select id="edit-owner" name="owner">(.*?)<\/select>/s.exec(record)?.[1] ?? '';
    expect(owner).toContain('<option value="">Unassigned</option>');
    expect(owner).toContain('<option value="dev-staff" selected="">dev-staff@bridge-crm.localhost</option>');
    // Who worked it: the API's token user as its id, the console's user by name.
    expect(record).toContain('· by local-staff');
    const noted = await post(`/console/leads/${mine.id}/activities`, { type: 'note', text: 'Позвонил' });
    expect(noted.status).toBe(303);
    expect((await page(`/console/leads/${mine.id}`)).html).toContain('· by dev-staff@bridge-crm.localhost');
  });

  it('names the stages in the reader’s language', async () => {
    await useLocale('ru');
    const ru = (await page('/console/leads')).html;
    await useLocale('vi');
    const vi = (await page('/console/leads')).html;
    await useLocale('en');
    expect(ru).toContain('<h2 id="stage-negotiating">Переговоры');
    expect(vi).toContain('<h2 id="stage-negotiating">Đàm phán');
  });

  it('marks an overdue next action in words as well as colour, and lists it as overdue', async () => {
    const late = await openLead({ nextAction: { text: 'Отправить спецификацию', due: '2020-03-01' } });
    const ahead = await openLead({ nextAction: { text: 'Call after the fair', due: '2099-01-20' } });
    const { html } = await page('/console/leads');
    const lateCard = cardOf(html, late.id);
    expect(lateCard).toContain('class="overdue"');
    expect(lateCard).toContain('overdue</strong>');
    expect(lateCard).toContain('Отправить спецификацию');
    const aheadCard = cardOf(html, ahead.id);
    expect(aheadCard).toContain('Call after the fair');
    expect(aheadCard).not.toContain('overdue');
    const overdue = (await page('/console/leads?overdue=true')).html;
    expect(overdue).toContain(`/console/leads/${late.id}`);
    expect(overdue).not.toContain(`/console/leads/${ahead.id}`);
  });

  it('lists a member’s leads, and a stage’s, as tables of one Query each', async () => {
    const byMember = await page(`/console/leads?memberId=${memberId}`);
    expect(byMember.status).toBe(200);
    expect(byMember.html).toContain(`Member: <a href="/console/members/${memberId}">`);
    expect(byMember.html).toContain(`<a href="/console/leads/${mine.id}">`);
    expect(byMember.html).toContain(`<a href="/console/leads/${theirs.id}">`);
    const contacted = await page('/console/leads?stage=contacted');
    expect(contacted.html).toContain('<h1>Leads: Contacted</h1>');
    expect(contacted.html).toContain(`<a href="/console/leads/${theirs.id}">`);
    expect(contacted.html).not.toContain(`<a href="/console/leads/${mine.id}">`);
  });

  it('combines filters, keeping them in the owner filter, and shows the stage of an overdue list', async () => {
    const mineOfMember = await page(`/console/leads?memberId=${memberId}&owner=me`);
    expect(mineOfMember.status).toBe(200);
    expect(mineOfMember.html).toContain(`<a href="/console/leads/${mine.id}">`);
    expect(mineOfMember.html).not.toContain(`<a href="/console/leads/${theirs.id}">`);
    expect(mineOfMember.html).not.toContain(`<a href="/console/leads/${nobodys.id}">`);
    // The owner filter carries the member along, so changing the owner keeps the member's list.
    expect(mineOfMember.html).toContain(`<input type="hidden" name="memberId" value="${memberId}"/>`);
    const contactedOfMember = await page(`/console/leads?stage=contacted&memberId=${memberId}`);
    expect(contactedOfMember.html).toContain('<h1>Leads: Contacted</h1>');
    expect(contactedOfMember.html).toContain(`<a href="/console/leads/${theirs.id}">`);
    expect(contactedOfMember.html).not.toContain(`<a href="/console/leads/${mine.id}">`);
    const overdueNew = await page('/console/leads?overdue=true&stage=new');
    expect(overdueNew.status).toBe(200);
    expect(overdueNew.html).toContain('Stage: New');
  });

  it('refuses a campaign’s overdue leads, saying why', async () => {
    const { status, html } = await page('/console/leads?overdue=true&campaignId=01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    expect(status).toBe(400);
    expect(html).toContain('A campaign’s leads and the overdue list cannot be combined');
  });

  it('saves the filters as a view and lists it', async () => {
    const saved = await post('/console/leads/views', { name: 'Мои сделки', query: 'owner=me&nonsense=1' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/console/leads?owner=me');
    const { html } = await page('/console/leads');
    expect(html).toContain('<a href="/console/leads?owner=me">Мои сделки</a>');
    const empty = await post('/console/leads/views', { name: '  ', query: 'owner=me' });
    expect(empty.status).toBe(422);
    // A second view of that name, in any case, is refused on the board and stores nothing.
    const again = await post('/console/leads/views', { name: 'МОИ СДЕЛКИ', query: 'overdue=1' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You already have a view named “МОИ СДЕЛКИ”');
    const after = (await page('/console/leads')).html;
    expect(after.match(/>Мои сделки<\/a>/g)).toHaveLength(1);
    expect(after).not.toContain('href="/console/leads?overdue=1">МОИ СДЕЛКИ');
  });
});

describe('moving a lead', () => {
  it('moves a card to won through its form, on the lead and its timeline', async () => {
    const lead = await openLead({ owner: me });
    await moveByApi(lead.id, 'contacted', 'meeting', 'negotiating');
    const card = cardOf((await page('/console/leads?owner=me')).html, lead.id);
    expect(card).toContain('<input type="hidden" name="from" value="negotiating"/>');
    const moved = await post(`/console/leads/${lead.id}/stage`, {
      from: 'negotiating',
      to: 'won',
      return: '/console/leads?owner=me',
    });
    expect(moved.status).toBe(303);
    // Back to the board it was on, which says where the card went.
    expect(moved.headers.get('location')).toBe(`/console/leads?owner=me&moved=${lead.id}`);
    // A return path the check lets through stays that path: nothing resolves its `..` into another host.
    const other = await openLead({ owner: me });
    const sneaky = await post(`/console/leads/${other.id}/stage`, {
      from: 'new',
      to: 'contacted',
      return: '/console/..//evil.example',
    });
    expect(sneaky.status).toBe(303);
    expect(sneaky.headers.get('location')).toBe(`/console/..//evil.example?moved=${other.id}`);
    const board = (await page(moved.headers.get('location')!)).html;
    expect(board).toMatch(/<p role="status">[^<]+ moved to “Won”\.<\/p>/);
    const after = await read(lead.id);
    expect(after.stage).toBe('won');
    expect(after.timeline.at(-1)).toMatchObject({ type: 'transition', to: 'won', by: { sub: me } });
    expect(columnOf((await page('/console/leads?owner=me')).html, lead.id)).toBe('won');
  });

  it('names the last stages by the labels the board shows them under, in each language', async () => {
    const lead = await openLead({ owner: me });
    await moveByApi(lead.id, 'contacted', 'meeting', 'negotiating', 'won');
    const open = await openLead({ owner: me });
    const expected = {
      ru: ['<p>«Заключена» — последний этап: дальше сделка не переносится.</p>', 'этапа «Отказ»'],
      vi: ['<p>Thành công là giai đoạn cuối', 'chuyển sang Thất bại'],
      en: ['<p>Won is final: this lead moves no further.</p>', '(required for Lost)'],
    } as const;
    try {
      for (const locale of ['en', 'vi', 'ru'] as const) {
        await useLocale(locale);
        const board = (await page('/console/leads')).html;
        const label = (stage: string) => new RegExp(`<h2 id="stage-${stage}">([^<]*?) <`).exec(board)?.[1];
        const [won, lost] = [label('won')!, label('lost')!];
        const final = (await page(`/console/leads/${lead.id}`)).html;
        expect(final).toContain(expected[locale][0]);
        expect(final).toContain(won);
        const reason = (await page(`/console/leads/${open.id}`)).html;
        expect(reason).toContain(expected[locale][1]);
        expect(expected[locale][1]).toContain(lost);
        expect(expected[locale][0]).toContain(won);
      }
      expect((await page(`/console/leads/${lead.id}`)).html).not.toContain('Успех');
    } finally {
      await useLocale('en');
    }
  });

  it('quotes a company name that holds «» itself with „“ inside, as Russian nests quotation marks', async () => {
    const lead = await openLead({ owner: me });
    const member = (await (await t.call('GET', `/v1/members/${memberId}`, { token: staff })).json()) as {
      name: string;
    };
    expect(member.name).toMatch(/^ООО «Тест \d+»$/);
    await useLocale('ru');
    try {
      const moved = await post(`/console/leads/${lead.id}/stage`, {
        from: 'new',
        to: 'contacted',
        return: '/console/leads?owner=me',
      });
      expect(moved.status).toBe(303);
      const board = (await page(moved.headers.get('location')!)).html;
      const inner = member.name.replace('«', '„').replace('»', '“');
      expect(board).toMatch(
        new RegExp(
          `<p role="status">Сделка «${inner} ↔ Công ty Đối tác \\d+» перенесена на этап «Контакт установлен»\\.</p>`,
        ),
      );
      expect(board).not.toContain(`«${member.name}`);
      // A saved view's name too, in the button that deletes it.
      const saved = await post('/console/leads/views', {
        name: 'Клиенты «Логистиктрейд»',
        query: 'stage=new',
      });
      expect(saved.status).toBe(303);
      expect((await page('/console/leads')).html).toContain(
        'aria-label="Удалить представление «Клиенты „Логистиктрейд“»"',
      );
    } finally {
      await useLocale('en');
    }
    expect((await page('/console/leads')).html).toContain(
      'aria-label="Delete view “Клиенты «Логистиктрейд»”"',
    );
  });

  it("moves a lead from its own page, which then says where it went, in the reader's language", async () => {
    const lead = await openLead({ owner: me });
    const moved = await post(`/console/leads/${lead.id}/stage`, { version: '1', to: 'contacted' });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/console/leads/${lead.id}?moved#done`);
    expect((await read(lead.id)).stage).toBe('contacted');
    await useLocale('ru');
    try {
      expect((await page(`/console/leads/${lead.id}?moved`)).html).toContain(
        '<p role="status" id="done">Сделка перенесена на этап «Контакт установлен».</p>',
      );
    } finally {
      await useLocale('en');
    }
    expect((await page(`/console/leads/${lead.id}`)).html).not.toContain('Moved to');
  });

  it('refuses a stale version with 412 in the reader’s language, and changes nothing', async () => {
    const lead = await openLead();
    const edited = await t.call('PATCH', `/v1/leads/${lead.id}`, {
      token: staff,
      headers: { 'if-match': `"${lead.version}"` },
      body: { notes: 'Changed elsewhere' },
    });
    expect(edited.status).toBe(200);
    await useLocale('ru');
    const stale = await post(`/console/leads/${lead.id}/stage`, {
      version: String(lead.version),
      to: 'contacted',
    });
    await useLocale('en');
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('Кто-то изменил эту запись после того, как вы её открыли');
    expect(html).toContain(`name="version" value="${lead.version + 1}"`);
    expect((await read(lead.id)).stage).toBe('new');
  });

  it('refuses a card that showed a stage the lead has left, rather than reopen it', async () => {
    const lead = await openLead();
    const lost = await t.call('POST', `/v1/leads/${lead.id}/transitions`, {
      token: staff,
      body: { to: 'lost', reason: 'No budget' },
    });
    expect(lost.status).toBe(200);
    // From lost, contacted is allowed (a reopening): only the card's stage tells the card was stale.
    const stale = await post(`/console/leads/${lead.id}/stage`, { from: 'new', to: 'contacted' });
    expect(stale.status).toBe(412);
    expect(await stale.text()).toContain('Someone changed this record after you opened it');
    const after = await read(lead.id);
    expect(after.stage).toBe('lost');
    expect(after.timeline.filter((e) => e.type === 'transition')).toHaveLength(1);
  });

  it('asks for the reason of a loss, in the reader’s language, and changes nothing', async () => {
    const lead = await openLead();
    await useLocale('vi');
    const refused = await post(`/console/leads/${lead.id}/stage`, {
      version: String(lead.version),
      to: 'lost',
    });
    await useLocale('en');
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('aria-invalid="true" aria-describedby="move-reason-error"');
    expect(html).toContain('Hãy nêu lý do thất bại.');
    expect((await read(lead.id)).stage).toBe('new');
    const lost = await post(`/console/leads/${lead.id}/stage`, {
      version: String(lead.version),
      to: 'lost',
      reason: 'Выбрали другого поставщика',
    });
    expect(lost.status).toBe(303);
    expect(await read(lead.id)).toMatchObject({ stage: 'lost', lostReason: 'Выбрали другого поставщика' });
  });

  it('asks a card moved to lost on the board for its reason on the lead page, then goes back to the board', async () => {
    const lead = await openLead();
    const board = '/console/leads?owner=me&stage=new';
    const asked = await post(`/console/leads/${lead.id}/stage`, { from: 'new', to: 'lost', return: board });
    expect(asked.status).toBe(422);
    const html = await asked.text();
    expect(html).toContain(
      'The lead has not moved yet: give the reason to move it to Lost, and you are back on the board.',
    );
    expect(html).toContain(`<input type="hidden" name="return" value="${board.replace('&', '&amp;')}"/>`);
    expect((await read(lead.id)).stage).toBe('new');
    // Given there, the reason moves it, and the board says where the card went.
    const moved = await post(`/console/leads/${lead.id}/stage`, {
      version: String(lead.version),
      to: 'lost',
      reason: 'No budget this year',
      return: board,
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`${board}&moved=${lead.id}`);
    expect(await read(lead.id)).toMatchObject({ stage: 'lost', lostReason: 'No budget this year' });
    // From the lead's own page, the form goes back to the lead and says nothing of a board.
    const own = await openLead();
    const ownHtml = await (
      await post(`/console/leads/${own.id}/stage`, { version: String(own.version), to: 'lost' })
    ).text();
    expect(ownHtml).not.toContain('back on the board');
    expect(ownHtml).toContain(`<input type="hidden" name="return" value="/console/leads/${own.id}"/>`);
  });

  it('refuses to reopen a lead while another open one holds its companies and topic', async () => {
    const first = await openLead();
    const lost = await t.call('POST', `/v1/leads/${first.id}/transitions`, {
      token: staff,
      body: { to: 'lost', reason: 'Paused' },
    });
    expect(lost.status).toBe(200);
    const lostLead = (await lost.json()) as Lead & { counterpart: { id: string } };
    const second = await t.call('POST', '/v1/leads', {
      token: staff,
      body: { memberId, partnerId: lostLead.counterpart.id, topic: 'logistics', source: { type: 'inbound' } },
    });
    expect(second.status, await second.clone().text()).toBe(201);
    await useLocale('ru');
    const refused = await post(`/console/leads/${first.id}/stage`, {
      version: String(lostLead.version),
      to: 'contacted',
    });
    await useLocale('en');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('уже есть открытая сделка; эту нельзя возобновить');
    expect((await read(first.id)).stage).toBe('lost');
  });

  it('refuses a move the stage rules do not allow, naming the allowed ones', async () => {
    const lead = await openLead();
    const refused = await post(`/console/leads/${lead.id}/stage`, {
      version: String(lead.version),
      to: 'won',
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('A lead in stage New may move to: Contacted, Lost.');
    expect((await read(lead.id)).stage).toBe('new');
  });
});

describe('the lead page', () => {
  it('shows the fields and the timeline, newest first', async () => {
    const lead = await openLead({ owner: me, nextAction: { text: 'Встреча в Ханое', due: '2099-03-01' } });
    await moveByApi(lead.id, 'contacted');
    const { status, html } = await page(`/console/leads/${lead.id}`);
    expect(status).toBe(200);
    expect(html).toContain(`<a href="/console/members/${memberId}">ООО «Тест`);
    expect(html).toContain('Встреча в Ханое');
    expect(html).toContain('Referral: Торгпредство');
    // The counterpart's country by its name, not its code.
    expect(html).toMatch(/\(\w+, Vietnam\)/);
    const timeline = html.slice(html.indexOf('<ol class="timeline">'));
    expect(timeline.indexOf('Stage changed')).toBeGreaterThan(0);
    expect(timeline.indexOf('Stage changed')).toBeLessThan(timeline.indexOf('Created'));
    expect(timeline).toContain('New → Contacted');
  });

  it('adds an activity to the timeline', async () => {
    const lead = await openLead();
    const added = await post(`/console/leads/${lead.id}/activities`, {
      type: 'call',
      text: 'Позвонили в Ханой, договорились о встрече',
      shared: 'on',
    });
    expect(added.status).toBe(303);
    expect((await page(`/console/leads/${lead.id}`)).html).toContain(
      'Позвонили в Ханой, договорились о встрече',
    );
    expect((await read(lead.id)).timeline.at(-1)).toMatchObject({ type: 'call', by: { sub: me } });
    const empty = await post(`/console/leads/${lead.id}/activities`, { type: 'call', text: ' ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Must not be empty.');
  });

  it('changes the owner and next action under the version read, and 412 on a stale one', async () => {
    const lead = await openLead();
    const taken = await post(`/console/leads/${lead.id}`, {
      version: String(lead.version),
      owner: '',
      nextText: 'Send the offer',
      nextDue: '2099-02-01',
      assign: 'me',
    });
    expect(taken.status).toBe(303);
    expect(await read(lead.id)).toMatchObject({
      owner: me,
      nextAction: { text: 'Send the offer', due: '2099-02-01' },
    });
    const stale = await post(`/console/leads/${lead.id}`, { version: String(lead.version), owner: 'other' });
    expect(stale.status).toBe(412);
    expect((await read(lead.id)).owner).toBe(me);
    // A post naming no version is none of the page's forms: 428, as the API answers a missing If-Match.
    const unversioned = await post(`/console/leads/${lead.id}`, { owner: 'other' });
    expect(unversioned.status).toBe(428);
    expect(await unversioned.text()).toContain('<h1>Form out of date</h1>');
    expect((await read(lead.id)).owner).toBe(me);
    const halfAction = await post(`/console/leads/${lead.id}`, {
      version: String(lead.version + 1),
      owner: me,
      nextText: 'No date',
    });
    expect(halfAction.status).toBe(422);
    expect(await halfAction.text()).toContain('aria-describedby="edit-next-due-error"');
  });

  it('is a 404 page for an unknown lead', async () => {
    const { status, html } = await page('/console/leads/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(status).toBe(404);
    expect(html).toContain('<h1>Not found</h1>');
  });
});

describe('board.js', () => {
  it('is served under a hashed URL, brotli-compressed when accepted', async () => {
    const { html } = await page('/console/leads');
    const src =
      /<script nonce="[^"]+" src="(\/console\/assets\/board\.[0-9a-f]{10}\.js)" defer=""><\/script>/.exec(
        html,
      )?.[1];
    expect(src).toBeDefined();
    const response = await t.app.request(src!, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toContain('immutable');
    const script = brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    expect(script).toContain('requestSubmit');
    expect(script.length).toBeLessThan(4096);
  });
});
