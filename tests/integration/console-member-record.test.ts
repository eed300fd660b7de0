/**
 * The console's member record end to end on the local runtime: what it shows (profile, tier basis,
 * contacts with consent and verification, accounts, leads, events, campaigns received, the history),
 * its edits at the version the form was filled from (saved, stale, invalid), invitations and
 * revocations, all observed through the API, the outbox and the page.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney } from '../../shared/console/i18n/format.ts';
import { newMemberValues } from '../../shared/console/pages/member/member-forms.ts';
import { partnersConsoleApi } from '../../shared/console/sections/partners-section.ts';
import { defaultRateTable } from '../../shared/domain/exchange-rates.ts';
import { sendNow } from '../support/campaign-runs.ts';
import { company } from '../support/companies.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
const cookies: Record<'en' | 'ru' | 'vi', string> = { en: '', ru: '', vi: '' };

interface Contact {
  id: string;
  name: string;
  email: string;
  phone?: string;
  emailStatus: string;
  consent: { outreach: { granted: boolean }; news: { granted: boolean } };
}
interface Member {
  id: string;
  name: string;
  taxId: string;
  tier: string | null;
  version: number;
  updatedAt: string;
  verifiedRevenue: { amount: number; currency: 'RUB' };
  contacts: Contact[];
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  // Three sessions first: a session keeps the language it was given, whatever the user saves later.
  for (const locale of ['en', 'ru', 'vi'] as const) cookies[locale] = await consoleSignIn(t.app, 'staff');
  for (const locale of ['ru', 'vi'] as const) {
    const set = await consoleRequest(t.app, cookies[locale], '/console/settings/locale', {
      form: { locale, return: '/console/settings' },
    });
    expect(set.status).toBe(303);
  }
});
afterAll(() => t.drop());

let serial = Date.now() % 100_000;

async function createMember(overrides: Record<string, unknown> = {}): Promise<Member> {
  const n = serial++;
  const created = await t.call('POST', '/v1/members', {
    token: staff,
    body: company({
      sectors: ['chemicals'],
      contacts: [
        {
          name: 'Ирина Соколова',
          email: `irina.${n}@record.test`,
          phone: '+74922123456',
          language: 'ru',
          consent: { outreach: true, news: false },
        },
        { name: 'Nguyễn Văn An', email: `an.${n}@record.test`, language: 'vi' },
      ],
      ...overrides,
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await created.json()) as Member;
}

const apiMember = async (id: string) =>
  (await (await t.call('GET', `/v1/members/${id}`, { token: staff })).json()) as Member;

const page = (
  path: string,
  locale: keyof typeof cookies = 'en',
  init: Parameters<typeof consoleRequest>[3] = {},
) => consoleRequest(t.app, cookies[locale], path, init);

/** What the record loads after itself, as htmx asks for it: matches, leads, events, campaigns, history. */
const activity = async (id: string, locale: keyof typeof cookies = 'en') => {
  const response = await page(`/console/members/${id}/activity`, locale, {
    headers: { 'hx-request': 'true' },
  });
  expect(response.status).toBe(200);
  return response.text();
};

/** The contact form as the page would post it, with `changes` on top. */
function contactForm(contact: Contact, version: number, changes: Record<string, string> = {}) {
  return {
    version: String(version),
    name: contact.name,
    email: contact.email,
    phone: contact.phone ?? '',
    position: '',
    language: 'ru',
    ...(contact.consent.outreach.granted ? { 'consent.outreach': 'on' } : {}),
    ...(contact.consent.news.granted ? { 'consent.news': 'on' } : {}),
    ...changes,
  };
}

/** The profile form as the page would post it for `m` as read, with `changes` on top. */
async function profileForm(m: Member, changes: Record<string, string | string[]> = {}) {
  const read = (await apiMember(m.id)) as Member & Record<string, unknown>;
  const fields: Record<string, string | string[]> = {
    version: String(m.version),
    name: m.name,
    country: String(read.country),
    region: String(read.region ?? ''),
    taxId: m.taxId,
    status: String(read.status),
    sectors: read.sectors as string[],
    interests: read.interests as string[],
    languages: read.languages as string[],
    targetMarkets: (read.targetMarkets as string[]).join(' '),
    website: String(read.website ?? ''),
    description: String(read.description ?? ''),
    joinedOn: String(read.joinedOn),
    'verifiedRevenue.amount': '450000000.00',
    'verifiedRevenue.currency': 'RUB',
    'declaredRevenue.amount': '',
    'declaredRevenue.currency': 'RUB',
    ...changes,
  };
  return formBody(fields);
}

/** A form's fields as the browser posts them: a list as one entry per value. */
function formBody(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  }
  return body;
}

/** The input named `name` of a page's form, as its opening tag. */
const inputTag = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '';

/** The values an edit form says it was filled from (its hidden `base`), as the browser posts them back. */
const baseOf = (html: string) =>
  (/<input type="hidden" name="base" value="([^"]*)"/.exec(html)?.[1] ?? '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

