/**
 * The follow-up question months after an event (issue 11), on DynamoDB Local: staff ask both sides of
 * every held meeting by email whether a cooperation agreement was reached; each delegate of a side that
 * has not answered gets one email in its language with a yes and a no link; the link's page asks the
 * question with two buttons (no script), a button queues the answer for the mail-event consumer, which
 * records it as the outcome route would: on the side's outcome, on the meeting's lead, in the report.
 * Forged links are refused, and an event not held yet is not asked about.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  latinName?: string;
  contacts: { id: string; name: string; email: string; language: string }[];
}
interface Meeting {
  id: string;
  state: string;
  leadId?: string;
  outcomes: Record<string, { happened: boolean; outcome?: string; agreement?: boolean }>;
}

let serial = Date.now() % 100_000;
const mst = mstSequence(41_550_000 + (Date.now() % 1_000_000));

async function ok<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

const eventBody = {
  name: { en: 'Russia–Vietnam B2B meetings', ru: 'B2B-встречи Россия–Вьетнам', vi: 'Gặp gỡ B2B Nga–Việt' },
  city: 'Moscow',
  timeZone: 'Europe/Moscow',
  days: [{ date: '2027-03-16', sessions: [{ start: '10:00', end: '13:00' }] }],
  slotMinutes: 20,
  gapMinutes: 5,
  tables: [{ id: 'T1' }, { id: 'T2' }],
  spareTables: 0,
  registrationDeadline: '2027-03-01T21:00:00Z',
  requestDeadline: '2027-03-10T21:00:00Z',
  interpreters: [],
};

async function setState(eventId: string, state: string) {
  return t.call('PATCH', `/v1/events/${eventId}`, {
    token: staff,
    body: { state },
    headers: { 'if-match': '*' },
  });
}

/** The emails the outbox holds for `to` with a follow-up link, parsed, oldest first. */
async function followUpsTo(to: string): Promise<Email[]> {
  await t.sends.idle();
  const files = (await readdir(t.outboxDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.eml'))
    .sort();
  const parsed = await Promise.all(
    files.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))),
  );
  return parsed.filter(
    (email) => email.to?.some((a) => a.address === to) && email.text?.includes('/event-follow-up/'),
  );
}

/** The path (and query) of the email's yes or no link, the public base URL stripped. */
function linkOf(email: Email | undefined, answer: 'yes' | 'no'): string {
  const match = new RegExp(
    `${testPublicBaseUrl}(/event-follow-up/[A-Za-z0-9._-]+\\?answer=${answer}&lang=[a-z]{2})`,
  ).exec(email?.text ?? '');
  expect(match, email?.text).not.toBeNull();
  return match![1]!;
}

