/**
 * The console's partners on DynamoDB Local: partners made through the API, then listed, searched and
 * filtered (one index at a time, as the API serves them), each one's record with its contacts, offers,
 * leads and events, and a partner registered for an event from its record, as a member is; a partner
 * that joined the association is refused there. 404s for what names nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCreateExample } from '../../shared/events/event-schema.ts';
import { mstSequence } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { eventMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let cookie: string;
const now = Date.parse('2027-02-01T09:00:00Z');
const mst = mstSequence(31_550_000);

interface Partner {
  id: string;
  name: string;
  contacts: { id: string; name: string }[];
}

async function partner(overrides: Record<string, unknown> = {}): Promise<Partner> {
  const response = await t.call('POST', '/v1/partners', {
    token: staff,
    body: {
      name: 'Công ty CP Cảng Hải Phòng',
      latinName: 'Hai Phong Port JSC',
      country: 'VN',
      region: 'VN-HP',
      taxId: mst(),
      sectors: ['logistics'],
      targetMarkets: ['RU'],
      languages: ['vi', 'en'],
      offers: [{ topic: 'logistics', text: 'Container berths for Vladivostok lines' }],
      needs: [{ topic: 'industrial-water-treatment', text: 'Ballast water treatment' }],
      notes: 'Met at the Hanoi B2B session',
      contacts: [
        { name: 'Trần Văn Minh', position: 'Giám đốc', email: `minh.${mst()}@haiphong.test`, language: 'vi' },
        { name: 'Lê Thu Hà', email: `ha.${mst()}@haiphong.test`, language: 'en' },
      ],
      ...overrides,
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Partner;
}

async function page(path: string, status = 200): Promise<string> {
  const response = await consoleRequest(t.app, cookie, path);
  const html = await response.text();
  expect(response.status, html.slice(0, 500)).toBe(status);
  return html;
}

/** The partners a list page links to, in its order. */
const linked = (html: string) =>
  [...html.matchAll(/href="\/console\/partners\/([0-9A-Z]{26})"/g)].map((m) => m[1]);

let port: Partner;
let thai: Partner;
let eventId: string;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  staff = await t.token('staff');
  cookie = await consoleSignIn(t.app, 'staff', '/console/partners');
  port = await partner();
  thai = await partner({
    name: 'บริษัท สยาม โลจิสติกส์ จำกัด',
    latinName: 'Siam Logistics Co., Ltd.',
    country: 'TH',
    region: undefined,
    sectors: ['agriculture'],
    offers: [],
    needs: [],
  });
  const created = await t.call('POST', '/v1/events', { token: staff, body: eventCreateExample });
  expect(created.status).toBe(201);
  eventId = ((await created.json()) as { id: string }).id;
  const opened = await t.call('PATCH', `/v1/events/${eventId}`, {
    token: staff,
    body: { state: 'open' },
    headers: { 'if-match': '*' },
  });
  expect(opened.status).toBe(200);
});
afterAll(() => t.drop());