describe('the member record', () => {
  it('shows the profile, tier basis, contacts with consent, leads, events and campaigns received', async () => {
    const m = await createMember({ needs: [{ topic: 'chemicals', text: 'Катализаторы' }] });
    const supplier = await createMember({
      matchmakingVisible: true,
      offers: [{ topic: 'chemicals', text: 'Catalysts for water plants' }],
    });
    const irina = m.contacts[0]!;

    const partner = await t.call('POST', '/v1/partners', {
      token: staff,
      body: {
        name: `Đối tác ${serial++}`,
        latinName: 'Doi Tac Record',
        country: 'VN',
        sectors: ['chemicals'],
        contacts: [{ name: 'Lan', email: `lan.${serial++}@record.test`, language: 'vi' }],
      },
    });
    expect(partner.status).toBe(201);
    const lead = await t.call('POST', '/v1/leads', {
      token: staff,
      body: {
        memberId: m.id,
        partnerId: ((await partner.json()) as { id: string }).id,
        topic: 'chemicals',
        source: { type: 'referral', by: 'Trade office' },
        nextAction: { text: 'Send the specification', due: '2020-01-15' },
      },
    });
    expect(lead.status, await lead.clone().text()).toBe(201);
    const leadId = ((await lead.json()) as { id: string }).id;

    const event = await t.call('POST', '/v1/events', {
      token: staff,
      body: {
        name: { en: 'Chemicals B2B', ru: 'B2B химия', vi: 'B2B hóa chất' },
        city: 'Hanoi',
        timeZone: 'Asia/Ho_Chi_Minh',
        days: [{ date: '2027-03-16', sessions: [{ start: '10:00', end: '13:00' }] }],
        slotMinutes: 20,
        gapMinutes: 5,
        tables: [{ id: 'T1' }],
        spareTables: 0,
        registrationDeadline: '2027-03-01T21:00:00Z',
        requestDeadline: '2027-03-10T21:00:00Z',
        interpreters: [],
      },
    });
    expect(event.status, await event.clone().text()).toBe(201);
    const eventId = ((await event.json()) as { id: string }).id;
    const opened = await t.call('PATCH', `/v1/events/${eventId}`, {
      token: staff,
      body: { state: 'open' },
      headers: { 'if-match': '*' },
    });
    expect(opened.status).toBe(200);
    await t.mailEvents.idle();
    const registered = await t.call('POST', `/v1/events/${eventId}/participants`, {
      token: staff,
      body: { memberId: m.id, delegates: [{ contactId: irina.id }], languages: ['ru'] },
    });
    expect(registered.status, await registered.clone().text()).toBe(201);

    const campaign = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Химия во Вьетнаме',
        segment: { sectors: ['chemicals'] },
        replyTo: 'partnerships@example.org',
        variants: { ru: { subject: 'Вьетнам', html: '<p>{{companyName}}</p>', text: '{{companyName}}' } },
      },
    });
    expect(campaign.status, await campaign.clone().text()).toBe(201);
    const campaignId = ((await campaign.json()) as { id: string }).id;
    await sendNow(t, staff, campaignId);

    const response = await page(`/console/members/${m.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<h1>${m.name}</h1>`);
    expect(html).toContain(m.taxId);
    expect(html).toContain('Russia');
    // The tier and what it rests on: the verified revenue as staff entered it.
    expect(m.tier).not.toBeNull();
    expect(html).toContain('Tier and its basis');
    expect(html).toContain(m.tier!);
    expect(html).toContain(formatMoney('en', m.verifiedRevenue));
    // Contacts as stored, with consent per purpose and whether the address is confirmed.
    expect(html).toContain('Ирина Соколова');
    expect(html).toContain('Nguyễn Văn An');
    expect(html).toContain(irina.email);
    // A phone grouped as it is written in Russia, to be called from the page.
    expect(html).toContain('<a href="tel:+74922123456">+7 492 212-34-56</a>');
    expect(html).toContain('Partnership offers: yes');
    expect(html).toContain('News: no');
    expect(html).toMatch(/<td data-label="Email status">Confirmed<\/td>/);
    // Languages by name in the reader's language, not as codes.
    expect(html).toContain('<td data-label="Language">Russian</td>');
    expect(html).toContain('<td data-label="Language">Vietnamese</td>');
    expect(html).toContain('Катализаторы');
    // The matches and the lists load after the record, in one request; where script does not run,
    // each section is a link to its own page.
    expect(html).toContain(`hx-get="/console/members/${m.id}/activity"`);
    for (const [section, page] of Object.entries({
      matches: 'activity',
      leads: 'leads',
      events: 'events',
      campaigns: 'campaigns',
      history: 'history',
    })) {
      expect(html).toContain(`<section id="${section}"`);
      expect(html).toContain(`<a href="/console/members/${m.id}/${page}">`);
    }
    expect(html).not.toContain(`href="/console/leads/${leadId}"`);
    const fragment = await activity(m.id);
    expect(fragment).not.toContain('<html');
    expect(fragment).not.toContain('hx-get');
    // Its matches, lead, event and campaign, each linking to its own page, and its history.
    expect(fragment).toContain('<section id="matches"');
    expect(fragment).toContain(`<a href="/console/members/${supplier.id}">${supplier.name}</a>`);
    expect(fragment).toContain(`href="/console/leads/${leadId}"`);
    expect(fragment).toContain('Doi Tac Record');
    // Its next action, said to be overdue in words, as the board says it.
    expect(fragment).toMatch(/Send the specification \(due [^)]*2020<strong> · overdue<\/strong>\)/);
    expect(fragment).toContain(`href="/console/events/${eventId}"`);
    expect(fragment).toContain('Chemicals B2B');
    expect(fragment).toContain(`href="/console/campaigns/${campaignId}"`);
    expect(fragment).toContain('Химия во Вьетнаме');
    expect(fragment).toMatch(/<td data-label="[^"]+">(Sent|Delivered)<\/td>/);
    expect(fragment).toContain('<section id="history"');
    // Asked for without htmx, the same sections make a page of their own.
    const whole = await (await page(`/console/members/${m.id}/activity`)).text();
    expect(whole).toContain(`<h1>${m.name}</h1>`);
    expect(whole).toContain(`href="/console/leads/${leadId}"`);
    expect(whole).toContain(`<a href="/console/members/${supplier.id}">${supplier.name}</a>`);

    // The matches' old page leads to them.
    const oldMatches = await page(`/console/members/${m.id}/matches`);
    expect(oldMatches.status).toBe(301);
    expect(oldMatches.headers.get('location')).toBe(`/console/members/${m.id}/activity#matches`);

    // A section alone on its own page, in Russian.
    const leadsPage = await page(`/console/members/${m.id}/leads`, 'ru');
    expect(leadsPage.status).toBe(200);
    const leadsHtml = await leadsPage.text();
    expect(leadsHtml).toContain(`href="/console/leads/${leadId}"`);
    expect(leadsHtml).toContain('Сделки');
    expect(leadsHtml).toContain('<strong> · просрочено</strong>');

    // Only those names are sections: a path that merely starts or ends like one is no page.
    for (const path of ['leadsX', 'xevents', 'a/history']) {
      expect((await page(`/console/members/${m.id}/${path}`)).status, path).toBe(404);
    }
  });

  it('edits a contact at the version it was read: the API shows the change and the timeline lists it', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    const form = await page(`/console/members/${m.id}/contacts/${irina.id}`);
    expect(form.status).toBe(200);
    expect(inputTag(await form.text(), 'version')).toContain(`value="${m.version}"`);

    const saved = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'en', {
      form: contactForm(irina, m.version, {
        name: 'Ирина Петрова',
        phone: '+74951234567',
        'consent.news': 'on',
      }),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    // Back at the record's contacts, which the form edits.
    expect(saved.headers.get('location')).toBe(`/console/members/${m.id}?saved=contacts#done`);

    const after = await apiMember(m.id);
    expect(after.version).toBe(m.version + 1);
    expect(after.contacts[0]).toMatchObject({
      id: irina.id,
      name: 'Ирина Петрова',
      phone: '+74951234567',
      consent: { outreach: { granted: true }, news: { granted: true } },
    });
    expect(after.contacts[1]!.name).toBe('Nguyễn Văn An');
    const history = (await (await t.call('GET', `/v1/members/${m.id}/history`, { token: staff })).json()) as {
      items: { action: string; changes: { field: string; old: unknown; new: unknown }[] }[];
    };
    expect(history.items[0]!.action).toBe('update');
    expect(history.items[0]!.changes).toContainEqual({
      field: `contacts.${irina.id}.name`,
      old: 'Ирина Соколова',
      new: 'Ирина Петрова',
    });

    // The page opens at the notice, just above the section that was saved, so both are in view.
    expect(await (await page(`/console/members/${m.id}?saved=contacts`)).text()).toContain(
      '<p role="status" id="done">Saved.</p><section id="contacts"',
    );
    expect(await (await page(`/console/members/${m.id}?saved=offers`)).text()).toContain(
      '<p role="status" id="done">Saved.</p><section id="offers"',
    );
    expect(await (await page(`/console/members/${m.id}?saved`)).text()).toContain(
      '<p role="status" id="done">Saved.</p><section id="profile"',
    );
    const html = await activity(m.id);
    const timeline = html.slice(html.indexOf('id="history"'));
    expect(timeline).toContain('Edited');
    expect(timeline).toContain('Ирина Петрова · Name: Ирина Соколова → Ирина Петрова');
    expect(timeline).toContain('Created');
  });

  it('refuses a stale version with the conflict page in the reader’s language, writing nothing', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    // Someone else changes the member after the form was filled.
    const other = await t.call('PATCH', `/v1/members/${m.id}`, {
      token: staff,
      body: { contacts: [{ ...irina, name: 'Ирина Другая' }, m.contacts[1]] },
      headers: { 'if-match': `"${m.version}"` },
    });
    expect(other.status, await other.clone().text()).toBe(200);
    const before = await apiMember(m.id);

    const stale = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: contactForm(irina, m.version, { name: 'Ирина Моя' }),
    });
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('Изменено другим пользователем');
    expect(html).toContain('Ваши правки не сохранены.');
    // What is stored now beside what was sent, and the form again at the current version.
    expect(html).toContain('Ирина Другая');
    expect(html).toContain('Ирина Моя');
    expect(inputTag(html, 'version')).toContain(`value="${before.version}"`);
    expect(html).toContain(`href="/console/members/${m.id}"`);
    expect(await apiMember(m.id)).toEqual(before);

    // A post naming no version, or one never issued, is no form of the page's: refused as the API
    // refuses a missing or foreign If-Match (428, 412), in the reader's language, writing nothing.
    const { version: _, ...unversioned } = contactForm(irina, before.version, { name: 'Ирина Моя' });
    const missing = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'vi', { form: unversioned });
    expect(missing.status).toBe(428);
    expect(await missing.text()).toContain('Biểu mẫu đã cũ');
    const foreign = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: { ...unversioned, version: 'latest' },
    });
    expect(foreign.status).toBe(412);
    expect(await apiMember(m.id)).toEqual(before);

    // Applied again from the conflict page, at the current version, it is saved.
    const reapplied = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: contactForm(irina, before.version, { name: 'Ирина Моя' }),
    });
    expect(reapplied.status).toBe(303);
    expect((await apiMember(m.id)).contacts[0]!.name).toBe('Ирина Моя');
  });

  it('brings back only the user’s own edits over a colleague’s save: what they left as it was shows the colleague’s value', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    const formPath = `/console/members/${m.id}/contacts/${irina.id}`;
    const base = baseOf(await (await page(formPath)).text());
    expect(JSON.parse(base)).toMatchObject({ name: irina.name, phone: irina.phone, position: '' });
    // A colleague gives Irina a position; this user, on the form read before, changes her phone only.
    const other = await t.call('PATCH', `/v1/members/${m.id}`, {
      token: staff,
      body: { contacts: [{ ...irina, position: 'Президент' }, m.contacts[1]] },
      headers: { 'if-match': `"${m.version}"` },
    });
    expect(other.status, await other.clone().text()).toBe(200);
    const stale = await page(formPath, 'ru', {
      form: { ...contactForm(irina, m.version, { phone: '+74955556677' }), base },
    });
    expect(stale.status).toBe(412);
    const html = await stale.text();
    // A change through the API by someone who never opened the console: their role.
    expect(html).toMatch(/<p>Последнее изменение: сотрудник, [^<]+\.<\/p>/);
    expect(inputTag(html, 'position')).toContain('value="Президент"');
    expect(inputTag(html, 'phone')).toContain('value="+74955556677"');
    // What changed since the form was read: the phone by this user, the position by the colleague
    // (theirs kept), each with its value then and now.
    const compared = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    expect(compared).toContain(
      '<th scope="col">Поле</th><th scope="col">Когда вы открыли форму</th><th scope="col">Сейчас в карточке</th><th scope="col">Ваше изменение</th>',
    );
    expect(compared).toContain(
      `<tr><th scope="row">Телефон</th><td>${irina.phone}</td><td>${irina.phone}</td><td>+74955556677</td></tr>`,
    );
    expect(compared).toContain(
      '<tr><th scope="row">Должность</th><td>—</td><td>Президент</td><td><em>не меняли</em></td></tr>',
    );
    expect(compared).not.toContain('изменили оба');
    // Applied from that page, the phone is hers and the colleague's position stays.
    const current = (await apiMember(m.id)).contacts[0]!;
    const reapplied = await page(formPath, 'ru', {
      form: {
        ...contactForm({ ...current, phone: '+74955556677' }, m.version + 1, { position: 'Президент' }),
        base: baseOf(html),
      },
    });
    expect(reapplied.status, await reapplied.clone().text()).toBe(303);
    expect((await apiMember(m.id)).contacts[0]).toMatchObject({
      phone: '+74955556677',
      position: 'Президент',
    });
  });

  it('marks a field the user and a colleague both changed, differently, on the conflict page', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    const formPath = `/console/members/${m.id}/contacts/${irina.id}`;
    const base = baseOf(await (await page(formPath)).text());
    const other = await t.call('PATCH', `/v1/members/${m.id}`, {
      token: staff,
      body: { contacts: [{ ...irina, phone: '+74951112233' }, m.contacts[1]] },
      headers: { 'if-match': `"${m.version}"` },
    });
    expect(other.status, await other.clone().text()).toBe(200);
    const stale = await page(formPath, 'vi', {
      form: { ...contactForm(irina, m.version, { phone: '+74955556677' }), base },
    });
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain(
      `<tr><th scope="row">Điện thoại <strong class="error">(cả hai cùng sửa)</strong></th><td>${irina.phone}</td><td>+74951112233</td><td>+74955556677</td></tr>`,
    );
    // The form keeps this user's entry over the colleague's, to apply or change.
    expect(inputTag(html, 'phone')).toContain('value="+74955556677"');
    expect((await apiMember(m.id)).contacts[0]!.phone).toBe('+74951112233');
  });

  it('takes a phone number as staff copy it from a card, and says the form it wants when it cannot read one', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    const saved = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: contactForm(irina, m.version, { phone: '8 (423) 222-33-44' }),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect((await apiMember(m.id)).contacts[0]!.phone).toBe('+74232223344');
    const refused = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: contactForm(irina, m.version + 1, { phone: '222-33-44' }),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(
      '<small id="f-phone-error" class="field-error">Международный номер с кодом страны, например +7 423 222-33-44 или +84 912 345 678; местный — только так, как его набирают в стране компании: 8 423… в России, 0912… во Вьетнаме.</small>',
    );
  });

  it('shows an invalid email beside its field, in Russian and Vietnamese, writing nothing', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    const messages = { ru: 'Это не адрес электронной почты.', vi: 'Không phải địa chỉ email.' };
    for (const locale of ['ru', 'vi'] as const) {
      const refused = await page(`/console/members/${m.id}/contacts/${irina.id}`, locale, {
        form: contactForm(irina, m.version, { email: 'not-an-address', name: 'Ирина Новая' }),
      });
      expect(refused.status).toBe(422);
      const html = await refused.text();
      const email = inputTag(html, 'email');
      expect(email).toContain('aria-invalid="true"');
      expect(email).toContain('aria-describedby="f-email-error"');
      expect(email).toContain('value="not-an-address"');
      expect(html).toContain(`<small id="f-email-error" class="field-error">${messages[locale]}</small>`);
      // Only the field in error is marked.
      expect(inputTag(html, 'name')).not.toContain('aria-invalid');
      expect(inputTag(html, 'version')).toContain(`value="${m.version}"`);
    }
    // Left empty, the address is missing, which is what the field says.
    const empty = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: contactForm(irina, m.version, { email: '' }),
    });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(
      '<small id="f-email-error" class="field-error">Обязательное поле.</small>',
    );
    expect(await apiMember(m.id)).toEqual(m);
  });

  it('writes nothing when the profile is saved as it was, its lists in the form’s own order', async () => {
    const m = await createMember({
      interests: ['workforce-training', 'technology-transfer'],
      languages: ['vi', 'ru'],
    });
    const read = (await apiMember(m.id)) as Member & { interests: string[] };
    const saved = await page(`/console/members/${m.id}/profile`, 'en', {
      form: await profileForm(m, {
        interests: [...read.interests].reverse(),
        languages: ['ru', 'vi'],
        'verifiedRevenue.amount': String(m.verifiedRevenue.amount / 100),
      }),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    const after = await apiMember(m.id);
    expect(after.version).toBe(m.version);
    expect(after).toEqual(m);
  });

  it('takes a website typed without its scheme as https, and leaves what is no host name to the schema', async () => {
    const m = await createMember();
    const refused = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, { website: 'vladalyans' }),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Это не веб-адрес.');
    const saved = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, { website: 'vladalyans.ru/o-nas' }),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect(((await apiMember(m.id)) as Member & { website?: string }).website).toBe(
      'https://vladalyans.ru/o-nas',
    );
  });

  it('edits the profile, refusing an invalid website beside its field and a stale version', async () => {
    const m = await createMember();
    const form = await (await page(`/console/members/${m.id}/profile`)).text();
    expect(inputTag(form, 'taxId')).toContain(`value="${m.taxId}"`);
    const body = await profileForm(m, {
      targetMarkets: 'VN th',
      website: 'https://record.example',
      sectors: ['chemicals', 'energy'],
    });
    const bad = new URLSearchParams(body);
    bad.set('website', 'not a url');
    const refused = await page(`/console/members/${m.id}/profile`, 'vi', { form: bad });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(inputTag(html, 'website')).toContain('aria-invalid="true"');
    expect(html).toContain('<small id="f-website-error" class="field-error">Không phải địa chỉ web.</small>');
    expect(await apiMember(m.id)).toEqual(m);

    const saved = await page(`/console/members/${m.id}/profile`, 'en', { form: body });
    expect(saved.status, await saved.clone().text()).toBe(303);
    // The tier stayed: the record opens at a plain "Saved."
    expect(saved.headers.get('location')).toBe(`/console/members/${m.id}?saved#done`);
    expect(await (await page(`/console/members/${m.id}?saved`)).text()).toContain(
      '<p role="status" id="done">Saved.</p>',
    );
    const after = (await apiMember(m.id)) as Member & {
      website: string;
      sectors: string[];
      targetMarkets: string[];
    };
    expect(after).toMatchObject({
      website: 'https://record.example',
      sectors: ['chemicals', 'energy'],
      targetMarkets: ['VN', 'TH'],
      verifiedRevenue: m.verifiedRevenue,
    });
    // Only what changed was written: the verified revenue, sent unchanged, kept its history.
    const history = (await (await t.call('GET', `/v1/members/${m.id}/history`, { token: staff })).json()) as {
      items: { changes: { field: string }[] }[];
    };
    expect(history.items[0]!.changes.map((c) => c.field).sort()).toEqual([
      'sectors',
      'targetMarkets',
      'website',
    ]);

    // The same form again, filled from the version before: someone else has changed the member since.
    body.set('website', 'https://stale.example');
    const stale = await page(`/console/members/${m.id}/profile`, 'en', { form: body });
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    // The "someone else" was this user, in another tab: said so, with when.
    expect(staleHtml).toMatch(
      /<p>You saved it yourself, in another tab or window, [^<]*\d{4}[^<]*\d{1,2}:\d{2}[^<]*\.<\/p>/,
    );
    expect(staleHtml).toContain('<h2 id="conflict-title" tabindex="-1" data-focus="true">');
    expect(staleHtml).toContain('Changed by someone else');
    expect(staleHtml).toMatch(
      /<th scope="row">Website<\/th><td>https:\/\/record.example<\/td><td>https:\/\/stale.example<\/td>/,
    );
    expect(inputTag(staleHtml, 'version')).toContain(`value="${after.version}"`);
    expect(await apiMember(m.id)).toEqual(after);
  });

  it("names a region in the reader's language on the record, the form's suggestions, the conflict page and the timeline", async () => {
    const m = await createMember();
    const profileRow = (html: string) =>
      /<th scope="row">[^<]*<\/th><td>([^<]*\(RU-VLA\))<\/td>/.exec(html)?.[1];
    // A Russian reader reads a Russian region in Russian, a Vietnamese reader as Vietnamese writes
    // it, an English reader in English.
    expect(profileRow(await (await page(`/console/members/${m.id}`, 'ru')).text())).toBe(
      'Владимирская область (RU-VLA)',
    );
    expect(profileRow(await (await page(`/console/members/${m.id}`, 'vi')).text())).toBe(
      'Tỉnh Vladimir (RU-VLA)',
    );
    expect(profileRow(await (await page(`/console/members/${m.id}`, 'en')).text())).toBe(
      'Vladimir Oblast (RU-VLA)',
    );

    // The form shows places by their names for the reader and suggests every listed one by name, its
    // code beside it, and the name without its tones for whoever types it so; another country's
    // region is typed.
    const form = await (await page(`/console/members/${m.id}/profile`, 'vi')).text();
    expect(inputTag(form, 'region')).toContain('list="region-list"');
    expect(inputTag(form, 'region')).toContain('value="Tỉnh Vladimir"');
    expect(inputTag(form, 'country')).toContain('list="country-list"');
    expect(inputTag(form, 'country')).toContain('value="Nga"');
    // The suggestions come from the lists' URLs the form's (empty) datalists name, by name.
    const listOf = async (id: string) => {
      const src = new RegExp(`<datalist id="${id}" data-src="([^"]+)"></datalist>`).exec(form)?.[1];
      expect(src, id).toMatch(/^\/console\/places\/\w+\?lang=vi&amp;by=name$/);
      return (await page(src!.replaceAll('&amp;', '&'), 'vi')).text();
    };
    const countries = await listOf('country-list');
    expect(countries).toContain('<option value="Việt Nam">VN · Viet Nam</option>');
    expect(countries).toContain('<option value="Nga">RU</option>');
    const suggested = [
      ...(await listOf('region-list')).matchAll(
        /<option value="([^"]*)">([A-Z]{2}-[A-Z0-9]{1,3})( · [^(<]*)?( \([^)<]*\))?<\/option>/g,
      ),
    ];
    expect(suggested).toHaveLength(83 + 63);
    expect(suggested.find(([, , code]) => code === 'VN-HN')?.[0]).toBe(
      '<option value="Hà Nội">VN-HN · Ha Noi</option>',
    );
    expect(suggested.find(([, , code]) => code === 'RU-MOW')?.[1]).toBe('Mát-xcơ-va');
    // A province merged in 2025, after the 34 as they are now, with the one it is part of.
    expect(suggested.findIndex(([, , code]) => code === 'VN-57')).toBeGreaterThan(
      suggested.findIndex(([, , code]) => code === 'VN-SG'),
    );
    expect(suggested.find(([, , code]) => code === 'VN-57')?.[0]).toContain(
      '<option value="Bình Dương">VN-57 · Binh Duong (từ năm 2025 thuộc Thành phố Hồ Chí Minh)</option>',
    );

    // Moved by a colleague (an admin, in the console).
    const moved = await consoleRequest(
      t.app,
      await consoleSignIn(t.app, 'admin'),
      `/console/members/${m.id}/profile`,
      {
        form: await profileForm(m, { region: 'ru-spe' }),
      },
    );
    expect(moved.status, await moved.clone().text()).toBe(303);
    const timeline = await activity(m.id, 'vi');
    expect(timeline).toContain('Tỉnh/vùng: Tỉnh Vladimir (RU-VLA) → Xanh Pê-téc-bua (RU-SPE)');

    // The form filled before the move, sent again: the comparison names both regions for the reader.
    const stale = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, { region: 'RU-MOW', languages: ['ru', 'vi'] }),
    });
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    // Who changed it meanwhile, by the staff roster's name, in which role and when.
    expect(staleHtml).toMatch(
      /<p>Последнее изменение: dev-admin@bridge-crm\.localhost \(администратор\), [^<]*\d{4}[^<]*\d{1,2}:\d{2}[^<]*\.<\/p>/,
    );
    expect(staleHtml).toMatch(/<th scope="row">Регион<\/th><td>Санкт-Петербург<\/td><td>Москва<\/td>/);
    // An amount sent as 450000000.00 is the one shown as 450 000 000,00: no change to compare.
    expect(staleHtml).not.toContain('Подтверждённая выручка: Сумма');
    // Languages as the form's options name them, not as codes.
    expect(staleHtml).toMatch(/<th scope="row">Языки<\/th><td>Русский<\/td><td>Русский, Tiếng Việt<\/td>/);
  });

  it('shows places by name and amounts as the reader writes them, reads names in any language back, and refuses a place it does not know', async () => {
    const m = await createMember({ targetMarkets: ['VN'] });
    const amountTag = (html: string) => inputTag(html, 'verifiedRevenue\\.amount');
    const ru = await (await page(`/console/members/${m.id}/profile`, 'ru')).text();
    expect(inputTag(ru, 'country')).toContain('value="Россия"');
    expect(inputTag(ru, 'region')).toContain('value="Владимирская область"');
    expect(inputTag(ru, 'targetMarkets')).toContain('value="Вьетнам"');
    expect(amountTag(ru)).toContain('value="450 000 000,00"');
    expect(amountTag(await (await page(`/console/members/${m.id}/profile`, 'vi')).text())).toContain(
      'value="450.000.000,00"',
    );
    expect(amountTag(await (await page(`/console/members/${m.id}/profile`, 'en')).text())).toContain(
      'value="450,000,000.00"',
    );

    // Sent back as shown, nothing changed: nothing is written.
    const asShown = {
      country: 'Россия',
      region: 'Владимирская область',
      targetMarkets: 'Вьетнам',
      'verifiedRevenue.amount': '450 000 000,00',
    };
    const same = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, asShown),
    });
    expect(same.status, await same.clone().text()).toBe(303);
    expect(await apiMember(m.id)).toEqual(m);

    // An unknown place, alone or in a list: said beside its input, nothing written.
    const unknown = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, { ...asShown, country: 'Атлантида', targetMarkets: 'Таиланд, Нарния' }),
    });
    expect(unknown.status).toBe(422);
    const refused = await unknown.text();
    expect(refused).toContain('Такой страны мы не знаем: «Атлантида».');
    expect(refused).toContain('Такой страны мы не знаем: «Нарния».');
    expect(inputTag(refused, 'country')).toContain('aria-invalid="true"');
    expect(await apiMember(m.id)).toEqual(m);

    // Names in any of the console's languages, or codes, are written as codes.
    const moved = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, {
        ...asShown,
        country: 'russia',
        region: 'Saint Petersburg',
        targetMarkets: 'Таиланд, Laos; vn, Việt Nam',
        'verifiedRevenue.amount': '460 000 000,50',
      }),
    });
    expect(moved.status, await moved.clone().text()).toBe(303);
    expect(await apiMember(m.id)).toMatchObject({
      country: 'RU',
      region: 'RU-SPE',
      targetMarkets: ['TH', 'LA', 'VN'],
      verifiedRevenue: { amount: 46_000_000_050, currency: 'RUB' },
    });
  });

  it('reads each change of the timeline in words: countries, languages, topics, the tier by its label, dates', async () => {
    const m = await createMember();
    const saved = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, {
        targetMarkets: 'VN TH',
        languages: ['ru', 'vi'],
        sectors: ['chemicals', 'energy'],
        joinedOn: '2020-03-01',
        'verifiedRevenue.amount': '460000000.00',
      }),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    const changeLines = async (path: string) =>
      [
        ...(await (await page(path, 'ru', { headers: { 'hx-request': 'true' } })).text()).matchAll(
          /<li>([^<]*→[^<]*)<\/li>/g,
        ),
      ].map((line) => line[1]);
    const lines = await changeLines(`/console/members/${m.id}/activity`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Отрасли: Химическая промышленность → Химическая промышленность, Энергетика',
        'Целевые рынки: — → Вьетнам, Таиланд',
        'Языки: Русский → Русский, Вьетнамский',
        expect.stringMatching(/^Участник с: \d{1,2} [а-я]+\.? \d{4} г\. → 1 мар\. 2020 г\.$/),
        'Страна: — → Россия',
        'Категория: — → Малое предприятие',
      ]),
    );
    // Who made each change: the console's user by name, the API's token user (never signed in) by id.
    const timeline = await activity(m.id, 'ru');
    expect(timeline).toMatch(/<strong>Изменён<\/strong> · <span>dev-staff@bridge-crm\.localhost<\/span> \(/);
    expect(timeline).toMatch(/<strong>Создан<\/strong> · <code>local-staff<\/code> \(/);
    expect(await (await page(`/console/members/${m.id}`, 'ru')).text()).toMatch(
      /<th scope="row">Подтвердил<\/th>\s*<td><span>dev-staff@bridge-crm\.localhost<\/span><\/td>/,
    );
    // The history's own page reads the tier table too.
    expect(await changeLines(`/console/members/${m.id}/history`)).toContain(
      'Категория: — → Малое предприятие',
    );
  });

  it('says which tier a saved revenue moved the member to, and from which', async () => {
    const m = await createMember();
    expect((await apiMember(m.id)).tier).toBe('small');
    const saved = await page(`/console/members/${m.id}/profile`, 'ru', {
      form: await profileForm(m, { 'verifiedRevenue.amount': '1500000000.00' }),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect((await apiMember(m.id)).tier).toBe('medium');
    // The record's notice names both; the former comes with the address, the current from the member.
    const location = saved.headers.get('location')!;
    expect(location).toBe(`/console/members/${m.id}?saved&tierWas=small#done`);
    expect(await (await page(location.replace('#done', ''), 'ru')).text()).toContain(
      '<p role="status" id="done">Сохранено. Категория теперь «Среднее предприятие» (была «Малое предприятие»).</p>',
    );
    expect(await (await page(location.replace('#done', ''), 'vi')).text()).toContain(
      '<p role="status" id="done">Đã lưu. Hạng hội viên nay là “Doanh nghiệp vừa” (trước đây: “Doanh nghiệp nhỏ”).</p>',
    );
    // An address naming the tier the member is in now, or none the table has, says no more than a save.
    for (const tierWas of ['medium', 'spoofed-words']) {
      expect(await (await page(`/console/members/${m.id}?saved&tierWas=${tierWas}`, 'en')).text()).toContain(
        '<p role="status" id="done">Saved.</p>',
      );
    }
  });

  it("says a revenue the tiers cannot convert in the reader's language, writing nothing", async () => {
    const m = await createMember();
    const huge = await profileForm(m, {
      'verifiedRevenue.amount': '5000000000000.00',
      'verifiedRevenue.currency': 'USD',
    });
    const tooLarge = await page(`/console/members/${m.id}/profile`, 'ru', { form: huge });
    expect(tooLarge.status).toBe(422);
    expect(await tooLarge.text()).toContain('Сумма слишком велика для пересчёта в RUB.');

    const admin = await t.token('admin');
    const etag = (await t.call('GET', '/v1/exchange-rates', { token: admin })).headers.get('etag')!;
    const withoutThb = {
      ...defaultRateTable,
      rates: defaultRateTable.rates.filter((r) => r.currency !== 'THB'),
    };
    const saved = await t.call('PUT', '/v1/exchange-rates', {
      token: admin,
      body: withoutThb,
      headers: { 'if-match': etag },
    });
    expect(saved.status).toBe(200);
    await t.jobs.idle();
    const thb = await profileForm(m, {
      'verifiedRevenue.amount': '1000000.00',
      'verifiedRevenue.currency': 'THB',
    });
    const noRate = await page(`/console/members/${m.id}/profile`, 'vi', { form: thb });
    expect(noRate.status).toBe(422);
    const html = await noRate.text();
    expect(html).toMatch(/Ngày \d{4}-\d{2}-\d{2} chưa có tỷ giá THB có hiệu lực/);
    expect(html).not.toContain('Cannot be converted');
    expect(await apiMember(m.id)).toEqual(m);
  });

  it('refuses staff reinstating a resigned member, as the API does, and lets an admin', async () => {
    const m = await createMember();
    const resigned = await t.call('DELETE', `/v1/members/${m.id}`, {
      token: await t.token('admin'),
      headers: { 'if-match': `"${m.version}"` },
    });
    expect(resigned.status).toBe(200);
    const before = await apiMember(m.id);
    const reinstate = await profileForm(before, { status: 'active' });
    const refused = await page(`/console/members/${m.id}/profile`, 'en', { form: reinstate });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Not allowed');
    // At a stale version too, authorization comes first: 403 from both, not a 412 from the console.
    const staleForm = await profileForm(before, { status: 'active', version: String(m.version) });
    const stale = await page(`/console/members/${m.id}/profile`, 'en', { form: staleForm });
    expect(stale.status).toBe(403);
    const staleApi = await t.call('PATCH', `/v1/members/${m.id}`, {
      token: await t.token('staff'),
      headers: { 'if-match': `"${m.version}"`, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ status: 'active' }),
    });
    expect(staleApi.status).toBe(403);
    expect(await apiMember(m.id)).toEqual(before);

    const admin = await consoleSignIn(t.app, 'admin');
    const done = await consoleRequest(t.app, admin, `/console/members/${m.id}/profile`, { form: reinstate });
    expect(done.status).toBe(303);
    expect(((await apiMember(m.id)) as Member & { status: string }).status).toBe('active');
  });

  it('adds a contact, its address confirmed as staff enter it, and refuses one sharing an address', async () => {
    const m = await createMember();
    const form = await (await page(`/console/members/${m.id}/contacts/new`)).text();
    expect(inputTag(form, 'version')).toContain(`value="${m.version}"`);
    expect(inputTag(form, 'email')).toContain('value=""');
    const contact = {
      version: String(m.version),
      name: 'Олег Новиков',
      email: 'Oleg.Novikov@Record.test',
      phone: '',
      position: 'Инженер',
      language: 'ru',
      'consent.outreach': 'on',
    };
    const duplicate = await page(`/console/members/${m.id}/contacts/new`, 'ru', {
      form: { ...contact, email: m.contacts[1]!.email },
    });
    expect(duplicate.status).toBe(422);
    const html = await duplicate.text();
    expect(inputTag(html, 'email')).toContain('aria-invalid="true"');
    expect(html).toContain(
      '<small id="f-email-error" class="field-error">Этот адрес уже указан у другого контакта.</small>',
    );
    expect(await apiMember(m.id)).toEqual(m);
    // An address another member holds: the uniqueness guard's 409, said in the reader's language.
    const other = await createMember();
    const held = await page(`/console/members/${m.id}/contacts/new`, 'vi', {
      form: { ...contact, email: other.contacts[0]!.email },
    });
    expect(held.status).toBe(409);
    expect(await held.text()).toContain(
      '<small id="f-email-error" class="field-error">Địa chỉ này đã thuộc về một hội viên hoặc đối tác khác.</small>',
    );
    expect(await apiMember(m.id)).toEqual(m);

    const added = await page(`/console/members/${m.id}/contacts/new`, 'en', { form: contact });
    expect(added.status, await added.clone().text()).toBe(303);
    const after = await apiMember(m.id);
    expect(after.contacts).toHaveLength(3);
    expect(after.contacts.slice(0, 2)).toEqual(m.contacts);
    expect(after.contacts[2]).toMatchObject({
      name: 'Олег Новиков',
      email: 'oleg.novikov@record.test',
      emailStatus: 'verified',
      consent: { outreach: { granted: true, source: 'staff' }, news: { granted: false } },
    });
    // The timeline says a contact was added, by name (not "Олег Новиков: — → Олег Новиков").
    const timeline = await (await page(`/console/members/${m.id}/history`, 'ru')).text();
    expect(timeline).toContain('<li>Добавлен контакт: Олег Новиков</li>');
  });

  it('edits the offers and needs, each error beside its row', async () => {
    const m = await createMember({ offers: [{ topic: 'chemicals', text: 'Реагенты' }] });
    const form = await (await page(`/console/members/${m.id}/offers`)).text();
    expect(inputTag(form, 'offers.0.text')).toContain('value="Реагенты"');
    // The stored row and two blank ones to add with.
    expect(inputTag(form, 'offers.2.text')).toContain('value=""');
    expect(inputTag(form, 'offers.3.text')).toBe('');
    const rows = {
      version: String(m.version),
      'offers.0.topic': 'chemicals',
      'offers.0.text': 'Реагенты для водоподготовки',
      'offers.1.topic': 'logistics',
      'offers.1.text': '',
      'needs.0.topic': 'investment',
      'needs.0.text': 'Инвестор для завода',
    };
    const refused = await page(`/console/members/${m.id}/offers`, 'vi', { form: rows });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(inputTag(html, 'offers.1.text')).toContain('aria-invalid="true"');
    expect(html).toContain(
      '<small id="f-offers-1-text-error" class="field-error">Không được để trống.</small>',
    );
    expect(inputTag(html, 'offers.0.text')).not.toContain('aria-invalid');
    expect(await apiMember(m.id)).toEqual(m);

    const saved = await page(`/console/members/${m.id}/offers`, 'en', {
      form: { ...rows, 'offers.1.text': 'Доставка в Хайфон' },
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect(await apiMember(m.id)).toMatchObject({
      offers: [
        { topic: 'chemicals', text: 'Реагенты для водоподготовки' },
        { topic: 'logistics', text: 'Доставка в Хайфон' },
      ],
      needs: [{ topic: 'investment', text: 'Инвестор для завода' }],
    });
    const record = await (await page(`/console/members/${m.id}`)).text();
    expect(record).toContain('Инвестор для завода');
  });

  it('invites a contact to an account and revokes it', async () => {
    const m = await createMember();
    const irina = m.contacts[0]!;
    const invited = await page(`/console/members/${m.id}/contacts/${irina.id}/invitation`, 'en', {
      form: {},
    });
    expect(invited.status, await invited.clone().text()).toBe(303);
    expect(invited.headers.get('location')).toBe(`/console/members/${m.id}?invited#done`);

    const accounts = async () =>
      (
        (await (await t.call('GET', `/v1/members/${m.id}/accounts`, { token: staff })).json()) as {
          items: { accountId: string; contactId: string; state: string }[];
        }
      ).items;
    const [account] = await accounts();
    expect(account).toMatchObject({ contactId: irina.id, state: 'invited' });
    await t.sends.idle();
    const files = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml'));
    const emails = await Promise.all(
      files.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))),
    );
    const invitation = emails.filter((e) => e.to?.some((a) => a.address === irina.email));
    expect(invitation).toHaveLength(1);
    const link = /https?:\/\/[^/\s]+(\/accept-invitation\/[A-Za-z0-9._-]+)/.exec(
      invitation[0]!.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    // Irina opens it: the record's history names her for what her account did.
    const opened = await t.call('POST', link!, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        password: 'Hanoi-2026-Vladimir!',
        repeat: 'Hanoi-2026-Vladimir!',
      }).toString(),
    });
    expect(opened.status).toBe(200);
    await t.mailEvents.idle();
    const activated = await activity(m.id);
    expect(activated).toContain(`<strong>Account activated</strong> · <span>${irina.name}</span> (member)`);

    const shown = await (await page(`/console/members/${m.id}?invited`)).text();
    expect(shown).toContain(
      '<p role="status" id="done">The invitation is on its way.</p><section id="accounts"',
    );
    const accountsSection = shown.slice(shown.indexOf('id="accounts"'), shown.indexOf('id="offers"'));
    expect(accountsSection).toContain(irina.email);
    expect(accountsSection).toMatch(/<td data-label="[^"]+">Active<\/td>/);
    expect(accountsSection).toContain(`/console/members/${m.id}/accounts/${account!.accountId}/revoke`);
    expect(accountsSection).toContain(
      `data-confirm="Revoke the account of ${irina.name} (${irina.email})? They can no longer sign in."`,
    );

    const revokePath = `/console/members/${m.id}/accounts/${account!.accountId}/revoke`;
    // Where script does not run, the button's question is a page: nothing is revoked until it is answered.
    const asked = await page(revokePath, 'en', { form: {} });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(
      `<p role="alert">Revoke the account of ${irina.name} (${irina.email})? They can no longer sign in.</p><input type="hidden" name="confirmed" value="yes"/>`,
    );
    expect((await accounts())[0]).toMatchObject({ accountId: account!.accountId, state: 'active' });
    const revoked = await page(revokePath, 'en', { form: { confirmed: 'yes' } });
    expect(revoked.status).toBe(303);
    expect((await accounts())[0]).toMatchObject({ accountId: account!.accountId, state: 'disabled' });
    const after = await (await page(`/console/members/${m.id}?revoked`)).text();
    expect(after).toContain('The account is revoked.');
    expect(after).toMatch(/<td data-label="[^"]+">Revoked<\/td>/);
    expect(await activity(m.id)).toContain('Account revoked');
  });

  it('removes a contact at the version the record showed, revoking its account; a stale one gets the conflict page', async () => {
    const m = await createMember();
    const [irina, an] = m.contacts as [Contact, Contact];
    const record = await (await page(`/console/members/${m.id}`)).text();
    const contacts = record.slice(record.indexOf('id="contacts"'), record.indexOf('id="accounts"'));
    const irinaBase = baseOf(await (await page(`/console/members/${m.id}/contacts/${irina.id}`)).text());
    const removeAction = `/console/members/${m.id}/contacts/${an.id}/remove`;
    expect(contacts).toContain(`action="${removeAction}"`);
    expect(contacts).toContain(`data-confirm="Remove ${an.name} from the member’s contacts?`);

    const invited = await page(`/console/members/${m.id}/contacts/${irina.id}/invitation`, 'en', {
      form: {},
    });
    expect(invited.status).toBe(303);
    // Someone else edits the member first: the removal at the version shown writes nothing.
    const other = await t.call('PATCH', `/v1/members/${m.id}`, {
      token: staff,
      body: { description: 'Changed meanwhile' },
      headers: { 'if-match': `"${m.version}"` },
    });
    expect(other.status).toBe(200);
    const before = await apiMember(m.id);
    expect(before.version).toBeGreaterThan(m.version);
    const stale = await page(removeAction, 'vi', { form: { version: String(m.version) } });
    expect(stale.status).toBe(412);
    const conflictPage = await stale.text();
    expect(conflictPage).toContain(`Xóa ${an.name}`);
    expect(inputTag(conflictPage, 'version')).toContain(`value="${before.version}"`);
    expect(await apiMember(m.id)).toEqual(before);

    // Irina, invited, is removed at the current version, once confirmed (a page asks where script does
    // not run): her account is revoked with her.
    const removePath = `/console/members/${m.id}/contacts/${irina.id}/remove`;
    const asked = await page(removePath, 'en', { form: { version: String(before.version) } });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain(`<p role="alert">Remove ${irina.name} from the member’s contacts?`);
    expect(question).toContain(`<input type="hidden" name="version" value="${before.version}"/>`);
    expect(await apiMember(m.id)).toEqual(before);
    const removed = await page(removePath, 'en', {
      form: { version: String(before.version), confirmed: 'yes' },
    });
    expect(removed.status, await removed.clone().text()).toBe(303);
    expect(removed.headers.get('location')).toBe(`/console/members/${m.id}?removed#done`);
    const after = await apiMember(m.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.contacts.map((c) => c.id)).toEqual([an.id]);
    const accounts = (
      (await (await t.call('GET', `/v1/members/${m.id}/accounts`, { token: staff })).json()) as {
        items: { contactId: string; state: string }[];
      }
    ).items;
    expect(accounts).toEqual([expect.objectContaining({ contactId: irina.id, state: 'disabled' })]);
    const shown = await (await page(`/console/members/${m.id}?removed`, 'ru')).text();
    expect(shown).toContain('<p role="status" id="done">Контакт удалён.</p><section id="contacts"');
    expect(shown.slice(shown.indexOf('id="contacts"'), shown.indexOf('id="accounts"'))).not.toContain(
      irina.email,
    );
    expect(await activity(m.id, 'ru')).toContain(`<li>Удалён контакт: ${irina.name}</li>`);

    // A contact no longer there is the not-found page, and changes nothing.
    const again = await page(removePath, 'en', {
      form: { version: String(after.version), confirmed: 'yes' },
    });
    expect(again.status).toBe(404);
    expect(await apiMember(m.id)).toEqual(after);
    // Her edit form, posted after she was removed, writes nothing and offers what was typed as a new contact.
    const edited = await page(`/console/members/${m.id}/contacts/${irina.id}`, 'ru', {
      form: { ...contactForm(irina, m.version, { position: 'Главный бухгалтер' }), base: irinaBase },
    });
    expect(edited.status).toBe(404);
    const offered = await edited.text();
    expect(offered).toContain('Пока вы редактировали, этот контакт удалили; ничего не сохранено.');
    expect(offered).toContain(`action="/console/members/${m.id}/contacts/new"`);
    expect(inputTag(offered, 'position')).toContain('value="Главный бухгалтер"');
    expect(inputTag(offered, 'version')).toContain(`value="${after.version}"`);
    expect(await apiMember(m.id)).toEqual(after);
  });

  it('pages a long history on the timeline’s own page, oldest last', async () => {
    const m = await createMember();
    for (let i = 1; i <= 21; i++) {
      const changed = await t.call('PATCH', `/v1/members/${m.id}`, {
        token: staff,
        body: { description: `Описание ${i}` },
        headers: { 'if-match': '*' },
      });
      expect(changed.status).toBe(200);
    }
    const html = await activity(m.id);
    const timeline = html.slice(html.indexOf('id="history"'));
    expect(timeline).toContain('Описание 20 → Описание 21');
    expect(timeline).not.toContain('Created');
    const next = /href="(\/console\/members\/[^"]+\/history\?cursor=[^"]+)"/.exec(timeline)?.[1];
    expect(next).toBeDefined();
    const older = await page(next!.replaceAll('&amp;', '&'));
    expect(older.status).toBe(200);
    const olderHtml = await older.text();
    expect(olderHtml).toContain(`<h1>${m.name}</h1>`);
    expect(olderHtml).toContain('Description: — → Описание 1<');
    expect(olderHtml).toContain('Created');
    expect(olderHtml).not.toContain('Описание 20 → Описание 21');
    // A cursor is bound to its list and member: another list refuses it.
    expect((await page(next!.replace('/history?', '/leads?'))).status).toBe(400);
  });

  it("shows system times in the reader's time zone, chosen in the settings and kept for the next sign-in", async () => {
    const member = await createMember();
    const admin = await consoleSignIn(t.app, 'admin');
    const record = async (cookie: string) =>
      (await consoleRequest(t.app, cookie, `/console/members/${member.id}`)).text();
    // In UTC, marked as such, until the reader chooses a zone.
    expect(formatDateTime('en', member.updatedAt)).toMatch(/UTC$/);
    expect(await record(admin)).toContain(formatDateTime('en', member.updatedAt));
    const settings = await (await consoleRequest(t.app, admin, '/console/settings')).text();
    expect(settings).toContain(
      '<option value="" selected="">Follow the language: Moscow time for Russian, Vietnam time for Vietnamese, UTC for English</option>',
    );

    const zone = (timeZone: string) =>
      consoleRequest(t.app, admin, '/console/settings', {
        form: { locale: 'en', timeZone, shortcuts: 'on' },
      });
    try {
      expect((await zone('Asia/Ho_Chi_Minh')).status).toBe(303);
      const hanoi = formatDateTime('en', member.updatedAt, 'Asia/Ho_Chi_Minh');
      expect(hanoi).not.toContain('UTC');
      expect(await record(admin)).toContain(hanoi);
      expect(await (await consoleRequest(t.app, admin, '/console/settings')).text()).toContain(
        '<option value="Asia/Ho_Chi_Minh" selected="">Hanoi, Ho Chi Minh City (UTC+7)</option>',
      );
      expect(await record(await consoleSignIn(t.app, 'admin'))).toContain(hanoi);
      // What the reader writes is in their zone until they choose another: a campaign's send time, an event.
      const compose = await (await consoleRequest(t.app, admin, '/console/campaigns/new')).text();
      expect(compose).toContain(
        '<option value="Asia/Ho_Chi_Minh" selected="">Hanoi, Ho Chi Minh City (UTC+7)</option>',
      );
      const newEvent = await (await consoleRequest(t.app, admin, '/console/events/new')).text();
      expect(newEvent).toContain(
        '<option value="Asia/Ho_Chi_Minh" selected="">Hanoi, Ho Chi Minh City (UTC+7)</option>',
      );

      // A zone that is none is refused, and the setting stays.
      expect((await zone('Mars/Olympus')).status).toBe(400);
      expect(await record(admin)).toContain(hanoi);

      // One zone kept one way: as the list spells it, UTC by that name (so its times say UTC).
      expect((await zone('asia/ho_chi_minh')).status).toBe(303);
      expect(await (await consoleRequest(t.app, admin, '/console/settings')).text()).toContain(
        '<option value="Asia/Ho_Chi_Minh" selected="">Hanoi, Ho Chi Minh City (UTC+7)</option>',
      );
      expect((await zone('Etc/UTC')).status).toBe(303);
      expect(await record(admin)).toContain(formatDateTime('en', member.updatedAt));
    } finally {
      // The admin's prefs outlive this test: later sign-ins read them. Back to the language's zone.
      await zone('');
    }
  });

  it('answers an unknown member or contact with the not-found page', async () => {
    const unknown = await page('/console/members/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', 'ru');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Не найдено');
    const m = await createMember();
    const noContact = await page(`/console/members/${m.id}/contacts/01JD5Z7Q8N3V2K4M6P8R0T2W4Y`);
    expect(noContact.status).toBe(404);
    const posted = await page(`/console/members/${m.id}/contacts/01JD5Z7Q8N3V2K4M6P8R0T2W4Y`, 'en', {
      form: { version: String(m.version), name: 'X', email: 'x@record.test', language: 'ru' },
    });
    expect(posted.status).toBe(404);
    // A contact it never had, not one removed meanwhile: nothing offers to add what was posted.
    expect(await posted.text()).not.toContain('removed this contact meanwhile');
    expect(await apiMember(m.id)).toEqual(m);
  });
});

