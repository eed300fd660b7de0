/**
 * The console's event pages on DynamoDB Local: an event built through the API (participants, accepted
 * and pending requests), then read and driven through the console's forms: participants and requests,
 * answering a request, scheduling and publishing (read back through the API), the grid, a stale form's
 * 412 in the reader's language, the interpreter plan, an outcome, a state move, an event created and
 * edited through its form, and 404s.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { consoleApi } from '../../shared/console/console-apis.ts';
import { eventCreateExample } from '../../shared/events/event-schema.ts';
import { createApp } from '../../shared/http/app.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import type { Meeting, MeetingRequest } from '../support/event-shapes.ts';
import { type EventCompany, eventMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let cookie: string;
let now = Date.parse('2027-02-01T09:00:00Z');

type Company = EventCompany;
type Request = MeetingRequest;

const member = (country: 'RU' | 'VN') => eventMember(t, staff, country);

async function createEvent(): Promise<{ id: string; version: number }> {
  const response = await t.call('POST', '/v1/events', { token: staff, body: eventCreateExample });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

async function openEvent(id: string) {
  const response = await t.call('PATCH', `/v1/events/${id}`, {
    token: staff,
    body: { state: 'open' },
    headers: { 'if-match': '*' },
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function register(eventId: string, c: Company) {
  const response = await t.call('POST', `/v1/events/${eventId}/participants`, {
    token: staff,
    body: { memberId: c.id, delegates: c.contacts.map((x) => ({ contactId: x.id })) },
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function request(eventId: string, from: Company, to: Company): Promise<Request> {
  const response = await t.call('POST', `/v1/events/${eventId}/requests`, {
    token: from.token,
    body: { to: to.id, priority: 'must', reason: 'We should talk.' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Request;
}

async function accept(eventId: string, r: Request, by: Company) {
  const response = await t.call('POST', `/v1/events/${eventId}/requests/${r.id}/accept`, { token: by.token });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function apiSchedule(eventId: string) {
  const response = await t.call('GET', `/v1/events/${eventId}/schedule`, { token: staff });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    event: { version: number; state: string; scheduleVersion: number };
    meetings: Meeting[];
  };
}

async function apiRequests(eventId: string): Promise<Request[]> {
  const response = await t.call('GET', `/v1/events/${eventId}/requests`, { token: staff });
  return ((await response.json()) as { items: Request[] }).items;
}

async function page(path: string, status = 200): Promise<string> {
  const response = await consoleRequest(t.app, cookie, path);
  const html = await response.text();
  expect(response.status, html.slice(0, 500)).toBe(status);
  return html;
}

function post(path: string, form: Record<string, string>) {
  return consoleRequest(t.app, cookie, path, { form });
}

/** The event form as a browser posts it: a one-day event in Moscow, with `fields` on top. */
const eventForm = (fields: Record<string, string>): Record<string, string> => ({
  'name.en': eventCreateExample.name.en,
  'city.en': 'Moscow',
  timeZone: 'Europe/Moscow',
  days: '2027-03-16 10:00-13:00',
  slotMinutes: '20',
  gapMinutes: '5',
  tables: '3',
  registrationDeadline: '2027-03-01',
  requestDeadline: '2027-03-10',
  ...fields,
});

async function useLocale(locale: 'ru' | 'vi' | 'en') {
  const response = await post('/console/settings/locale', { locale, return: '/console/events' });
  expect(response.status).toBe(303);
}