describe('console partner pages', () => {
  it('list every partner, search by name in either script, and filter by one country, sector or topic', async () => {
    const all = await page('/console/partners');
    expect(all).toContain('<a href="/console/partners" aria-current="page">Partners</a>');
    expect(linked(all)).toEqual(expect.arrayContaining([port.id, thai.id]));
    // The name in its own script, the Latin one beneath it.
    expect(all).toContain('Công ty CP Cảng Hải Phòng');
    expect(all).toContain('<small lang="en">Hai Phong Port JSC</small>');

    // Without tones, in Latin letters, or by the start of its Thai name.
    expect(linked(await page('/console/partners?q=cang+hai'))).toEqual([port.id]);
    expect(linked(await page('/console/partners?q=siam'))).toEqual([thai.id]);
    // A country by its code or its name in the reader's language.
    expect(linked(await page('/console/partners?country=th'))).toEqual([thai.id]);
    expect(linked(await page('/console/partners?country=Thailand'))).toEqual([thai.id]);
    expect(linked(await page('/console/partners?sector=logistics'))).toEqual([port.id]);
    expect(linked(await page('/console/partners?topic=industrial-water-treatment'))).toEqual([port.id]);
    // Search as you type: htmx takes the results alone.
    const typed = await consoleRequest(t.app, cookie, '/console/partners?q=siam', {
      headers: { 'hx-request': 'true' },
    });
    const fragment = await typed.text();
    expect(fragment.startsWith('<div id="results">')).toBe(true);
    expect(linked(fragment)).toEqual([thai.id]);
    // Too short to search: the list stays as without it, its filters kept, and says so quietly.
    const short = await consoleRequest(t.app, cookie, '/console/partners?q=s&country=TH', {
      headers: { 'hx-request': 'true' },
    });
    expect(short.status).toBe(200);
    expect(short.headers.get('hx-push-url')).toBe('/console/partners?country=TH');
    const hinted = await short.text();
    expect(hinted.startsWith('<div id="results">')).toBe(true);
    expect(hinted).toContain('Type at least 2 letters or digits of the name to search');
    expect(hinted).not.toContain('role="alert"');
    expect(linked(hinted)).toEqual([thai.id]);
    // The search looks among the partners the filters choose, and is a field of their form.
    expect(linked(await page('/console/partners?q=siam&country=TH'))).toEqual([thai.id]);
    expect(linked(await page('/console/partners?q=siam&country=VN'))).toEqual([]);
    expect(linked(await page('/console/partners?q=cang+hai&sector=logistics'))).toEqual([port.id]);
    expect(await page('/console/partners')).toMatch(/<input type="search" name="q"[^>]* form="filters" /);
  });

  it('says so when the pages of a combination have no more matches, and leads back to the first', async () => {
    // 50 Vietnamese mining partners fill the first page exactly; a Thai one sorts after them, so the
    // second page reads it, keeps no one and ends the list.
    const vietnamese = [];
    for (let i = 0; i < 50; i++) {
      vietnamese.push(
        await partner({
          name: `Công ty Khai khoáng ${String(i).padStart(2, '0')}`,
          latinName: `Mining Partner ${String(i).padStart(2, '0')}`,
          sectors: ['mining'],
          offers: [],
          needs: [],
        }),
      );
    }
    await partner({
      name: 'บริษัท เหมืองแร่ จำกัด',
      latinName: 'Mining Partner 99',
      country: 'TH',
      region: undefined,
      sectors: ['mining'],
    });
    const first = await page('/console/partners?country=VN&sector=mining');
    expect(linked(first)).toEqual(vietnamese.map((p) => p.id));
    const next = /href="(\/console\/partners\?[^"]*cursor=[^"]+)"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await page(next!.replaceAll('&amp;', '&'));
    expect(linked(second)).toEqual([]);
    expect(second).toContain('No more partners match these filters.');
    expect(second).not.toContain('No partners in this view.');
    expect(second).toMatch(/href="\/console\/partners\?country=VN&amp;sector=mining"/);
  });

  it('lists filters combined; says why a view cannot be listed, in the reader’s words, with a 400', async () => {
    const together = linked(await page('/console/partners?country=VN&sector=logistics&topic=logistics', 200));
    expect(together).toContain(port.id);
    expect(together).not.toContain(thai.id);
    expect(await page('/console/partners?q=siam&topic=logistics', 400)).toContain(
      'This list cannot be shown. A name search does not go with the “Offers or seeks” filter',
    );
    expect(await page('/console/partners?q=s', 200)).toContain('Type at least 2 letters or digits');
    const invalid = await page('/console/partners?sector=shipbuilding-on-mars', 400);
    expect(invalid).toContain('Some filters are not valid');
    expect(invalid).toContain('aria-invalid="true" aria-describedby="sector-error"');
    expect(await page('/console/partners?cursor=forged', 400)).toContain('This page link no longer works');
  });

  it('show a partner’s record: profile, contacts, offers and needs, leads and events', async () => {
    const member = await eventMember(t, staff, 'RU');
    const lead = await t.call('POST', '/v1/leads', {
      token: staff,
      body: {
        partnerId: port.id,
        memberId: member.id,
        topic: 'logistics',
        source: { type: 'referral', by: 'Торгпредство' },
      },
    });
    expect(lead.status, await lead.clone().text()).toBe(201);
    const record = await page(`/console/partners/${port.id}`);
    expect(record).toContain('<h1>Công ty CP Cảng Hải Phòng (Hai Phong Port JSC)</h1>');
    expect(record).toContain('<th scope="row">Country</th><td>Vietnam</td>');
    expect(record).toContain('<th scope="row">Region</th><td>Hai Phong (VN-HP)</td>');
    expect(record).toContain('Met at the Hanoi B2B session');
    expect(record).toContain('Trần Văn Minh<br/><small>Giám đốc</small>');
    expect(record).toContain('Container berths for Vladivostok lines');
    expect(record).toContain('Ballast water treatment');
    // Each lead named by the member on its other side, not by the partner itself.
    const leadId = ((await lead.json()) as { id: string }).id;
    const memberName = (
      (await (await t.call('GET', `/v1/members/${member.id}`, { token: staff })).json()) as {
        name: string;
      }
    ).name;
    expect(record).toContain(`<a href="/console/leads/${leadId}">${memberName}</a>`);
    expect(record).toContain(`<a href="/console/leads?partnerId=${port.id}">All leads with this partner</a>`);
    // The lead's page leads back to the partner's record.
    expect(await page(`/console/leads/${leadId}`)).toMatch(
      new RegExp(`<a href="/console/partners/${port.id}">\\s*[^<]+</a>`),
    );
    // The open event is offered for it, as on a member's record.
    expect(record).toContain('<input type="hidden" name="partner"');
    expect(record).toMatch(new RegExp(`<option value="${eventId}">[^<]+</option>`));

    await useLocale('ru');
    const ru = await page(`/console/partners/${thai.id}`);
    expect(ru).toContain('Таиланд');
    expect(ru).toContain('Сделок нет');
    await useLocale('en');
  });

  it('register a partner for an event from its record, its delegates chosen from its contacts', async () => {
    const chosen = await consoleRequest(
      t.app,
      cookie,
      `/console/events/register?partner=${port.id}&event=${eventId}`,
    );
    expect(chosen.status).toBe(303);
    const formPath = chosen.headers.get('location')!;
    expect(formPath).toBe(`/console/events/${eventId}/participants/new?partner=${port.id}`);
    const form = await page(formPath);
    const [first, second] = port.contacts;
    expect(form).toContain(`<input type="hidden" name="partner" value="${port.id}"/>`);
    expect(form).toContain(`<input type="checkbox" name="delegates" value="${first!.id}" checked=""/>`);
    expect(form).toContain(`<input type="checkbox" name="delegates" value="${second!.id}"/>`);

    const registered = await consoleRequest(t.app, cookie, `/console/events/${eventId}/participants`, {
      form: new URLSearchParams([
        ['partner', port.id],
        ['delegates', second!.id],
      ]),
    });
    expect(registered.status, await registered.clone().text()).toBe(303);
    expect(registered.headers.get('location')).toBe(
      `/console/events/${eventId}/participants?registered=${port.id}#done`,
    );
    const listed = (await (
      await t.call('GET', `/v1/events/${eventId}/participants`, { token: staff })
    ).json()) as {
      items: { id: string; kind: string; status: string; delegates: { contactId: string }[] }[];
    };
    expect(listed.items.find((p) => p.id === port.id)).toMatchObject({
      status: 'registered',
      delegates: [{ contactId: second!.id }],
    });
    // On its record now as registered; the event is no longer offered.
    const record = await page(`/console/partners/${port.id}`);
    expect(record).not.toContain(`<option value="${eventId}">`);
    expect(record).toContain(`<a href="/console/events/${eventId}">`);
    // The participants page links to partners as to members, and to this one's record.
    const participants = await page(`/console/events/${eventId}/participants`);
    expect(participants).toContain('· <a href="/console/partners">Find the partner</a>');
    expect(participants).toContain(`<a href="/console/partners/${port.id}">`);
  });

  it('refuse a partner that joined the association, naming the member it became, and register nothing', async () => {
    const joining = await partner({ name: 'Công ty TNHH Thủy sản Cần Thơ', latinName: 'Can Tho Seafood Co' });
    const joined = await t.call('POST', `/v1/partners/${joining.id}/membership`, {
      token: staff,
      body: { status: 'active' },
      headers: { 'if-match': '*' },
    });
    expect(joined.status, await joined.clone().text()).toBe(201);
    const memberId = ((await joined.json()) as { id: string }).id;
    const record = await page(`/console/partners/${joining.id}`);
    expect(record).toMatch(
      new RegExp(`<th scope="row">Became the member</th><td><a href="/console/members/${memberId}">`),
    );
    expect(record).not.toContain('<input type="hidden" name="partner"');
    // Its timeline says the join in a partner's words (a member's says it joined from partners).
    expect(record).toContain('<strong>Joined the association</strong>');
    const form = await page(`/console/events/${eventId}/participants/new?partner=${joining.id}`);
    // The way on is the member's record.
    expect(form).toContain(
      `This partner has joined the association: register it as the member it became. <a href="/console/members/${memberId}">`,
    );
    expect(form).not.toContain('name="delegates"');
    for (const delegates of [[joining.contacts[0]!.id], []]) {
      const refused = await consoleRequest(t.app, cookie, `/console/events/${eventId}/participants`, {
        form: new URLSearchParams([
          ['partner', joining.id],
          ...delegates.map((d): [string, string] => ['delegates', d]),
        ]),
      });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toMatch(
        /<p role="alert" tabindex="-1" data-focus="[^"]*">This partner has joined/,
      );
    }
    const listed = (await (
      await t.call('GET', `/v1/events/${eventId}/participants`, { token: staff })
    ).json()) as { items: { id: string }[] };
    expect(listed.items.map((p) => p.id)).not.toContain(joining.id);
  });

  it('add a partner with its first contact from the form, as POST /v1/partners would', async () => {
    const form = await page('/console/partners/new');
    expect(form).toContain('<form method="post" action="/console/partners/new" novalidate="">');
    // A Vietnamese company to begin with, by the country's name in the reader's language.
    expect(form).toMatch(/name="country"[^>]*value="Vietnam"/);
    const email = `thu.${mst()}@dalat.test`;
    const created = await consoleRequest(t.app, cookie, '/console/partners/new', {
      form: new URLSearchParams([
        ['name', 'Công ty TNHH Cà phê Đà Lạt'],
        ['latinName', 'Da Lat Coffee Co., Ltd.'],
        ['country', 'Vietnam'],
        ['region', ''],
        ['sectors', 'agriculture'],
        ['targetMarkets', 'Russia, KZ'],
        ['languages', 'vi'],
        ['notes', 'Met in Da Lat'],
        ['contact.name', 'Phạm Thu'],
        ['contact.email', email],
        // As the form's hint writes it, dialled at home in the partner's country.
        ['contact.phone', '0912 345 678'],
        ['contact.language', 'vi'],
        ['contact.consent.outreach', 'on'],
      ]),
    });
    expect(created.status, await created.clone().text()).toBe(303);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/console\/partners\/[0-9A-Z]{26}\?created#done$/);
    const id = location.split('/').pop()!.split('?')[0]!;
    const stored = (await (await t.call('GET', `/v1/partners/${id}`, { token: staff })).json()) as {
      country: string;
      targetMarkets: string[];
      notes: string;
      contacts: {
        name: string;
        email: string;
        phone: string;
        consent: { outreach: { granted: boolean }; news: { granted: boolean } };
      }[];
    };
    expect(stored).toMatchObject({ country: 'VN', targetMarkets: ['RU', 'KZ'], notes: 'Met in Da Lat' });
    expect(stored.contacts).toMatchObject([
      {
        name: 'Phạm Thu',
        email,
        phone: '+84912345678',
        consent: { outreach: { granted: true }, news: { granted: false } },
      },
    ]);
    const record = await page(location.replace('#done', ''));
    expect(record).toContain(
      '<p role="status" id="done">Công ty TNHH Cà phê Đà Lạt (Da Lat Coffee Co., Ltd.) is added.</p>',
    );
  });

  it('refuse a malformed partner beside its fields, in the reader’s language, and add nothing', async () => {
    const before = linked(await page('/console/partners')).length;
    await useLocale('ru');
    const refused = await consoleRequest(t.app, cookie, '/console/partners/new', {
      form: {
        name: 'ООО Ромашка',
        latinName: '',
        country: 'Атлантида',
        'contact.name': 'Иван',
        'contact.email': 'not-an-address',
        'contact.language': 'ru',
      },
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    // The unknown place and the schema's own refusals at once, each beside its input, in Russian.
    expect(html).toContain('aria-invalid="true" aria-describedby="f-country-error"');
    expect(html).toContain('Атлантида');
    expect(html).toContain('id="f-latinName-error"');
    expect(html).toContain('id="f-contact-email-error"');
    expect(html).toContain('id="f-sectors-error"');
    expect(html).toContain('Исправьте');
    await useLocale('en');
    expect(linked(await page('/console/partners'))).toHaveLength(before);
  });

  it('ask before adding a second partner of the same name in the same country, and add it once told', async () => {
    const fields = {
      name: port.name,
      latinName: 'Hai Phong Port JSC',
      country: 'VN',
      sectors: 'logistics',
      languages: 'vi',
    };
    const named = async () => linked(await page('/console/partners?q=hai+phong+port')).length;
    const before = await named();
    const asked = await consoleRequest(t.app, cookie, '/console/partners/new', { form: fields });
    expect(asked.status).toBe(409);
    expect(await named()).toBe(before);
    const html = await asked.text();
    expect(html).toContain(
      `A partner of this name is listed in this country already: <a href="/console/partners/${port.id}">`,
    );
    expect(html).toContain('name="confirmNotDuplicate"');
    const added = await consoleRequest(t.app, cookie, '/console/partners/new', {
      form: { ...fields, confirmNotDuplicate: 'on' },
    });
    expect(added.status, await added.clone().text()).toBe(303);
    expect(await named()).toBe(before + 1);
    // A tax id another partner holds is said beside it, and nothing is added.
    const stored = (await (await t.call('GET', `/v1/partners/${port.id}`, { token: staff })).json()) as {
      taxId: string;
    };
    const held = await consoleRequest(t.app, cookie, '/console/partners/new', {
      form: { ...fields, name: 'Another port', latinName: 'Another Port JSC', taxId: stored.taxId },
    });
    expect(held.status).toBe(409);
    expect(await held.text()).toContain('aria-describedby="f-taxId-error"');
    expect(linked(await page('/console/partners?q=another+port'))).toEqual([]);
  });

  /** The form at `/console/partners/{id}/{form}` as filled (`html`: a page holding it), with `changes` over it, posted. */
  async function postForm(
    id: string,
    form: string,
    changes: Record<string, string | string[]>,
    html?: string,
  ) {
    const action = `/console/partners/${id}/${form}`;
    const holder = html ?? (await page(action));
    const from = holder.indexOf(`<form method="post" action="${action}"`);
    expect(from, `no form posting to ${action}`).toBeGreaterThanOrEqual(0);
    const filled = holder.slice(from, holder.indexOf('</form>', from));
    const text = (value: string) =>
      value
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const fields = new URLSearchParams();
    for (const [, name, value] of filled.matchAll(
      /<input type="(?:text|url|email|tel|hidden)"[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"/g,
    )) {
      fields.append(name!, text(value!));
    }
    for (const [, name, body] of filled.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
      fields.append(name!, text(body!));
    }
    for (const [, name, value] of filled.matchAll(
      /<input type="checkbox"[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"[^>]*?checked=""/g,
    )) {
      fields.append(name!, value!);
    }
    for (const [, name, options] of filled.matchAll(/<select[^>]*?name="([^"]+)"[^>]*>(.*?)<\/select>/g)) {
      const chosen = /<option value="([^"]*)" selected=""/.exec(options!);
      fields.append(name!, chosen ? chosen[1]! : '');
    }
    for (const [name, value] of Object.entries(changes)) {
      fields.delete(name);
      for (const one of Array.isArray(value) ? value : [value]) fields.append(name, one);
    }
    return consoleRequest(t.app, cookie, action, { form: fields });
  }
  const editProfile = (id: string, changes: Record<string, string | string[]>, html?: string) =>
    postForm(id, 'profile', changes, html);

  const stored = async (id: string) =>
    (await (await t.call('GET', `/v1/partners/${id}`, { token: staff })).json()) as Record<
      string,
      unknown
    > & {
      version: number;
    };

  it('edit a partner’s profile from its record, as PATCH /v1/partners/{id} would, at the version read', async () => {
    const editing = await partner({ name: 'Công ty CP Cảng Cam Ranh', latinName: 'Cam Ranh Port JSC' });
    const record = await page(`/console/partners/${editing.id}`);
    expect(record).toContain(`<a href="/console/partners/${editing.id}/profile">Edit profile</a>`);
    const form = await page(`/console/partners/${editing.id}/profile`);
    expect(form).toMatch(/name="latinName"[^>]*value="Cam Ranh Port JSC"/);
    expect(form).toMatch(/name="country"[^>]*value="Vietnam"/);
    const saved = await editProfile(editing.id, {
      latinName: 'Cam Ranh International Port JSC',
      targetMarkets: 'Russia, Kazakhstan',
      notes: '',
      sectors: ['logistics', 'trade'],
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect(saved.headers.get('location')).toBe(`/console/partners/${editing.id}?saved#done`);
    const after = await stored(editing.id);
    expect(after).toMatchObject({
      latinName: 'Cam Ranh International Port JSC',
      targetMarkets: ['RU', 'KZ'],
      sectors: ['logistics', 'trade'],
      region: 'VN-HP',
      version: 2,
    });
    // The notes emptied are removed; what the form does not hold (offers, contacts) is as it was.
    expect(after.notes).toBeUndefined();
    expect(after.offers).toEqual([{ topic: 'logistics', text: 'Container berths for Vladivostok lines' }]);
    expect(after.contacts).toHaveLength(2);
    expect(await page(`/console/partners/${editing.id}?saved`)).toContain(
      '<p role="status" id="done">Saved.</p>',
    );
    const history = (await (
      await t.call('GET', `/v1/partners/${editing.id}/history`, { token: staff })
    ).json()) as { items: { action: string; changes: { field: string }[] }[] };
    expect(history.items[0]).toMatchObject({ action: 'update' });
    expect(history.items[0]!.changes.map((c) => c.field).sort()).toEqual(
      ['latinName', 'notes', 'sectors', 'targetMarkets'].sort(),
    );
  });

  it('show a partner changed since the form was read as a 412 with what changed, write nothing, and keep the user’s own edits', async () => {
    const editing = await partner({ name: 'Công ty CP Thép Hòa Phát', latinName: 'Hoa Phat Steel JSC' });
    const form = await page(`/console/partners/${editing.id}/profile`);
    // A colleague changes the website meanwhile, through the API.
    const colleague = await t.call('PATCH', `/v1/partners/${editing.id}`, {
      token: staff,
      body: { website: 'https://hoaphat.test' },
      headers: { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' },
    });
    expect(colleague.status, await colleague.clone().text()).toBe(200);
    const stale = await editProfile(editing.id, { description: 'Steel for the Far East' }, form);
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('Changed by someone else');
    expect(html).toContain('https://hoaphat.test');
    // The form again at the current version: the colleague's website kept, this user's description on top.
    expect(html).toMatch(/name="version" value="2"/);
    expect(html).toMatch(/name="website"[^>]*value="https:\/\/hoaphat.test"/);
    expect(html).toMatch(/<textarea[^>]*name="description"[^>]*>Steel for the Far East<\/textarea>/);
    expect(await stored(editing.id)).toMatchObject({ website: 'https://hoaphat.test', version: 2 });
    expect((await stored(editing.id)).description).toBeUndefined();
    // Applied from that page, it is written over the colleague's change.
    const again = await editProfile(editing.id, {}, html.slice(html.indexOf('id="reapply-title"')));
    expect(again.status, await again.clone().text()).toBe(303);
    expect(await stored(editing.id)).toMatchObject({
      website: 'https://hoaphat.test',
      description: 'Steel for the Far East',
      version: 3,
    });
  });

  it('refuse a profile edit beside its fields and write nothing: a bad entry, a tax id another company holds, a joined partner', async () => {
    const editing = await partner({ name: 'Công ty CP Dệt may Nam Định', latinName: 'Nam Dinh Textile JSC' });
    const refused = await editProfile(editing.id, { latinName: '', country: 'Atlantis' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('aria-invalid="true" aria-describedby="f-country-error"');
    expect(html).toContain('id="f-latinName-error"');
    const held = await editProfile(editing.id, { taxId: (await stored(port.id)).taxId as string });
    expect(held.status).toBe(409);
    expect(await held.text()).toContain('Another member or partner already holds this tax id.');
    expect(await stored(editing.id)).toMatchObject({ latinName: 'Nam Dinh Textile JSC', version: 1 });
    // No version: the form is not one we issued.
    const unversioned = await consoleRequest(t.app, cookie, `/console/partners/${editing.id}/profile`, {
      form: { name: 'X', latinName: 'X' },
    });
    expect(unversioned.status).toBe(428);
    const joining = await partner({ name: 'Công ty TNHH Gạo Long An', latinName: 'Long An Rice Co' });
    const joined = await t.call('POST', `/v1/partners/${joining.id}/membership`, {
      token: staff,
      body: { status: 'active' },
      headers: { 'if-match': '*' },
    });
    expect(joined.status).toBe(201);
    expect(await page(`/console/partners/${joining.id}`)).not.toContain(
      `/console/partners/${joining.id}/profile"`,
    );
    await page(`/console/partners/${joining.id}/profile`, 409);
  });

  it('edit a partner’s offers and needs, and add and edit its contacts, from its record', async () => {
    const editing = await partner({
      name: 'Công ty CP Thủy sản Minh Phú',
      latinName: 'Minh Phu Seafood JSC',
    });
    const record = await page(`/console/partners/${editing.id}`);
    expect(record).toContain(`<a href="/console/partners/${editing.id}/offers">Edit offers and needs</a>`);
    expect(record).toContain(`<a href="/console/partners/${editing.id}/contacts/new">Add a contact</a>`);
    const [first] = editing.contacts;
    expect(record).toContain(`href="/console/partners/${editing.id}/contacts/${first!.id}"`);

    const offers = await postForm(editing.id, 'offers', {
      'offers.0.topic': 'fisheries',
      'offers.0.text': 'Frozen shrimp for Russian retail',
      'needs.1.topic': 'logistics',
      'needs.1.text': 'Reefer containers to Vladivostok',
    });
    expect(offers.status, await offers.clone().text()).toBe(303);
    expect(await stored(editing.id)).toMatchObject({
      offers: [{ topic: 'fisheries', text: 'Frozen shrimp for Russian retail' }],
      needs: [
        { topic: 'industrial-water-treatment', text: 'Ballast water treatment' },
        { topic: 'logistics', text: 'Reefer containers to Vladivostok' },
      ],
      version: 2,
    });

    // A new contact opens in the partner's first language (Vietnamese), not English for every partner.
    expect(await page(`/console/partners/${editing.id}/contacts/new`)).toMatch(
      /<select id="f-language" name="language"[^>]*>(?:(?!<\/select>).)*<option value="vi" selected="">/s,
    );
    const email = `sales.${mst()}@minhphu.test`;
    const added = await postForm(editing.id, 'contacts/new', {
      name: 'Đỗ Quang Huy',
      email,
      phone: '0912 345 678',
      language: 'vi',
      'consent.outreach': 'on',
    });
    expect(added.status, await added.clone().text()).toBe(303);
    const withNew = (await stored(editing.id)) as unknown as {
      contacts: { id: string; name: string; phone?: string; consent: { outreach: { granted: boolean } } }[];
      version: number;
    };
    // A local number as staff copy it from a card, read in the partner's country.
    expect(withNew.contacts.at(-1)).toMatchObject({
      name: 'Đỗ Quang Huy',
      phone: '+84912345678',
      consent: { outreach: { granted: true } },
    });
    expect(withNew.contacts).toHaveLength(3);

    const renamed = await postForm(editing.id, `contacts/${first!.id}`, { position: 'Tổng giám đốc' });
    expect(renamed.status, await renamed.clone().text()).toBe(303);
    const after = (await stored(editing.id)) as unknown as {
      contacts: { id: string; position?: string }[];
      version: number;
    };
    expect(after.contacts.find((c) => c.id === first!.id)?.position).toBe('Tổng giám đốc');
    expect(after.version).toBe(4);

    // A bad address beside its input, nothing written; an id the partner has no contact by is no page.
    const refused = await postForm(editing.id, `contacts/${first!.id}`, { email: 'not-an-address' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('id="f-email-error"');
    expect((await stored(editing.id)).version).toBe(4);
    await page(`/console/partners/${editing.id}/contacts/${port.id}`, 404);
  });

  it('remove a partner’s contact once confirmed, at the version the record showed', async () => {
    const editing = await partner({ name: 'Công ty CP Vinamilk', latinName: 'Vinamilk JSC' });
    const [kept, leaving] = editing.contacts;
    const action = `/console/partners/${editing.id}/contacts/${leaving!.id}/remove`;
    expect(await page(`/console/partners/${editing.id}`)).toContain(
      `<form method="post" action="${action}">`,
    );
    // Without script the button's question is a page of its own; nothing is removed yet.
    const asked = await consoleRequest(t.app, cookie, action, { form: { version: '1' } });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('name="confirmed" value="yes"');
    expect((await stored(editing.id)).version).toBe(1);
    // A form from before a change is a conflict, with the button again at the current version.
    await t.call('PATCH', `/v1/partners/${editing.id}`, {
      token: staff,
      body: { notes: 'Changed meanwhile' },
      headers: { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' },
    });
    const stale = await consoleRequest(t.app, cookie, action, { form: { version: '1', confirmed: 'yes' } });
    expect(stale.status).toBe(412);
    expect(await stale.text()).toMatch(/name="version" value="2"/);
    const removed = await consoleRequest(t.app, cookie, action, { form: { version: '2', confirmed: 'yes' } });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/console/partners/${editing.id}?removed#done`);
    const after = (await stored(editing.id)) as unknown as { contacts: { id: string }[]; version: number };
    expect(after.contacts.map((c) => c.id)).toEqual([kept!.id]);
    expect(after.version).toBe(3);
    expect(await page(`/console/partners/${editing.id}?removed`)).toContain(
      '<p role="status" id="done">The contact is removed.</p>',
    );
  });

  it('show a partner’s timeline on its record, newest first, a page at a time, each change in words', async () => {
    const edited = await partner({ name: 'Công ty CP Gỗ Trường Thành', latinName: 'Truong Thanh Wood JSC' });
    const saved = await editProfile(edited.id, { targetMarkets: 'Russia, Kazakhstan' });
    expect(saved.status).toBe(303);
    const record = await page(`/console/partners/${edited.id}`);
    const timeline = record.slice(record.indexOf('id="history"'));
    expect(timeline).toContain('<strong>Edited</strong>');
    expect(timeline).toContain('<strong>Created</strong>');
    expect(timeline.indexOf('<strong>Edited</strong>')).toBeLessThan(
      timeline.indexOf('<strong>Created</strong>'),
    );
    // Codes in the reader's words: the markets by their names.
    expect(timeline).toMatch(/Target markets: Russia → Russia, Kazakhstan/);
    // Twenty changes more: the first page holds twenty, the next one the rest.
    for (let i = 1; i <= 20; i++) {
      const response = await t.call('PATCH', `/v1/partners/${edited.id}`, {
        token: staff,
        body: { notes: `Call ${i}` },
        headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
      });
      expect(response.status).toBe(200);
    }
    const first = await page(`/console/partners/${edited.id}`);
    const entries = (html: string) =>
      html.slice(html.indexOf('id="history"')).match(/<time datetime=/g)?.length ?? 0;
    expect(entries(first)).toBe(20);
    const next = /href="(\/console\/partners\/[0-9A-Z]{26}\?history=[^"#]+)#history"/.exec(first);
    expect(next).not.toBeNull();
    const second = await page(next![1]!.replace(/&amp;/g, '&'));
    expect(entries(second)).toBe(2);
    expect(second).toContain('<strong>Created</strong>');
    // A key from another partner's timeline is refused.
    await page(`/console/partners/${port.id}?${next![1]!.split('?')[1]}`, 400);
  });

  it('make a partner a member from its record, as POST /v1/partners/{id}/membership would', async () => {
    const joining = await partner({
      name: 'Công ty CP Dược Hậu Giang',
      latinName: 'DHG Pharma JSC',
      taxId: undefined,
      needs: [{ topic: 'healthcare', text: 'Russian clinical trial partners' }],
    });
    expect(await page(`/console/partners/${joining.id}`)).toContain(
      `<a href="/console/partners/${joining.id}/join">Make it a member</a>`,
    );
    const form = await page(`/console/partners/${joining.id}/join`);
    // Without a tax id the partner must be given one; what it seeks, its interests until told otherwise.
    expect(form).toContain('name="taxId"');
    expect(form).toMatch(/name="interests" value="healthcare"[^>]*checked=""/);
    expect(form).toMatch(/name="verifiedRevenue.currency"[^>]*>.*?<option value="VND" selected=""/s);
    // A bad amount, then a tax id whose check digit fails, each refused beside its input; nothing is made.
    const badAmount = await postForm(
      joining.id,
      'join',
      { taxId: mst(), 'verifiedRevenue.amount': 'lots' },
      form,
    );
    expect(badAmount.status).toBe(422);
    expect(await badAmount.text()).toContain('id="f-verifiedRevenue-amount-error"');
    const badTaxId = await postForm(joining.id, 'join', { taxId: '0314409059' }, form);
    expect(badTaxId.status).toBe(422);
    expect(await badTaxId.text()).toContain('aria-describedby="f-taxId-error"');
    expect((await stored(joining.id)).joinedAs).toBeUndefined();

    const taxId = mst();
    const joined = await postForm(
      joining.id,
      'join',
      { taxId, joinedOn: '2027-01-20', 'verifiedRevenue.amount': '120 000 000 000' },
      form,
    );
    expect(joined.status, await joined.clone().text()).toBe(303);
    const location = joined.headers.get('location')!;
    expect(location).toMatch(/^\/console\/members\/[0-9A-Z]{26}\?created#done$/);
    const memberId = location.split('/')[3]!.split('?')[0]!;
    const member = (await (
      await t.call('GET', `/v1/members/${memberId}`, { token: staff })
    ).json()) as Record<string, unknown>;
    expect(member).toMatchObject({
      name: 'Công ty CP Dược Hậu Giang',
      taxId,
      joinedOn: '2027-01-20',
      interests: ['healthcare'],
      verifiedRevenue: { amount: 120_000_000_000, currency: 'VND' },
      status: 'active',
    });
    expect((await stored(joining.id)).joinedAs).toBe(memberId);
    // Joined, the partner is the member's: no join, no edits from its record.
    const record = await page(`/console/partners/${joining.id}`);
    expect(record).not.toContain(`/console/partners/${joining.id}/join"`);
    await page(`/console/partners/${joining.id}/join`, 409);
  });

  it('write only what a profile edit changed, lists in any order, and say each change in words', async () => {
    const edited = await partner({
      name: 'Công ty CP Nhựa Bình Minh',
      latinName: 'Binh Minh Plastics JSC',
      languages: ['en', 'vi'],
      sectors: ['manufacturing', 'chemicals'],
    });
    const saved = await editProfile(edited.id, {
      notes: 'Sample order in March',
      latinName: 'Binh Minh Plastic JSC',
    });
    expect(saved.status).toBe(303);
    const history = (await (
      await t.call('GET', `/v1/partners/${edited.id}/history`, { token: staff })
    ).json()) as { items: { changes: { field: string }[] }[] };
    // The boxes come back in the form's order: not a change.
    expect(history.items[0]!.changes.map((c) => c.field).sort()).toEqual(['latinName', 'notes']);
    expect(await stored(edited.id)).toMatchObject({ languages: ['en', 'vi'], version: 2 });
    const record = await page(`/console/partners/${edited.id}`);
    expect(record).toContain('Name in Latin letters: Binh Minh Plastics JSC → Binh Minh Plastic JSC');
    expect(record).toContain('Staff notes: Met at the Hanoi B2B session → Sample order in March');
    expect(record).not.toContain('latinName:');
  });

  it('offer a contact edited after its removal as a new contact, and join a partner changed meanwhile only at its version', async () => {
    const editing = await partner({ name: 'Công ty CP Cao su Đà Nẵng', latinName: 'Da Nang Rubber JSC' });
    const [first] = editing.contacts;
    const form = await page(`/console/partners/${editing.id}/contacts/${first!.id}`);
    const removed = await consoleRequest(
      t.app,
      cookie,
      `/console/partners/${editing.id}/contacts/${first!.id}/remove`,
      {
        form: { version: '1', confirmed: 'yes' },
      },
    );
    expect(removed.status).toBe(303);
    const gone = await postForm(editing.id, `contacts/${first!.id}`, { position: 'Kế toán trưởng' }, form);
    expect(gone.status).toBe(404);
    const offered = await gone.text();
    expect(offered).toContain('<p role="alert">');
    expect(offered).toContain(`<form method="post" action="/console/partners/${editing.id}/contacts/new"`);
    expect(offered).toMatch(/name="position"[^>]*value="Kế toán trưởng"/);
    expect((await stored(editing.id)).version).toBe(2);

    // The join form read at version 2; the partner changes; a form sent with a refused amount is not
    // redrawn at the new version: the change is said first.
    const join = await page(`/console/partners/${editing.id}/join`);
    await t.call('PATCH', `/v1/partners/${editing.id}`, {
      token: staff,
      body: { notes: 'Changed meanwhile' },
      headers: { 'if-match': '"2"', 'content-type': 'application/merge-patch+json' },
    });
    const stale = await postForm(
      editing.id,
      'join',
      { taxId: mst(), 'verifiedRevenue.amount': 'lots' },
      join,
    );
    expect(stale.status).toBe(412);
    expect(await stale.text()).toMatch(/name="version" value="3"/);
    expect((await stored(editing.id)).joinedAs).toBeUndefined();
  });

  it('answer 404 for an id that names no partner, and for both a member and a partner at once', async () => {
    await page('/console/partners/01ARZ3NDEKTSV4RRFFQ69G5FAV', 404);
    await page('/console/partners/not-an-id', 404);
    await page(`/console/events/${eventId}/participants/new?partner=01ARZ3NDEKTSV4RRFFQ69G5FAV`, 404);
    await page(`/console/events/${eventId}/participants/new?partner=${thai.id}&member=${thai.id}`, 404);
  });
});

async function useLocale(locale: 'ru' | 'vi' | 'en') {
  const response = await consoleRequest(t.app, cookie, '/console/settings/locale', {
    form: { locale, return: '/console/partners' },
  });
  expect(response.status).toBe(303);
}
