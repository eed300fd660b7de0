/**
 * A partner answers a meeting request through its emailed link (issue 11), on DynamoDB Local: a member
 * asks a partner to meet, each of the partner's delegates is emailed the request in its language with
 * a signed link; the link's page shows the request and two buttons (no script), a button queues the
 * answer for the mail-event consumer, which answers as the partner, once. Forged links, links naming
 * another side or another request, and links past the deadline are refused.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCreateExample } from '../../shared/events/event-schema.ts';
import { company, mstSequence } from '../support/companies.ts';
import { createTestApp, type TestApp, testPublicBaseUrl } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let now = Date.parse('2027-02-01T09:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  staff = await t.token('staff');
});
afterAll(() => t.drop());

interface Company {
  id: string;
  name: string;
  contacts: { id: string; name: string; email: string; language: string }[];
}
interface Request {
  id: string;
  from: string;
  to: string;
  status: string;
  answeredBy?: string;
  version: number;
}

let serial = Date.now() % 100_000;
const mst = mstSequence(31_550_000);

/** The API's documented example event, without interpreters. */
const eventBody = { ...eventCreateExample, interpreters: [] };

async function ok<T>(response: Response, status: number): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

async function member(): Promise<Company & { token: string }> {
  const created = await ok<Company>(
    await t.call('POST', '/v1/members', {
      token: staff,
      body: company({
        offers: [{ topic: 'industrial-water-treatment', text: 'We build treatment plants' }],
      }),
    }),
    201,
  );
  return { ...created, token: await t.token('member', created.id) };
}

/** A Vietnamese partner whose contacts speak `languages`, one contact each, fresh addresses. */
async function partner(languages: string[]): Promise<Company> {
  const n = serial++;
  return ok<Company>(
    await t.call('POST', '/v1/partners', {
      token: staff,
      body: {
        name: `Công ty CP Nước Sài Gòn ${n}`,
        latinName: `Saigon Water ${n} JSC`,
        country: 'VN',
        region: 'VN-SG',
        taxId: mst(),
        sectors: ['industrial-parks'],
        languages: ['vi', 'en'],
        needs: [{ topic: 'industrial-water-treatment', text: 'A treatment plant' }],
        contacts: languages.map((language, i) => ({
          name: `Delegate ${n}-${i}`,
          email: `d${i}.${n}@answers.test`,
          language,
        })),
      },
    }),
    201,
  );
}

let eventId: string;
let asker: Company & { token: string };

async function register(body: Record<string, unknown>) {
  await ok(await t.call('POST', `/v1/events/${eventId}/participants`, { token: staff, body }), 201);
}

/** A registered partner the member asks to meet: the request, and the partner. */
async function requested(languages: string[]) {
  const p = await partner(languages);
  await register({ partnerId: p.id, delegates: p.contacts.map((c) => ({ contactId: c.id })) });
  const request = await ok<Request>(
    await t.call('POST', `/v1/events/${eventId}/requests`, {
      token: asker.token,
      body: { to: p.id, priority: 'must', reason: 'We build treatment plants in Dong Nai.' },
    }),
    201,
  );
  return { partner: p, request };
}

/** The emails the outbox holds for `to`, parsed, oldest first. */
async function emailsTo(to: string) {
  await t.sends.idle();
  const files = (await readdir(t.outboxDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.eml'))
    .sort();
  const parsed = await Promise.all(
    files.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))),
  );
  return parsed.filter((email) => email.to?.some((a) => a.address === to));
}

/** The path of the answer link in an email (the public base URL stripped). */
function linkOf(email: { text?: string } | undefined): string {
  const match = new RegExp(`${testPublicBaseUrl}(/event-requests/[A-Za-z0-9._-]+)`).exec(email?.text ?? '');
  expect(match, email?.text).not.toBeNull();
  return match![1]!;
}

async function linkFor(p: Company, contact = 0) {
  const [email] = await emailsTo(p.contacts[contact]!.email);
  return linkOf(email);
}