/** The text of an HTML fragment, tags dropped and whitespace folded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

let eventId: string;
let ru1: Company;
let ru2: Company;
let vn1: Company;
let vn2: Company;
let pending: Request;
let declined: Request;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  staff = await t.token('staff');
  cookie = await consoleSignIn(t.app, 'staff', '/console/events');
  [ru1, ru2, vn1, vn2] = await Promise.all([member('RU'), member('RU'), member('VN'), member('VN')]);
  eventId = (await createEvent()).id;
  await openEvent(eventId);
  for (const c of [ru1, ru2, vn1, vn2]) await register(eventId, c);
  await accept(eventId, await request(eventId, ru1, vn1), vn1);
  await accept(eventId, await request(eventId, vn2, ru2), ru2);
  pending = await request(eventId, ru1, ru2);
  declined = await request(eventId, vn1, vn2);
});
afterAll(() => t.drop());

describe('console event pages', () => {
  it('list the events and show one with its state moves', async () => {
    const list = await page('/console/events');
    expect(list).toContain(`href="/console/events/${eventId}"`);
    expect(list).toContain(eventCreateExample.name.en);

    const overview = await page(`/console/events/${eventId}`);
    expect(overview).toContain(`<h1>${eventCreateExample.name.en}</h1>`);
    expect(textOf(overview)).toContain('Open for registration');
    expect(overview).toContain('<dd>Moscow (UTC+3)</dd>');
    // From open: cancelled only (scheduled comes from publishing, never a button).
    expect(overview).toMatch(/<button[^>]*name="state"[^>]*value="cancelled"/);
    expect(overview).not.toMatch(/name="state"[^>]*value="scheduled"/);
    // Cancelling asks first; where script does not run, its question is a page, the event as it was.
    const version = /name="version" value="(\d+)"/.exec(overview)![1]!;
    const asked = await post(`/console/events/${eventId}/state`, { version, state: 'cancelled' });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('<p role="alert">Cancel the event?</p>');
    expect(question).toContain('<input type="hidden" name="state" value="cancelled"/>');
    expect(question).toContain('<input type="hidden" name="confirmed" value="yes"/>');
    expect(textOf(await page(`/console/events/${eventId}`))).toContain('Open for registration');

    await useLocale('ru');
    const inRussian = await page(`/console/events/${eventId}`);
    expect(inRussian).toContain(`<h1>${eventCreateExample.name.ru}</h1>`);
    expect(textOf(inRussian)).toContain('Идёт регистрация');
    await useLocale('vi');
    expect(await page(`/console/events/${eventId}`)).toContain(`<h1>${eventCreateExample.name.vi}</h1>`);
    await useLocale('en');
  });

  it('list the participants as stored, members linked to their records', async () => {
    const html = await page(`/console/events/${eventId}/participants`);
    for (const c of [ru1, ru2, vn1, vn2]) {
      expect(html).toContain(`<a href="/console/members/${c.id}">${c.name}</a>`);
      expect(html).toContain(c.contacts[0]!.name);
    }
    expect(textOf(html)).toContain('Energy');
  });

  it('register a member from its record, its delegates chosen from its contacts, and withdraw it asking first', async () => {
    const company = await eventMember(t, staff, 'RU', { delegates: 2 });
    // The record offers the events it can still be registered for; this one, open, among them.
    const record = await page(`/console/members/${company.id}/activity`);
    expect(record).toContain('<form method="get" action="/console/events/register">');
    expect(record).toMatch(new RegExp(`<option value="${eventId}">[^<]+</option>`));
    const chosen = await consoleRequest(
      t.app,
      cookie,
      `/console/events/register?member=${company.id}&event=${eventId}`,
    );
    expect(chosen.status).toBe(303);
    const formPath = chosen.headers.get('location')!;
    expect(formPath).toBe(`/console/events/${eventId}/participants/new?member=${company.id}`);
    const form = await page(formPath);
    // Each contact a box; the first chosen to begin with.
    const [first, second] = company.contacts;
    expect(form).toContain(`<input type="checkbox" name="delegates" value="${first!.id}" checked=""/>`);
    expect(form).toContain(`<input type="checkbox" name="delegates" value="${second!.id}"/>`);

    // None chosen: said beside the boxes, nothing registered.
    const none = await post(`/console/events/${eventId}/participants`, { member: company.id });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose at least one delegate.');
    const registered = await consoleRequest(t.app, cookie, `/console/events/${eventId}/participants`, {
      form: new URLSearchParams([
        ['member', company.id],
        ['delegates', first!.id],
        ['delegates', second!.id],
      ]),
    });
    expect(registered.status, await registered.clone().text()).toBe(303);
    expect(registered.headers.get('location')).toBe(
      `/console/events/${eventId}/participants?registered=${company.id}#done`,
    );
    const listed = (await (
      await t.call('GET', `/v1/events/${eventId}/participants`, { token: staff })
    ).json()) as { items: { id: string; status: string; delegates: { contactId: string }[] }[] };
    expect(listed.items.find((p) => p.id === company.id)).toMatchObject({
      status: 'registered',
      delegates: [{ contactId: first!.id }, { contactId: second!.id }],
    });
    const participants = await page(`/console/events/${eventId}/participants?registered=${company.id}`);
    expect(participants).toMatch(/<p role="status" id="done">[^<]+ is registered\.<\/p>/);
    // Registered now: the record no longer offers this event; a second registration is refused.
    expect(await page(`/console/members/${company.id}/activity`)).not.toContain(
      `<option value="${eventId}">`,
    );
    const again = await consoleRequest(t.app, cookie, `/console/events/${eventId}/participants`, {
      form: new URLSearchParams([
        ['member', company.id],
        ['delegates', first!.id],
      ]),
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This company is registered already.');

    // Withdrawing asks first, where script does not run on a page of its own; nothing changes until yes.
    const withdraw = `/console/events/${eventId}/participants/${company.id}/withdraw`;
    expect(participants).toContain(`<form method="post" action="${withdraw}">`);
    const asked = await post(withdraw, {});
    expect(asked.status).toBe(200);
    expect(await asked.text()).toMatch(/<p role="alert">Withdraw [^<]+\? Its meeting requests are withdrawn/);
    const stillIn = (await (
      await t.call('GET', `/v1/events/${eventId}/participants`, { token: staff })
    ).json()) as { items: { id: string; status: string }[] };
    expect(stillIn.items.find((p) => p.id === company.id)?.status).toBe('registered');
    const done = await post(withdraw, { confirmed: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(
      `/console/events/${eventId}/participants?withdrawn=${company.id}#done`,
    );
    const after = (await (
      await t.call('GET', `/v1/events/${eventId}/participants`, { token: staff })
    ).json()) as { items: { id: string; status: string }[] };
    expect(after.items.find((p) => p.id === company.id)?.status).toBe('withdrawn');
    // Withdrawn: no button for it, and a second withdrawal is not found.
    expect(await page(`/console/events/${eventId}/participants`)).not.toContain(`action="${withdraw}"`);
    expect((await post(withdraw, { confirmed: 'yes' })).status).toBe(404);
    // An id that names no member is a 404 page, not a form.
    await page(`/console/events/${eventId}/participants/new?member=01ARZ3NDEKTSV4RRFFQ69G5FAV`, 404);
  });

  it('change a participant’s delegates at the version read, its meeting passing to the one who comes instead', async () => {
    // An event of its own: the shared one's schedule and counts stay as the later tests expect them.
    const own = (await createEvent()).id;
    await openEvent(own);
    const company = await eventMember(t, staff, 'RU', { delegates: 2 });
    const [first, second] = company.contacts;
    const [other, third] = [await member('VN'), await member('VN')];
    const registered = await t.call('POST', `/v1/events/${own}/participants`, {
      token: staff,
      body: { memberId: company.id, delegates: [{ contactId: first!.id }, { contactId: second!.id }] },
    });
    expect(registered.status).toBe(201);
    for (const c of [other, third]) await register(own, c);
    const event = (await (await t.call('GET', `/v1/events/${own}`, { token: staff })).json()) as {
      slots: { id: string }[];
      tables: { id: string }[];
    };
    const slot = event.slots.at(-1)!.id;
    // Two meetings in one slot: one delegate each.
    for (const [c, table] of [
      [other, event.tables.at(-1)!.id],
      [third, event.tables.at(-2)!.id],
    ] as const) {
      const forced = await t.call('POST', `/v1/events/${own}/meetings`, {
        token: staff,
        body: { a: company.id, b: c.id, topic: 'energy', slot, table },
      });
      expect(forced.status, await forced.clone().text()).toBe(201);
    }
    const path = `/console/events/${own}/participants/${company.id}/delegates`;
    expect(await page(`/console/events/${own}/participants`)).toContain(`href="${path}"`);
    const form = await page(path);
    expect(form).toContain(`<input type="checkbox" name="delegates" value="${first!.id}" checked=""/>`);
    expect(form).toContain('<input type="hidden" name="version" value="1"/>');
    // A delegate not among the contacts yet is added on the company's record, whose form leads back.
    const addContact = `/console/members/${company.id}/contacts/new?back=${encodeURIComponent(path)}`;
    expect(form).toContain(`<a href="${addContact}">Add a contact to the company</a>`);
    const contactForm = await page(addContact);
    expect(contactForm).toContain(`<form method="post" action="${addContact}"`);
    expect(contactForm).toContain(`<a href="${path}">Back</a>`);
    const contactAdded = await post(addContact, {
      version: /name="version" value="(\d+)"/.exec(contactForm)![1]!,
      name: 'Inna Delegatova',
      email: `inna.${company.id.toLowerCase()}@delegates.test`,
      language: 'ru',
    });
    expect(contactAdded.status, await contactAdded.clone().text()).toBe(303);
    expect(contactAdded.headers.get('location')).toBe(path);
    expect(textOf(await page(path))).toContain('Inna Delegatova');
    // The record's other edit forms keep the way back too (the profile has a form of its own).
    const profile = `/console/members/${company.id}/profile?back=${encodeURIComponent(path)}`;
    expect(await page(profile)).toContain(`<form method="post" action="${profile}"`);
    // Only a console path is led back to: any other, the record.
    const elsewhere = await page(
      `/console/members/${company.id}/contacts/new?back=${encodeURIComponent('//evil.test/x')}`,
    );
    expect(elsewhere).not.toContain('href="//evil.test/x"');
    expect(elsewhere).toContain(`<a href="/console/members/${company.id}">`);
    expect(elsewhere).toContain(`<form method="post" action="/console/members/${company.id}/contacts/new"`);
    const delegatesNow = async () =>
      (
        (await (await t.call('GET', `/v1/events/${own}/participants`, { token: staff })).json()) as {
          items: { id: string; delegates: { contactId: string }[] }[];
        }
      ).items
        .find((p) => p.id === company.id)!
        .delegates.map((d) => d.contactId);

    // One delegate for two meetings at once: refused, naming the slot, nothing changed.
    const one = await post(path, { version: '1', delegates: first!.id });
    expect(one.status).toBe(409);
    // The slot as the reader reads a time, in the event's zone (Moscow), and what else may be done.
    expect(textOf(await one.text())).toContain(
      `at 16 Mar 2027, ${slot.slice(11)}: keep one who comes then, or tick another contact`,
    );
    expect(await delegatesNow()).toEqual([first!.id, second!.id]);
    expect((await post(path, { version: '1' })).status).toBe(422);
    expect((await post(path, { delegates: first!.id })).status).toBe(428);

    // A third person replaces the first: the first's meeting passes to them, the version moves on.
    const added = await t.call('PATCH', `/v1/members/${company.id}`, {
      token: staff,
      body: {
        contacts: [
          ...company.contacts,
          { name: 'Pavel Third', email: `third.${company.id}@events.test`, language: 'ru' },
        ],
      },
      headers: { 'if-match': '*' },
    });
    expect(added.status, await added.clone().text()).toBe(200);
    const newcomer = ((await added.json()) as { contacts: { id: string; name: string }[] }).contacts.find(
      (c) => c.name === 'Pavel Third',
    )!;
    const changed = await consoleRequest(t.app, cookie, path, {
      form: new URLSearchParams([
        ['version', '1'],
        ['delegates', second!.id],
        ['delegates', newcomer.id],
      ]),
    });
    expect(changed.status, await changed.clone().text()).toBe(303);
    expect(changed.headers.get('location')).toBe(
      `/console/events/${own}/participants?changed=${company.id}#done`,
    );
    expect(await delegatesNow()).toEqual([second!.id, newcomer.id]);
    const meetings = (await apiSchedule(own)).meetings.filter(
      (m) => m.a === company.id || m.b === company.id,
    );
    expect(meetings.map((m) => m.delegates[company.id]).sort()).toEqual([second!.id, newcomer.id].sort());
    expect(await page(`/console/events/${own}/participants?changed=${company.id}`)).toMatch(
      /<p role="status" id="done">The delegates of [^<]+ are changed\.<\/p>/,
    );
    // The form read before that change is stale now: a 412 with the registration as it is.
    const stale = await post(path, { version: '1', delegates: first!.id });
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('Someone changed this registration since the page was opened');
    expect(staleHtml).toContain('<input type="hidden" name="version" value="2"/>');
    expect(await delegatesNow()).toEqual([second!.id, newcomer.id]);
    await page(`/console/events/${own}/participants/01ARZ3NDEKTSV4RRFFQ69G5FAV/delegates`, 404);

    // Once the schedule is published, a meeting handed over changes the agendas sent: the console's
    // change emails them at once, the first delegate's with its meeting back.
    const published = await t.call('POST', `/v1/events/${own}/schedule`, {
      token: staff,
      body: { publish: true },
    });
    expect(published.status, await published.clone().text()).toBe(200);
    await t.sends.idle();
    const sentBefore = new Set(await readdir(t.outboxDir).catch(() => [] as string[]));
    const version = /name="version" value="(\d+)"/.exec(await page(path))![1]!;
    const back = await consoleRequest(t.app, cookie, path, {
      form: new URLSearchParams([
        ['version', version],
        ['delegates', second!.id],
        ['delegates', first!.id],
      ]),
    });
    expect(back.status, await back.clone().text()).toBe(303);
    await t.sends.idle();
    const fresh = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml') && !sentBefore.has(f));
    const mails = await Promise.all(fresh.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
    expect(mails.filter((m) => m.includes('agenda.ics') && m.includes(first!.email))).toHaveLength(1);
    // The newcomer, no longer a delegate, is sent nothing.
    expect(mails.some((m) => m.includes(`third.${company.id}@events.test`))).toBe(false);
  });

  it('list the requests, and staff answer a pending one for the requested side', async () => {
    const html = textOf(await page(`/console/events/${eventId}/requests`));
    expect(html).toContain('4 requests, 2 accepted.');
    expect(html).toContain('Pending');
    // One status at a time: the filter's links count each, and the list holds only the one chosen.
    const waiting = await page(`/console/events/${eventId}/requests?status=pending`);
    expect(waiting).toContain(
      `<a href="/console/events/${eventId}/requests?status=pending" aria-current="page">Pending (2)</a>`,
    );
    expect(waiting).toContain(`<a href="/console/events/${eventId}/requests">All (4)</a>`);
    expect(waiting.match(/<th scope="row">/g)).toHaveLength(2);
    expect(waiting).not.toContain('<td>Accepted</td>');
    // Answered from the filtered list, staff come back to it.
    const response = await post(`/console/events/${eventId}/requests/${pending.id}`, {
      answer: 'accepted',
      status: 'pending',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/console/events/${eventId}/requests?status=pending&answered=${pending.id}`,
    );
    // Declining asks first, naming both sides; the list then says which request became what.
    expect(waiting).toMatch(
      /value="declined" class="secondary" data-confirm="Decline the request from [^"]+ to [^"]+\? The two will not be scheduled to meet\."/,
    );
    const declineResponse = await post(`/console/events/${eventId}/requests/${declined.id}`, {
      answer: 'declined',
      status: 'pending',
    });
    expect(declineResponse.status).toBe(303);
    const said = await page(declineResponse.headers.get('location')!);
    expect(said).toMatch(/<p role="status">The request from [^<]+ to [^<]+ is declined\.<\/p>/);
    expect(await page(`/console/events/${eventId}/requests?answered`)).toContain(
      '<p role="status">The answer is saved.</p>',
    );
    // The last one waiting answered too: the chosen filter stays, at 0, and the list says it is empty.
    const emptied = await page(`/console/events/${eventId}/requests?status=pending`);
    expect(emptied).toContain(
      `<a href="/console/events/${eventId}/requests?status=pending" aria-current="page">Pending (0)</a>`,
    );
    expect(emptied).toContain('<p>No requests with this status.</p>');
    const statuses = new Map((await apiRequests(eventId)).map((r) => [r.id, r.status]));
    expect(statuses.get(pending.id)).toBe('accepted');
    expect(statuses.get(declined.id)).toBe('declined');
    // Answered already: the service's 409, and nothing changes.
    const again = await post(`/console/events/${eventId}/requests/${declined.id}`, { answer: 'accepted' });
    expect(again.status).toBe(409);
    expect((await apiRequests(eventId)).find((r) => r.id === declined.id)?.status).toBe('declined');
  });

  it('schedules, then publishes, through the form; the grid shows the meetings', async () => {
    const before = await apiSchedule(eventId);
    expect(before.meetings).toEqual([]);
    const form = await page(`/console/events/${eventId}/schedule`);
    expect(form).toContain(`name="version" value="${before.event.version}"`);
    // Publishing emails the participants: the button asks first, saying so.
    expect(form).toMatch(
      /value="true" class="secondary" data-confirm="Publish the schedule\? Its meetings are confirmed, and participants whose agenda changed get it by email now \(\d+ participants in all\)\. Members can then no longer register themselves, whatever the deadline; staff still can register them\."/,
    );
    await useLocale('ru');
    expect(await page(`/console/events/${eventId}/schedule`)).toMatch(
      /data-confirm="Опубликовать расписание\? Встречи будут подтверждены\. Программу сразу получат по почте те из \d+ участников, у кого она изменилась\./,
    );
    await useLocale('en');

    const run = await post(`/console/events/${eventId}/schedule`, {
      version: String(before.event.version),
      publish: 'false',
    });
    expect(run.status).toBe(303);
    expect(run.headers.get('location')).toContain('placed=3');
    const placed = await apiSchedule(eventId);
    expect(placed.meetings.map((m) => m.state)).toEqual(['placed', 'placed', 'placed']);
    expect(placed.event.state).toBe('open');

    // Publishing asks first; where script does not run, its question is a page, nothing published.
    const asked = await post(`/console/events/${eventId}/schedule`, {
      version: String(placed.event.version),
      publish: 'true',
    });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('<input type="hidden" name="confirmed" value="yes"/>');
    // An open event's first publication closes its registration: the question says so.
    expect(question).toContain(
      'Members can then no longer register themselves, whatever the deadline; staff still can register them.',
    );
    expect((await apiSchedule(eventId)).event.state).toBe('open');
    const published = await post(`/console/events/${eventId}/schedule`, {
      version: String(placed.event.version),
      publish: 'true',
      confirmed: 'yes',
    });
    expect(published.status).toBe(303);
    const after = await apiSchedule(eventId);
    expect(after.event.state).toBe('scheduled');
    expect(after.event.scheduleVersion).toBe(1);
    expect(after.meetings.map((m) => m.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);

    const html = await page(published.headers.get('location')!);
    expect(textOf(html)).toContain('The schedule is published');
    const grid = /<table class="grid-schedule[^"]*">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(grid).toContain('<th scope="col">T1</th>');
    expect(grid).toContain('<th scope="row">');
    const names = new Map([ru1, ru2, vn1, vn2].map((c) => [c.id, c.name]));
    const contactNames = new Map([ru1, ru2, vn1, vn2].flatMap((c) => c.contacts.map((x) => [x.id, x.name])));
    for (const meeting of after.meetings) {
      // The slot's row (its local time in the event's zone) holds the two companies in the table's column.
      const cells = [...grid.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => row[1]!);
      const slotRow = cells.find((row) => row.includes(`datetime="${slotStartUtc(meeting.slot)}"`));
      expect(slotRow, meeting.slot).toBeDefined();
      const column = eventCreateExample.tables.findIndex((table) => table.id === meeting.table);
      const cell = [...slotRow!.matchAll(/<td>([\s\S]*?)<\/td>|<td\/>|<td><\/td>/g)][column]?.[0] ?? '';
      expect(cell).toContain(names.get(meeting.a));
      expect(cell).toContain(names.get(meeting.b));
      // With the delegate each company sends to it.
      for (const company of [meeting.a, meeting.b]) {
        expect(cell).toContain(`<small> · ${contactNames.get(meeting.delegates[company]!)}</small>`);
      }
    }
    // Moscow is UTC+3: the first slot, 10:00 there, is written as 10:00, with its day; the day's later
    // slots by their time alone.
    expect(grid).toMatch(/<time datetime="[^"]+">[^<]*2027[^<]*10:00<\/time>/);
    expect(grid).toMatch(/<time datetime="[^"]+">\d{2}:\d{2}<\/time>/);
    // The zone's sentence above the grid's box, which it names (a caption would be cut off on a phone).
    expect(html).toContain(
      '<p id="grid-caption">Times in the event&#39;s zone: Moscow (UTC+3).</p><section class="overflow-auto" aria-labelledby="grid-caption"',
    );

    // Each of the event's pages reads its partition once: one Query, no second read of the event. The
    // publication's own background work (agendas queued and sent) must be over first, or its reads count.
    await t.jobs.idle();
    await t.sends.idle();
    for (const path of ['schedule', 'interpreters']) {
      const send = vi.spyOn(t.db.doc, 'send');
      try {
        await page(`/console/events/${eventId}/${path}`);
        const reads = send.mock.calls
          .map(([command]) => [command.constructor.name, JSON.stringify(command.input)])
          .filter(([name, input]) => /^(Get|BatchGet|Query)Command$/.test(name!) && input!.includes(eventId))
          .map(([name]) => name);
        expect(reads, path).toEqual(['QueryCommand']);
      } finally {
        send.mockRestore();
      }
    }
  });

  it('refuses a form read before a change (412), in the reader’s language, and runs nothing', async () => {
    const before = await apiSchedule(eventId);
    await useLocale('ru');
    const stale = await post(`/console/events/${eventId}/schedule`, {
      version: String(before.event.version - 1),
      publish: 'true',
    });
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('Изменено другим пользователем');
    expect(html).toContain('<html lang="ru">');
    // The current version and the language form lead to pages a browser can open, not the POST-only path.
    const schedulePage = `/console/events/${eventId}/schedule`;
    expect(html).toContain(`<a href="/console/events/${eventId}">Открыть текущую версию</a>`);
    expect(html).toContain(`<input type="hidden" name="return" value="/console/events/${eventId}"/>`);
    const fromPage = await consoleRequest(t.app, cookie, schedulePage, {
      form: { version: String(before.event.version - 1), publish: 'true' },
      headers: { referer: `http://localhost${schedulePage}?placed=1` },
    });
    expect(fromPage.status).toBe(412);
    expect(await fromPage.text()).toContain(`<a href="${schedulePage}?placed=1">`);
    const elsewhere = await consoleRequest(t.app, cookie, schedulePage, {
      form: { version: String(before.event.version - 1), publish: 'true' },
      headers: { referer: `https://elsewhere.example${schedulePage}` },
    });
    expect(await elsewhere.text()).toContain(`<a href="/console/events/${eventId}">`);
    await useLocale('vi');
    const staleState = await post(`/console/events/${eventId}/state`, {
      version: String(before.event.version - 1),
      state: 'held',
    });
    expect(staleState.status).toBe(412);
    expect(await staleState.text()).toContain('Đã bị người khác thay đổi');
    const unversionedState = await post(`/console/events/${eventId}/state`, { state: 'held' });
    expect(unversionedState.status).toBe(428);
    expect(await unversionedState.text()).toContain('Biểu mẫu đã cũ');
    await useLocale('en');
    const after = await apiSchedule(eventId);
    expect(after.event.version).toBe(before.event.version);
    expect(after.event.scheduleVersion).toBe(before.event.scheduleVersion);
    expect(after.event.state).toBe('scheduled');
    // A month before it begins, the overview offers no move to held (which cannot be undone).
    const overview = await page(`/console/events/${eventId}`);
    expect(overview).toMatch(/name="state"[^>]*value="cancelled"/);
    expect(overview).not.toMatch(/name="state"[^>]*value="held"/);
  });

  it('shows the interpreter plan: the meetings of companies without a common language', async () => {
    const plan = (await (
      await t.call('GET', `/v1/events/${eventId}/interpreter-plan`, { token: staff })
    ).json()) as { interpreters: { name: string; assignments: { meetingId: string }[] }[] };
    const assigned = plan.interpreters[0]!.assignments;
    expect(assigned.length).toBeGreaterThan(0);
    const html = await page(`/console/events/${eventId}/interpreters`);
    expect(html).toContain('<h3 id="interpreter-I1">Anna Petrova</h3>');
    const rows = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    expect([...rows.matchAll(/<tr>/g)]).toHaveLength(assigned.length);
    // Each row: the pair bridged, from the first company's language to the other's, by name.
    expect(textOf(rows).match(/(Russian ⇄ Vietnamese|Vietnamese ⇄ Russian)/g)).toHaveLength(assigned.length);
    expect(textOf(html)).toContain('Language pairs: Russian ⇄ Vietnamese');
    expect(textOf(rows)).toContain(vn1.name);
    expect(textOf(rows)).toContain(ru1.name);
  });

  it('records an outcome through the form and shows it, refusing a contradictory one', async () => {
    const [meeting] = (await apiSchedule(eventId)).meetings;
    const path = `/console/events/${eventId}/meetings/${meeting!.id}/outcome`;

    // Before the meeting has begun: no form, and a report sent from a page read earlier is refused.
    await useLocale('ru');
    const before = await page(`/console/events/${eventId}/outcomes`);
    expect(textOf(before)).toContain('Итог можно сообщить после начала встречи');
    expect(before).not.toContain(`action="${path}"`);
    const early = await post(path, { side: meeting!.a, happened: 'no', outcome: '', note: '' });
    expect(early.status).toBe(409);
    expect(textOf(await early.text())).toContain('Эта встреча ещё не началась');
    expect((await apiSchedule(eventId)).meetings[0]!.outcomes).toEqual({});
    await useLocale('en');
    // The day's session (10:00–13:00 in Moscow) is over; staff sign in again that day.
    const [then, signedIn] = [now, cookie];
    now = Date.parse('2027-03-16T11:00:00Z');
    cookie = await consoleSignIn(t.app, 'staff', '/console/events');
    onTestFinished(() => {
      [now, cookie] = [then, signedIn];
    });
    await useLocale('ru');
    expect(await page(`/console/events/${eventId}/outcomes`)).toContain(`action="${path}"`);
    // Begun, the event may be marked held.
    expect(await page(`/console/events/${eventId}`)).toMatch(/name="state"[^>]*value="held"/);

    const refused = await post(path, { side: meeting!.a, happened: 'no', outcome: 'follow-up', note: '' });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Исправьте отмеченные поля.');
    expect(refusedHtml).toContain('aria-invalid="true"');
    await useLocale('en');
    expect((await apiSchedule(eventId)).meetings[0]!.outcomes).toEqual({});

    const saved = await post(path, {
      side: meeting!.a,
      happened: 'yes',
      outcome: 'follow-up',
      note: 'Samples in January',
    });
    expect(saved.status).toBe(303);
    const stored = (await apiSchedule(eventId)).meetings.find((m) => m.id === meeting!.id)!;
    expect(stored.state).toBe('held');
    expect(stored.outcomes[meeting!.a]).toMatchObject({ happened: true, outcome: 'follow-up' });

    const outcomes = await page(`/console/events/${eventId}/outcomes`);
    expect(textOf(outcomes)).toContain('Follow-up · “Samples in January”');
    // The event's report is the reports section's page, linked: three placed, one held, one lead.
    expect(outcomes).toContain(`href="/console/reports/events/${eventId}"`);
    const report = textOf(await page(`/console/reports/events/${eventId}`));
    expect(report).toMatch(/Meetings placed 3 Meetings held 1 No-shows 0 Leads 1/);

    // The other side's report, as staff enter it, with the follow-up's answer (no agreement came of
    // it): its report says so beside its note.
    const answered = await t.call('POST', `/v1/events/${eventId}/meetings/${meeting!.id}/outcome`, {
      token: staff,
      body: {
        side: meeting!.b,
        happened: true,
        outcome: 'deal-likely',
        agreement: false,
        note: 'Talks stalled',
      },
    });
    expect(answered.status, await answered.clone().text()).toBe(200);
    expect(textOf(await page(`/console/events/${eventId}/outcomes`))).toContain(
      'Deal likely · no agreement reached · “Talks stalled”',
    );
  });

  it('runs a large event’s schedule as a job and shows its state until it has finished', async () => {
    const large = await createEvent();
    await openEvent(large.id);
    for (const c of [ru1, vn1]) await register(large.id, c);
    await accept(large.id, await request(large.id, ru1, vn1), vn1);
    const version = (await apiSchedule(large.id)).event.version;
    // Here "large" is more than none accepted: the run goes to the background, as the API's would.
    const app = createApp({ ...t.deps, scheduleInRequestUpTo: 0 }, [consoleApi]);
    const started = await consoleRequest(app, cookie, `/console/events/${large.id}/schedule`, {
      form: { version: String(version), publish: 'false' },
    });
    expect(started.status).toBe(303);
    const location = started.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/console/events/${large.id}/schedule\\?job=[0-9A-Z]{26}$`));
    const waiting = await page(location);
    // The polling says so, so it does not keep an unattended session alive.
    expect(waiting).toMatch(
      /<section id="schedule-job"[^>]*hx-trigger="every 2s"[^>]* hx-headers="{&quot;x-console-poll&quot;:&quot;1&quot;}"/,
    );
    expect(textOf(waiting)).toMatch(
      /The event is large: the schedule runs in the background\. (Waiting to start|Running)\./,
    );

    await t.jobs.idle();
    const done = await page(location);
    expect(textOf(done)).toContain('Finished. Meetings placed: 1;');
    expect(done).not.toContain('hx-trigger');
    expect((await apiSchedule(large.id)).meetings.map((m) => m.state)).toEqual(['placed']);
  });

  it('creates an event from the form as the API would, deadlines at the end of the day in its zone', async () => {
    await useLocale('en');
    expect(await page('/console/events')).toContain('<a href="/console/events/new">New event</a>');
    const form = await page('/console/events/new');
    expect(form).toContain('<form method="post" action="/console/events" novalidate="">');
    // The zone is chosen by place and offset, the reader's own first.
    expect(form).toMatch(/<select id="f-timeZone" name="timeZone">/);
    expect(form).toContain('<option value="Europe/Moscow" selected="">Moscow (UTC+3)</option>');
    expect(form).toContain('<option value="Asia/Ho_Chi_Minh">Hanoi, Ho Chi Minh City (UTC+7)</option>');
    const created = await post('/console/events', {
      'name.ru': 'B2B-встречи в Ханое',
      'name.vi': 'Gặp gỡ B2B tại Hà Nội',
      'city.ru': 'Ханой',
      'city.vi': 'Hà Nội',
      'city.en': 'Hanoi',
      timeZone: 'Asia/Ho_Chi_Minh',
      days: '2027-04-20 9:00-12:00 13:30-17:00\n2027-04-21 09:00-12:00',
      slotMinutes: '25',
      gapMinutes: '5',
      tables: '12',
      spareTables: '',
      registrationDeadline: '2027-04-01',
      requestDeadline: '2027-04-10',
      interpreters: 'Lê Thu Hà: ru-vi, vi-en',
    });
    expect(created.status).toBe(303);
    const id = (created.headers.get('location') ?? '').split('/').pop()!;
    const read = await t.call('GET', `/v1/events/${id}`, { token: staff });
    expect(read.status).toBe(200);
    const event = (await read.json()) as Record<string, unknown> & { tables: { id: string }[] };
    expect(event).toMatchObject({
      name: { ru: 'B2B-встречи в Ханое', vi: 'Gặp gỡ B2B tại Hà Nội' },
      city: { ru: 'Ханой', vi: 'Hà Nội', en: 'Hanoi' },
      online: false,
      timeZone: 'Asia/Ho_Chi_Minh',
      state: 'draft',
      days: [
        {
          date: '2027-04-20',
          sessions: [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '17:00' },
          ],
        },
        { date: '2027-04-21', sessions: [{ start: '09:00', end: '12:00' }] },
      ],
      slotMinutes: 25,
      spareTables: 2,
      // Hanoi is UTC+7: the end of 1 April there is 17:00 UTC that day.
      registrationDeadline: '2027-04-01T17:00:00.000Z',
      requestDeadline: '2027-04-10T17:00:00.000Z',
      interpreters: [
        {
          id: 'I1',
          name: 'Lê Thu Hà',
          pairs: [
            ['ru', 'vi'],
            ['vi', 'en'],
          ],
        },
      ],
    });
    expect(event.tables.map((table) => table.id)).toEqual(Array.from({ length: 12 }, (_, i) => `T${i + 1}`));
    // The overview reads the deadline as the form set it: the day, to its end; the days as one span;
    // the interpreter's languages by name.
    const overview = textOf(await page(`/console/events/${id}`));
    expect(overview).toContain('Registration closes 1 Apr 2027, at the end of the day');
    // ICU 78 sets the range's dash between (thin) spaces in English, ICU 77 did not.
    expect(overview).toMatch(/20 ?– ?21 Apr 2027/);
    expect(textOf(await page(`/console/events/${id}`))).toContain('B2B-встречи в Ханое');
    // The city in each reader's language, as given.
    expect(overview).toMatch(/Draft · Hanoi · 20 ?– ?21 Apr 2027/);
    await useLocale('vi');
    expect(textOf(await page(`/console/events/${id}`))).toContain(' · Hà Nội · ');
    await useLocale('ru');
    expect(textOf(await page('/console/events'))).toContain('Ханой');
    await useLocale('en');
  });

  it('refuses a malformed new event beside its fields, in the reader’s language, and creates nothing', async () => {
    await useLocale('ru');
    const before = (
      (await (await t.call('GET', '/v1/events', { token: staff })).json()) as { items: unknown[] }
    ).items.length;
    const refused = await post('/console/events', {
      timeZone: 'Mars/Olympus',
      days: '2027-04-20 9-12',
      slotMinutes: '20',
      gapMinutes: '5',
      tables: '0',
      registrationDeadline: '2027-04-01',
      requestDeadline: '',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('<p>Исправьте отмеченные поля.</p>');
    expect(html).toMatch(/<fieldset aria-describedby="f-name-error">/);
    for (const field of ['timeZone', 'days', 'tables', 'requestDeadline']) {
      expect(html, field).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
      expect(html, field).toContain(`<small id="f-${field}-error" class="field-error">`);
    }
    // What was typed comes back to be corrected.
    expect(html).toContain('2027-04-20 9-12</textarea>');
    expect(html).toContain('value="Mars/Olympus"');
    const after = (
      (await (await t.call('GET', '/v1/events', { token: staff })).json()) as { items: unknown[] }
    ).items.length;
    expect(after).toBe(before);

    // A block that ends before it starts passes the schema; the event's own rules refuse it, beside the days.
    const backwards = await post(
      '/console/events',
      eventForm({ 'name.en': 'Backwards', days: '2027-04-20 12:00-09:00' }),
    );
    expect(backwards.status).toBe(422);
    expect(await backwards.text()).toMatch(/id="f-days"[^>]*aria-invalid="true"/);
    await useLocale('en');
  });

  it('edits an event from its form, keeping what the form cannot show', async () => {
    await useLocale('en');
    const response = await t.call('POST', '/v1/events', {
      token: staff,
      body: {
        ...eventCreateExample,
        tables: [{ id: 'A', label: 'Hall A' }, { id: 'B' }],
        spareTables: 0,
        // 15:00 in Moscow: not the end of a day, which the form's days would give.
        registrationDeadline: '2027-03-01T12:00:00.000Z',
      },
    });
    const created = (await response.json()) as { id: string; version: number };
    expect(await page(`/console/events/${created.id}`)).toContain(
      `<a href="/console/events/${created.id}/edit">Edit the event</a>`,
    );
    const form = await page(`/console/events/${created.id}/edit`);
    expect(form).toContain(`<form method="post" action="/console/events/${created.id}/edit" novalidate="">`);
    expect(form).toContain(`<input type="hidden" name="version" value="${created.version}"/>`);
    expect(form).toContain('2027-03-16 10:00-13:00 14:00-17:00</textarea>');
    expect(form).toContain('Anna Petrova: ru-vi</textarea>');
    expect(form).toMatch(/id="f-tables" name="tables"[^>]*value="2"/);
    expect(form).toMatch(/id="f-registrationDeadline" name="registrationDeadline"[^>]*value="2027-03-01"/);
    expect(form).toMatch(/id="f-requestDeadline" name="requestDeadline"[^>]*value="2027-03-10"/);

    const saved = await post(`/console/events/${created.id}/edit`, {
      version: String(created.version),
      'name.en': 'Russia–Vietnam B2B meetings, spring',
      'name.ru': eventCreateExample.name.ru,
      'city.ru': '',
      'city.vi': '',
      'city.en': '',
      online: 'on',
      timeZone: 'Europe/Moscow',
      days: '2027-03-16 10:00-13:00 14:00-17:00\n2027-03-17 10:00-13:00',
      slotMinutes: '20',
      gapMinutes: '5',
      tables: '3',
      spareTables: '',
      registrationDeadline: '2027-03-01',
      requestDeadline: '2027-03-12',
      interpreters: 'Anna Petrova: ru-vi, ru-en\nLê Thu Hà: vi-en',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/console/events/${created.id}?saved`);
    const read = (await (await t.call('GET', `/v1/events/${created.id}`, { token: staff })).json()) as Record<
      string,
      unknown
    >;
    expect(read).not.toHaveProperty('city');
    expect(read).toMatchObject({
      version: created.version + 1,
      name: { en: 'Russia–Vietnam B2B meetings, spring', ru: eventCreateExample.name.ru },
      online: true,
      days: [
        {
          date: '2027-03-16',
          sessions: [
            { start: '10:00', end: '13:00' },
            { start: '14:00', end: '17:00' },
          ],
        },
        { date: '2027-03-17', sessions: [{ start: '10:00', end: '13:00' }] },
      ],
      tables: [{ id: 'A', label: 'Hall A' }, { id: 'B' }, { id: 'T1' }],
      // Left empty, as the hint says: 10% of the tables, rounded up (it was 0).
      spareTables: 1,
      // The day left as it was keeps its moment; the day changed ends at midnight in Moscow.
      registrationDeadline: '2027-03-01T12:00:00.000Z',
      requestDeadline: '2027-03-12T21:00:00.000Z',
      interpreters: [
        {
          id: 'I1',
          name: 'Anna Petrova',
          pairs: [
            ['ru', 'vi'],
            ['ru', 'en'],
          ],
        },
        { id: 'I2', name: 'Lê Thu Hà', pairs: [['vi', 'en']] },
      ],
    });
    expect(read.name).not.toHaveProperty('vi');

    // The same form again, at the version it was filled from: someone else's save came first.
    await useLocale('ru');
    const stale = await post(
      `/console/events/${created.id}/edit`,
      eventForm({ version: String(created.version), 'name.en': 'Overwritten' }),
    );
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('Изменено другим пользователем');
    expect(staleHtml).toContain(`<input type="hidden" name="version" value="${created.version + 1}"/>`);
    expect(staleHtml).toMatch(/id="f-name-en" name="name.en"[^>]*value="Overwritten"/);
    const after = (await (await t.call('GET', `/v1/events/${created.id}`, { token: staff })).json()) as {
      version: number;
      name: { en: string };
    };
    expect(after).toMatchObject({
      version: created.version + 1,
      name: { en: 'Russia–Vietnam B2B meetings, spring' },
    });
    await useLocale('en');
  });

  it('refuses to move the slots of an event companies registered for, beside the days, and writes nothing', async () => {
    const event = await createEvent();
    await openEvent(event.id);
    await register(event.id, await member('RU'));
    const { version } = (await (await t.call('GET', `/v1/events/${event.id}`, { token: staff })).json()) as {
      version: number;
    };
    const unversioned = await post(
      `/console/events/${event.id}/edit`,
      eventForm({ days: '2027-03-16 11:00-13:00' }),
    );
    expect(unversioned.status).toBe(428);
    expect(await unversioned.text()).toContain('Form out of date');
    const refused = await post(
      `/console/events/${event.id}/edit`,
      eventForm({ version: String(version), days: '2027-03-16 11:00-13:00' }),
    );
    const html = await refused.text();
    expect(refused.status, textOf(html).slice(-1500)).toBe(409);
    expect(html).toMatch(/id="f-days"[^>]*aria-invalid="true"/);
    expect(html).toContain('The slots are fixed once companies have registered');
    const read = (await (await t.call('GET', `/v1/events/${event.id}`, { token: staff })).json()) as {
      version: number;
    };
    expect(read.version).toBe(version);
  });

  it('moves the state through its button, and answers 404 for an unknown event or page', async () => {
    const draft = await createEvent();
    const moved = await post(`/console/events/${draft.id}/state`, {
      version: String(draft.version),
      state: 'open',
    });
    expect(moved.status).toBe(303);
    const read = (await (await t.call('GET', `/v1/events/${draft.id}`, { token: staff })).json()) as {
      state: string;
    };
    expect(read.state).toBe('open');

    const unknown = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
    for (const path of [
      '',
      '/edit',
      '/participants',
      '/requests',
      '/schedule',
      '/interpreters',
      '/outcomes',
    ]) {
      const html = await page(`/console/events/${unknown}${path}`, 404);
      expect(html).toContain('Not found');
    }
    await page('/console/events/not-an-id', 404);
  });
});

/** A slot id (the local time in Moscow, UTC+3 all year) as the UTC instant the grid's <time> names. */
function slotStartUtc(slot: string): string {
  return new Date(Date.parse(`${slot}:00+03:00`)).toISOString();
}