const post = async (link: string, value: string) => {
  const response = await t.call('POST', link, {
    body: `answer=${value}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await t.mailEvents.idle();
  return response;
};

describe('the follow-up question', () => {
  let eventId: string;
  let member: Company & { token: string };
  let partner: Company;
  let meetingId: string;

  const meeting = async () =>
    (
      await ok<{ meetings: Meeting[] }>(
        await t.call('GET', `/v1/events/${eventId}/schedule`, { token: staff }),
      )
    ).meetings.find((m) => m.id === meetingId)!;
  const leadTimeline = async (leadId: string) =>
    (
      await ok<{ timeline: { type: string; text?: string }[] }>(
        await t.call('GET', `/v1/leads/${leadId}`, { token: staff }),
      )
    ).timeline.filter((e) => e.type === 'meeting');

  beforeAll(async () => {
    ({ id: eventId } = await ok<{ id: string }>(
      await t.call('POST', '/v1/events', { token: staff, body: eventBody }),
      201,
    ));
    await ok(await setState(eventId, 'open'));
    const n = serial++;
    const created = await ok<Company>(
      await t.call('POST', '/v1/members', {
        token: staff,
        body: company({
          contacts: [{ name: `Павел ${n}`, email: `m.${n}@follow-up.test`, language: 'ru' }],
          offers: [{ topic: 'industrial-water-treatment', text: 'We build treatment plants' }],
        }),
      }),
      201,
    );
    member = { ...created, token: await t.token('member', created.id) };
    partner = await ok<Company>(
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
          contacts: ['vi', 'en'].map((language, i) => ({
            name: `Delegate ${n}-${i}`,
            email: `p${i}.${n}@follow-up.test`,
            language,
          })),
        },
      }),
      201,
    );
    await ok(
      await t.call('POST', `/v1/events/${eventId}/participants`, {
        token: staff,
        body: {
          memberId: member.id,
          delegates: [{ contactId: member.contacts[0]!.id }],
          languages: ['ru', 'en'],
        },
      }),
      201,
    );
    await ok(
      await t.call('POST', `/v1/events/${eventId}/participants`, {
        token: staff,
        body: {
          partnerId: partner.id,
          delegates: partner.contacts.map((c) => ({ contactId: c.id })),
          languages: ['vi', 'en'],
        },
      }),
      201,
    );
    const request = await ok<{ id: string }>(
      await t.call('POST', `/v1/events/${eventId}/requests`, {
        token: member.token,
        body: { to: partner.id, priority: 'must', reason: 'We build treatment plants in Dong Nai.' },
      }),
      201,
    );
    meetingId = request.id;
    await ok(await t.call('POST', `/v1/events/${eventId}/requests/${request.id}/accept`, { token: staff }));
    const run = await ok<unknown>(
      await t.call('POST', `/v1/events/${eventId}/schedule`, { token: staff, body: { publish: true } }),
    );
    expect(run).toMatchObject({ placed: 1, published: true });
    await t.sends.idle();
  });

  it('is not asked before the event is held', async () => {
    const early = await t.call('POST', `/v1/events/${eventId}/follow-up`, { token: staff });
    expect(early.status).toBe(409);
    const unknown = await t.call('POST', '/v1/events/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/follow-up', { token: staff });
    expect(unknown.status).toBe(404);
  });

  it('emails each delegate of each side that has not answered, in its language, with yes and no links', async () => {
    // The day's session (10:00–13:00 in Moscow) is over: the event is held and its outcomes are due.
    now = Date.parse('2027-03-16T11:00:00Z');
    await ok(await setState(eventId, 'held'));
    // The member reports the meeting (a follow-up: the meeting's lead opens); the partner says nothing.
    const reported = await ok<Meeting>(
      await t.call('POST', `/v1/events/${eventId}/meetings/${meetingId}/outcome`, {
        token: member.token,
        body: { happened: true, outcome: 'follow-up' },
      }),
    );
    expect(reported.state).toBe('held');
    expect(reported.leadId).toBeDefined();

    const asked = await ok<{ asked: number; emails: number }>(
      await t.call('POST', `/v1/events/${eventId}/follow-up`, { token: staff }),
    );
    expect(asked).toEqual({ asked: 1, emails: 3 });
    const event = await ok<{ followUpAskedAt?: string }>(
      await t.call('GET', `/v1/events/${eventId}`, { token: staff }),
    );
    expect(event.followUpAskedAt).toBe(new Date(now).toISOString());

    const [ru] = await followUpsTo(member.contacts[0]!.email);
    const [vi] = await followUpsTo(partner.contacts[0]!.email);
    const [en] = await followUpsTo(partner.contacts[1]!.email);
    expect(await followUpsTo(member.contacts[0]!.email)).toHaveLength(1);
    expect(ru?.subject).toBe('После мероприятия «B2B-встречи Россия–Вьетнам»: удалось ли договориться?');
    expect(ru?.headers.find((h) => h.key === 'content-language')?.value).toBe('ru');
    expect(ru?.text).toContain(`вы встречались с ${partner.name} (${partner.latinName})`);
    expect(ru?.text).toContain('Удалось ли договориться о сотрудничестве?');
    expect(vi?.subject).toBe('Sau sự kiện “Gặp gỡ B2B Nga–Việt”: hai bên đã đạt thỏa thuận chưa?');
    expect(vi?.text).toContain(`bạn đã gặp ${member.name}`);
    expect(en?.subject).toBe('After Russia–Vietnam B2B meetings: did you reach an agreement?');
    expect(en?.text).toContain(
      `At Russia–Vietnam B2B meetings on March 16, 2027 you met ${member.name}. Did you reach a cooperation agreement?`,
    );
    for (const email of [ru, vi, en]) {
      linkOf(email, 'yes');
      linkOf(email, 'no');
      // Ids and a time only: no name or address in the link.
      expect(linkOf(email, 'yes')).not.toContain('@');
    }
  });

  it('shows the question on the link’s page, with two buttons and no script, and changes nothing', async () => {
    const [vi] = await followUpsTo(partner.contacts[0]!.email);
    const page = await t.call('GET', linkOf(vi, 'yes'));
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Hai bên đã đạt được thỏa thuận hợp tác chưa?');
    expect(body).toContain('name="answer" value="yes"');
    expect(body).toContain('name="answer" value="no"');
    expect(body).not.toContain('<script');
    await t.mailEvents.idle();
    expect((await meeting()).outcomes[partner.id]).toBeUndefined();
  });

  it('records a yes on the side’s outcome, the meeting’s lead and the report; the same yes twice changes nothing', async () => {
    const [en] = await followUpsTo(partner.contacts[1]!.email);
    const done = await post(linkOf(en, 'yes'), 'yes');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('you reached a cooperation agreement');
    const after = await meeting();
    expect(after.outcomes[partner.id]).toMatchObject({ happened: true, agreement: true });
    expect(after.state).toBe('held');
    const timeline = await leadTimeline(after.leadId!);
    expect(timeline.some((e) => e.text?.includes('Cooperation agreement: reached.'))).toBe(true);
    const report = await ok<{ total: { agreements: number } }>(
      await t.call('GET', `/v1/reports/events/${eventId}`, { token: staff }),
    );
    expect(report.total.agreements).toBe(1);

    expect((await post(linkOf(en, 'yes'), 'yes')).status).toBe(200);
    expect(await leadTimeline(after.leadId!)).toHaveLength(timeline.length);
    expect((await meeting()).outcomes[partner.id]).toEqual(after.outcomes[partner.id]);
  });

  it('keeps a side’s own report when it answers, and takes a later different answer', async () => {
    const [ru] = await followUpsTo(member.contacts[0]!.email);
    expect((await post(linkOf(ru, 'no'), 'no')).status).toBe(200);
    const no = await meeting();
    expect(no.outcomes[member.id]).toMatchObject({ happened: true, outcome: 'follow-up', agreement: false });
    const entries = (await leadTimeline(no.leadId!)).length;
    expect((await post(linkOf(ru, 'yes'), 'yes')).status).toBe(200);
    const yes = await meeting();
    expect(yes.outcomes[member.id]).toMatchObject({ happened: true, outcome: 'follow-up', agreement: true });
    expect(await leadTimeline(yes.leadId!)).toHaveLength(entries + 1);
    // Both sides have answered: asking again asks nobody.
    const again = await ok<{ asked: number; emails: number }>(
      await t.call('POST', `/v1/events/${eventId}/follow-up`, { token: staff }),
    );
    expect(again).toEqual({ asked: 0, emails: 0 });
  });

  it('refuses a forged or altered link', async () => {
    const [vi] = await followUpsTo(partner.contacts[0]!.email);
    const link = linkOf(vi, 'no');
    const [path, query] = link.split('?') as [string, string];
    const parts = path.split('.');
    const forgedMac = `${parts.slice(0, -1).join('.')}.${'A'.repeat(22)}?${query}`;
    const otherSide = path.replace(partner.id, member.id);
    for (const forged of [forgedMac, `${otherSide}?${query}`, '/event-follow-up/not-a-token']) {
      expect((await t.call('GET', forged)).status).toBe(404);
      expect((await post(forged, 'no')).status).toBe(404);
    }
    expect((await meeting()).outcomes[partner.id]?.agreement).toBe(true);
  });
});