describe('a new member', () => {
  /** The new member's form as a browser posts it: as first shown, `changes` on top. */
  const newMemberForm = (changes: Record<string, string | string[]> = {}) =>
    formBody({ ...newMemberValues('en'), ...changes });
  const searchFor = async (q: string) =>
    (
      (await (await t.call('GET', `/v1/members?q=${encodeURIComponent(q)}`, { token: staff })).json()) as {
        items: { id: string; name: string }[];
      }
    ).items;

  it('is added from the directory by the profile form, checked as the API checks it, and opens its record', async () => {
    const list = await (await page('/console/members', 'ru')).text();
    expect(list).toContain('<a href="/console/members/new">Добавить участника</a>');
    const blank = await page('/console/members/new', 'ru');
    expect(blank.status).toBe(200);
    const form = await blank.text();
    expect(form).toContain('<h1>Новый участник</h1>');
    expect(form).toMatch(/<form method="post" action="\/console\/members\/new" novalidate="">/);
    expect(form).not.toContain('name="version"');
    expect(form).not.toContain('value="resigned"');

    const taxId = company().taxId as string;
    const created = await page('/console/members/new', 'ru', {
      form: newMemberForm({
        name: 'ООО «Дальневосточные Технологии»',
        region: 'RU-PRI',
        taxId,
        sectors: ['logistics', 'chemicals'],
        targetMarkets: 'VN TH',
        'verifiedRevenue.amount': '1 250 000 000,50',
      }),
    });
    expect(created.status, await created.clone().text()).toBe(303);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/console\/members\/[0-9A-Z]{26}\?created#done$/);
    const id = location.split('/').at(-1)!.split('?')[0]!;
    const stored = (await apiMember(id)) as Member & Record<string, unknown>;
    expect(stored).toMatchObject({
      name: 'ООО «Дальневосточные Технологии»',
      country: 'RU',
      region: 'RU-PRI',
      taxId,
      status: 'active',
      sectors: ['logistics', 'chemicals'],
      targetMarkets: ['VN', 'TH'],
      verifiedRevenue: { amount: 125_000_000_050, currency: 'RUB' },
      contacts: [],
    });
    expect(stored.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const record = await (await page(location, 'ru')).text();
    expect(record).toContain(
      '<p role="status" id="done">Участник создан. Добавьте его контакты ниже.</p><section id="contacts"',
    );
    // Written as the API writes it: in the directory's search and the member's history.
    expect((await searchFor('Дальневосточные')).map((m) => m.id)).toContain(id);
    const history = await (await page(`/console/members/${id}/history`, 'en')).text();
    expect(history).toContain('Created');
  });

  it('refuses a form the schema or a held tax id refuses, beside the input, in the reader’s language, creating nothing', async () => {
    const empty = await page('/console/members/new', 'ru', { form: newMemberForm({ taxId: '1234' }) });
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toMatch(/<small id="f-name-error"[^>]*>Не может быть пустым\.<\/small>/);
    expect(html).toMatch(/id="f-taxId-error"/);
    expect(html).toMatch(/id="f-sectors-error"/);
    expect(html).toMatch(/name="taxId"[^>]*value="1234"|value="1234"[^>]*name="taxId"/);

    const held = await createMember();
    const duplicate = await page('/console/members/new', 'en', {
      form: newMemberForm({ name: 'ООО «Двойник»', taxId: held.taxId, sectors: ['chemicals'] }),
    });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toMatch(/id="f-taxId-error"/);
    expect(await searchFor('Двойник')).toEqual([]);
  });
});

describe('a member’s matches', () => {
  it('link a matched partner to its record, as a matched member to its own, and staff may open it', async () => {
    const m = await createMember({ needs: [{ topic: 'chemicals', text: 'Катализаторы' }] });
    const n = serial++;
    const created = await t.call('POST', '/v1/partners', {
      token: staff,
      body: {
        name: `Công ty Cổ phần Hóa chất An Sơn ${n}`,
        latinName: `An Son Chemicals ${n}`,
        country: 'VN',
        sectors: ['chemicals'],
        offers: [{ topic: 'chemicals', text: 'Catalysts' }],
        matchmakingVisible: true,
        contacts: [{ name: 'Lan', email: `lan.${n}@match.test`, language: 'vi' }],
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const partner = (await created.json()) as { id: string; name: string };
    const fragment = await activity(m.id, 'ru');
    const href = `/console/partners/${partner.id}`;
    expect(fragment).toContain(
      `<a href="${href}">Công ty Cổ phần Hóa chất An Sơn ${n} (An Son Chemicals ${n})</a> <small>(Партнёр)</small>`,
    );
    // The partners' function alone answers it (in AWS the member record's function does not).
    const partnersOnly = partnersConsoleApi.routes(t.deps);
    const record = await consoleRequest(partnersOnly, cookies.ru, href);
    expect(record.status).toBe(200);
    expect(await record.text()).toContain(`Công ty Cổ phần Hóa chất An Sơn ${n}`);
  });
});

describe('a lead from a match', () => {
  it('opens from the member’s matches with the user as owner, and shows the open one rather than a second', async () => {
    const m = await createMember({ needs: [{ topic: 'chemicals', text: 'Катализаторы' }] });
    const supplier = await createMember({
      matchmakingVisible: true,
      offers: [{ topic: 'chemicals', text: 'Catalysts for water plants' }],
    });
    const fragment = await (await page(`/console/members/${m.id}/activity`, 'ru')).text();
    const form = new RegExp(
      `<form method="post" action="/console/leads/from-match"[^>]*>(?:(?!</form>).)*name="otherMemberId" value="${supplier.id}"(?:(?!</form>).)*</form>`,
      's',
    ).exec(fragment)?.[0];
    expect(form).toBeDefined();
    expect(form).toContain(`<input type="hidden" name="memberId" value="${m.id}"/>`);
    expect(form).toContain('<input type="hidden" name="topic" value="chemicals"/>');
    expect(form).toContain('Открыть сделку');

    const fields = { memberId: m.id, otherMemberId: supplier.id, topic: 'chemicals' };
    const opened = await page('/console/leads/from-match', 'ru', { form: fields });
    expect(opened.status, await opened.clone().text()).toBe(303);
    const location = opened.headers.get('location') ?? '';
    expect(location).toMatch(/^\/console\/leads\/[0-9A-Z]{26}\?opened#done$/);
    const leadId = location.split('/').at(-1)!.split('?')[0]!;
    const lead = (await (await t.call('GET', `/v1/leads/${leadId}`, { token: staff })).json()) as Record<
      string,
      unknown
    >;
    expect(lead).toMatchObject({
      memberId: m.id,
      counterpart: { kind: 'member', id: supplier.id },
      topic: 'chemicals',
      source: { type: 'match', companies: [m.id, supplier.id], topic: 'chemicals' },
      owner: 'dev-staff',
      stage: 'new',
    });
    expect(await (await page(location.replace('#done', ''), 'ru')).text()).toContain(
      '<p role="status" id="done">Сделка открыта по совпадению, ответственный — вы.</p>',
    );

    const again = await page('/console/leads/from-match', 'en', { form: fields });
    expect(again.headers.get('location')).toBe(`/console/leads/${leadId}?existing#done`);
    expect(await (await page(`/console/leads/${leadId}?existing`, 'en')).text()).toContain(
      'These two companies already have an open lead on this topic: here it is.',
    );

    // A topic the two do not meet on is no match: refused, nothing opened.
    const leadsOf = async () =>
      (
        (await (await t.call('GET', `/v1/leads?memberId=${m.id}`, { token: staff })).json()) as {
          items: unknown[];
        }
      ).items.length;
    const tampered = await page('/console/leads/from-match', 'en', {
      form: { ...fields, topic: 'logistics' },
    });
    expect(tampered.status).toBe(400);
    expect(await leadsOf()).toBe(1);
  });
});