const answer = async (link: string, value: string) => {
  const response = await t.call('POST', link, {
    body: `answer=${value}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await t.mailEvents.idle();
  return response;
};

async function requestOf(id: string): Promise<Request> {
  const { items } = await ok<{ items: Request[] }>(
    await t.call('GET', `/v1/events/${eventId}/requests`, { token: staff }),
    200,
  );
  return items.find((r) => r.id === id)!;
}

beforeAll(async () => {
  ({ id: eventId } = await ok<{ id: string }>(
    await t.call('POST', '/v1/events', { token: staff, body: eventBody }),
    201,
  ));
  await ok(
    await t.call('PATCH', `/v1/events/${eventId}`, {
      token: staff,
      body: { state: 'open' },
      headers: { 'if-match': '*' },
    }),
    200,
  );
  asker = await member();
  await register({ memberId: asker.id, delegates: [{ contactId: asker.contacts[0]!.id }] });
});

describe('a meeting request to a partner', () => {
  it('emails each of its delegates the request in the delegate’s language, with a link to answer', async () => {
    const { partner: p } = await requested(['vi', 'en']);
    const [vi] = await emailsTo(p.contacts[0]!.email);
    const [en] = await emailsTo(p.contacts[1]!.email);
    expect(vi?.subject).toBe(`Đề nghị gặp từ ${asker.name}: Gặp gỡ B2B Nga–Việt`);
    expect(vi?.headers.find((h) => h.key === 'content-language')?.value).toBe('vi');
    expect(vi?.text).toContain(`${asker.name} (Nga)`);
    expect(vi?.text).toContain('Xử lý nước công nghiệp');
    expect(vi?.text).toContain('cuộc gặp bắt buộc');
    expect(vi?.text).toContain('We build treatment plants in Dong Nai.');
    expect(vi?.text).toContain('10:00–17:00');
    expect(en?.subject).toBe(`Meeting request from ${asker.name}: Russia–Vietnam B2B meetings`);
    expect(en?.text).toContain('Industrial water treatment');
    expect(en?.text).toContain('a meeting they must have');
    // Each delegate its own link, naming ids only: no name, no address.
    const [a, b] = [linkOf(vi), linkOf(en)];
    expect(a).not.toBe(b);
    for (const link of [a, b]) {
      expect(link).not.toContain('@');
      expect(link).not.toMatch(/Delegate|Saigon/);
    }
  });

  it('sends nothing to a member asked: it answers in the app', async () => {
    const other = await member();
    await register({ memberId: other.id, delegates: [{ contactId: other.contacts[0]!.id }] });
    const p = await partner(['en']);
    await register({ partnerId: p.id, delegates: [{ contactId: p.contacts[0]!.id }] });
    // Staff ask for the partner: the member asked gets no email.
    await ok(
      await t.call('POST', `/v1/events/${eventId}/requests`, {
        token: staff,
        body: { from: p.id, to: other.id, priority: 'nice', reason: 'Staff asked for them.' },
      }),
      201,
    );
    expect(await emailsTo(other.contacts[0]!.email)).toEqual([]);
    expect(await emailsTo(p.contacts[0]!.email)).toEqual([]);
  });
});

describe('the answer link', () => {
  it('shows the request in the delegate’s language with two buttons, no script, and changes nothing', async () => {
    const { partner: p, request } = await requested(['vi']);
    const page = await t.call('GET', await linkFor(p));
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Gặp gỡ B2B Nga–Việt');
    expect(html).toContain('We build treatment plants in Dong Nai.');
    expect(html).toContain('Xử lý nước công nghiệp');
    expect(html).toContain('<form method="post">');
    expect(html).toContain('value="accept"');
    expect(html).toContain('value="decline"');
    expect(html).not.toContain('<script');
    await t.mailEvents.idle();
    expect(await requestOf(request.id)).toMatchObject({ status: 'pending', version: 1 });
  });

  it('accepts as the partner, once: a second answer or a redelivered one changes nothing', async () => {
    const { partner: p, request } = await requested(['en']);
    const link = await linkFor(p);
    const done = await answer(link, 'accept');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('you accepted the request');
    const accepted = await requestOf(request.id);
    expect(accepted).toMatchObject({ status: 'accepted', answeredBy: 'partner', version: 2 });

    const again = await answer(link, 'decline');
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('accepted already');
    const page = await t.call('GET', link);
    expect(await page.text()).toContain('accepted already');
    // The consumer given the same answer twice more, and another: the first one stands.
    const [, eventPart, requestId, partnerId] = link.split('/')[2]!.split('.');
    for (const value of ['accepted', 'declined'] as const) {
      await t.mailEvents.enqueue({
        kind: 'answer-request',
        eventId: eventPart!,
        requestId: requestId!,
        partnerId: partnerId!,
        answer: value,
        at: new Date(now).toISOString(),
      });
    }
    await t.mailEvents.idle();
    expect(await requestOf(request.id)).toEqual(accepted);
  });

  it('declines likewise, in Russian for a Russian-speaking delegate', async () => {
    const { partner: p, request } = await requested(['ru']);
    const link = await linkFor(p);
    const html = await (await t.call('GET', link)).text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('B2B-встречи Россия–Вьетнам');
    const done = await answer(link, 'decline');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('вы отклонили запрос');
    expect(await requestOf(request.id)).toMatchObject({ status: 'declined', answeredBy: 'partner' });
  });

  it('asks again for a post that chose neither button, and queues nothing', async () => {
    const { partner: p, request } = await requested(['en']);
    const response = await answer(await linkFor(p), 'maybe');
    expect(response.status).toBe(400);
    expect(await requestOf(request.id)).toMatchObject({ status: 'pending' });
  });

  it('refuses a forged link, one altered to name another request, and one naming the asking side', async () => {
    const first = await requested(['en']);
    const second = await requested(['en']);
    const link = await linkFor(first.partner);
    const token = link.split('/')[2]!;
    const parts = token.split('.');
    const mac = parts[6]!;
    const forged = [...parts.slice(0, 6), `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`].join('.');
    const otherRequest = [
      parts[0],
      parts[1],
      second.request.id,
      second.partner.id,
      parts[4],
      parts[5],
      mac,
    ].join('.');
    // Signed with the real key, but for the member's side of the request: the member is not asked.
    const askerSide = (await t.deps.partnerAnswers()).sign(
      { eventId, requestId: first.request.id, partnerId: asker.id },
      eventBody.requestDeadline,
    );
    for (const bad of [forged, otherRequest, askerSide, 'not-a-token', `${token}.x`]) {
      const page = await t.call('GET', `/event-requests/${bad}`);
      expect(page.status, bad).toBe(404);
      expect(await page.text()).toContain('This link is not valid');
      expect((await answer(`/event-requests/${bad}`, 'accept')).status).toBe(404);
    }
    expect(await requestOf(first.request.id)).toMatchObject({ status: 'pending', version: 1 });
    expect(await requestOf(second.request.id)).toMatchObject({ status: 'pending', version: 1 });
  });

  it('stops at the request deadline the email went with, even when staff move it later', async () => {
    const { partner: p, request } = await requested(['vi']);
    const late = await requested(['en']);
    const link = await linkFor(p);
    const lateLink = await linkFor(late.partner);
    // Staff move the deadline a day on: links sent before still end at the old one.
    await ok(
      await t.call('PATCH', `/v1/events/${eventId}`, {
        token: staff,
        body: { requestDeadline: '2027-03-11T21:00:00Z' },
        headers: { 'if-match': '*' },
      }),
      200,
    );
    now = Date.parse('2027-03-11T09:00:00Z');
    const page = await t.call('GET', link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('hết hạn');
    expect((await answer(link, 'accept')).status).toBe(410);
    expect(await requestOf(request.id)).toMatchObject({ status: 'pending', version: 1 });

    // Past the event's deadline: the request reads expired, and its link says so.
    now = Date.parse('2027-03-12T09:00:00Z');
    expect((await answer(lateLink, 'accept')).status).toBe(410);
    expect(await requestOf(late.request.id)).toMatchObject({ status: 'expired' });
  });
});
