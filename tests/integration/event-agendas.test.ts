/**
 * Agendas over HTTP on DynamoDB Local: a participant's agenda as JSON (times in UTC, the event's zone
 * and the delegate's) and as iCalendar, what a member may read of it, whose delegate names it shows,
 * the agenda emails (once per published version, only on a change, in the delegate's language with the
 * `.ics` attached), and the interpreters' plan.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import PostalMime, { type Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailNotAcceptedError } from '../../shared/email/mail-transport.ts';
import { AgendaBusyError, AgendaClaims, agendaClaimMs } from '../../shared/events/agenda-claims.ts';
import { sendAgenda } from '../../shared/events/agenda-mailer.ts';
import { agendaSchema } from '../../shared/events/agenda-schema.ts';
import { EventRepository } from '../../shared/events/event-repository.ts';
import { interpreterPlanSchema } from '../../shared/events/interpreter-plan.ts';
import { ParticipantChanges } from '../../shared/events/participant-changes.ts';
import { memberReads } from '../../shared/members/member-read.ts';
import { partnerReads } from '../../shared/partners/partner-read.ts';
import { campaignWorker } from '../../shared/runtime/campaign-worker.ts';
import { company, mstSequence } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
const now = Date.parse('2027-02-01T09:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  staff = await t.token('staff');
});
afterAll(() => t.drop());

interface Company {
  id: string;
  name: string;
  contacts: { id: string; name: string; email: string }[];
  token: string;
}
interface AgendaMeeting {
  meetingId: string;
  state: string;
  slot: string;
  start: string;
  end: string;
  atEvent: { timeZone: string; start: string; end: string };
  forDelegate: { timeZone: string; start: string; end: string };
  table: { id: string; label?: string };
  interpreter?: string;
  topic: string;
  delegate: { contactId: string; name: string };
  counterpart: { id: string; name: string; country: string; delegateName: string };
}
interface Agenda {
  scheduleVersion: number;
  view: string;
  meetings: AgendaMeeting[];
  cancelled: unknown[];
}

let serial = Date.now() % 100_000;
const mst = mstSequence(100_000_000 + (Date.now() % 800_000_000));

async function member(
  country: 'RU' | 'VN',
  language: 'ru' | 'vi' | 'en',
  offers: string[],
  needs: string[],
  delegates = 1,
) {
  const n = serial++;
  const body =
    country === 'RU'
      ? company({
          contacts: Array.from({ length: delegates }, (_, i) => ({
            name: `Делегат ${n}${i > 0 ? `-${i + 1}` : ''}`,
            email: `d.${n}${i > 0 ? `-${i + 1}` : ''}@agendas.test`,
            language,
          })),
        })
      : company({
          name: `Công ty ${n}`,
          country: 'VN',
          region: 'VN-HN',
          taxId: mst(),
          languages: ['vi'],
          contacts: [{ name: `Đại biểu ${n}`, email: `d.${n}@agendas.test`, language }],
        });
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: {
      ...body,
      offers: offers.map((topic) => ({ topic, text: `We offer ${topic}` })),
      needs: needs.map((topic) => ({ topic, text: `We seek ${topic}` })),
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as Omit<Company, 'token'>;
  return { ...created, token: await t.token('member', created.id) };
}

async function ok(response: Response, status = 200) {
  expect(response.status, await response.clone().text()).toBe(status);
  return response;
}

/** A participant's changes written without the hook that queues their agendas, as if the queue had failed. */
const unqueuedChanges = () =>
  new ParticipantChanges({
    events: new EventRepository(t.db),
    members: memberReads(t.db),
    partners: partnerReads(t.db),
    clock: () => new Date(now),
  });

/** A new event in Moscow, open for registration: three tables and a Russian–Vietnamese interpreter. */
async function openEvent(): Promise<string> {
  const created = await ok(
    await t.call('POST', '/v1/events', {
      token: staff,
      body: {
        name: { en: 'Russia–Vietnam B2B', ru: 'B2B Россия–Вьетнам', vi: 'Gặp gỡ B2B Nga–Việt' },
        city: 'Moscow',
        timeZone: 'Europe/Moscow',
        days: [{ date: '2027-03-16', sessions: [{ start: '10:00', end: '11:10' }] }],
        slotMinutes: 20,
        gapMinutes: 5,
        tables: [{ id: 'T1', label: 'Table 1' }, { id: 'T2' }, { id: 'T3' }],
        spareTables: 1,
        registrationDeadline: '2027-03-01T21:00:00Z',
        requestDeadline: '2027-03-10T21:00:00Z',
        interpreters: [{ id: 'I1', name: 'Anna Petrova', pairs: [['ru', 'vi']] }],
      },
    }),
    201,
  );
  const { id } = (await created.json()) as { id: string };
  await ok(
    await t.call('PATCH', `/v1/events/${id}`, {
      token: staff,
      body: { state: 'open' },
      headers: { 'if-match': '*' },
    }),
  );
  return id;
}

async function register(eventId: string, c: Company, languages: string[], timeZone?: string) {
  await ok(
    await t.call('POST', `/v1/events/${eventId}/participants`, {
      token: staff,
      body: {
        memberId: c.id,
        delegates: c.contacts.map((x) => ({ contactId: x.id, ...(timeZone ? { timeZone } : {}) })),
        languages,
      },
    }),
    201,
  );
}

/** A company with its first contact alone as delegate, speaking Russian and Vietnamese (meets B or C at once). */
async function registerFirstDelegate(eventId: string, c: Company) {
  await ok(
    await t.call('POST', `/v1/events/${eventId}/participants`, {
      token: staff,
      body: { memberId: c.id, delegates: [{ contactId: c.contacts[0]!.id }], languages: ['ru', 'vi'] },
    }),
    201,
  );
}

/** A request from `from` (asked by staff) accepted by `to` itself. */
async function meet(eventId: string, from: Company, to: Company) {
  const created = await ok(
    await t.call('POST', `/v1/events/${eventId}/requests`, {
      token: staff,
      body: { from: from.id, to: to.id, priority: 'must', reason: 'We should talk.' },
    }),
    201,
  );
  const { id } = (await created.json()) as { id: string };
  await ok(await t.call('POST', `/v1/events/${eventId}/requests/${id}/accept`, { token: to.token }));
}

async function publish(eventId: string) {
  const response = await ok(
    await t.call('POST', `/v1/events/${eventId}/schedule`, { token: staff, body: { publish: true } }),
  );
  await t.sends.idle();
  return ((await response.json()) as { scheduleVersion: number }).scheduleVersion;
}

const agenda = async (eventId: string, companyId: string, token: string) =>
  (await (
    await ok(await t.call('GET', `/v1/events/${eventId}/participants/${companyId}/agenda`, { token }))
  ).json()) as Agenda;

/** Every agenda email in the outbox, parsed, by file name. */
const seen = new Set<string>();
async function newAgendaEmails(): Promise<Email[]> {
  await t.sends.idle();
  const files = (await readdir(t.outboxDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.eml'))
    .sort();
  const fresh = files.filter((f) => !seen.has(f));
  for (const f of fresh) seen.add(f);
  const parsed = await Promise.all(
    fresh.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))),
  );
  return parsed.filter((email) => email.attachments.some((a) => a.filename === 'agenda.ics'));
}
/** The email among these sent to this address. */
const emailTo = (emails: Email[], address: string) => emails.find((e) => e.to?.[0]?.address === address)!;
const recipients = (emails: Email[]) => emails.flatMap((e) => e.to?.map((a) => a.address) ?? []).sort();
const icsOf = (email: Email) =>
  new TextDecoder().decode(
    email.attachments.find((a) => a.filename === 'agenda.ics')!.content as ArrayBuffer,
  );
/** The calendar's entries, each with its folded lines joined again (RFC 5545 folds at 75 octets). */
const vevents = (email: Email) =>
  icsOf(email)
    .replace(/\r?\n[ \t]/g, '')
    .split('BEGIN:VEVENT')
    .slice(1);

describe('agendas', () => {
  let eventId: string;
  let a: Company; // RU, writes in Russian, meets B and C
  let b: Company; // VN, Vietnamese, its delegate in Ho Chi Minh City's zone
  let c: Company; // VN, English

  beforeAll(async () => {
    eventId = await openEvent();
    a = await member('RU', 'ru', ['industrial-water-treatment'], ['logistics']);
    b = await member('VN', 'vi', ['logistics'], ['industrial-water-treatment']);
    c = await member('VN', 'en', ['logistics'], ['industrial-water-treatment']);
    await register(eventId, a, ['ru']);
    await register(eventId, b, ['vi'], 'Asia/Ho_Chi_Minh');
    await register(eventId, c, ['vi', 'en']);
    await meet(eventId, a, b);
    await meet(eventId, a, c);
  });

  it('shows staff the placed meetings of a run, and a member nothing before the first publish', async () => {
    await ok(await t.call('POST', `/v1/events/${eventId}/schedule`, { token: staff, body: {} }));
    const forStaff = await agenda(eventId, a.id, staff);
    expect(forStaff).toMatchObject({ view: 'staff', scheduleVersion: 0 });
    expect(forStaff.meetings.map((m) => m.state)).toEqual(['placed', 'placed']);
    const forMember = await agenda(eventId, a.id, a.token);
    expect(forMember).toMatchObject({ view: 'member', scheduleVersion: 0, meetings: [] });
    expect(await newAgendaEmails()).toEqual([]);
  });

  it('publishes: each delegate is emailed its agenda once, in its language, with the .ics attached', async () => {
    expect(await publish(eventId)).toBe(1);
    const emails = await newAgendaEmails();
    expect(recipients(emails)).toEqual([a, b, c].map((x) => x.contacts[0]!.email).sort());
    const to = (x: Company) => emailTo(emails, x.contacts[0]!.email);
    expect(to(a).subject).toContain('B2B-встречи — B2B Россия–Вьетнам');
    expect(to(b).subject).toContain('Gặp gỡ B2B Nga–Việt');
    expect(to(c).subject).toBe('Your B2B meetings at Russia–Vietnam B2B');
    expect(to(b).headers.find((h) => h.key === 'content-language')?.value).toBe('vi');
    // B's delegate reads the time in its own zone too (UTC+7), each zone by its place, and A's
    // delegate by name; its own name only where the email greets it.
    expect(to(b).text).toContain(
      'Thời gian theo giờ của sự kiện (Mát-xcơ-va, UTC+3) và theo giờ của bạn (Hà Nội, TP. Hồ Chí Minh, UTC+7).',
    );
    expect(to(b).text).toMatch(/16 tháng 3, 2027 \(Hà Nội, TP\. Hồ Chí Minh, UTC\+7\)/);
    expect(to(b).text).not.toContain('Asia/');
    expect(to(b).text).not.toContain('Đại diện của bạn');
    expect(to(b).text).toContain(a.contacts[0]!.name);
    const ics = icsOf(to(b));
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toMatch(/SUMMARY:Gặp gỡ B2B: /);
    // Another redelivery of the same message sends nothing again.
    await sendAgenda({ eventId, companyId: b.id, scheduleVersion: 1 }, t.sending);
    expect(await newAgendaEmails()).toEqual([]);
  });

  it('gives the times in UTC, in the event’s zone and in the delegate’s', async () => {
    const forB = await agenda(eventId, b.id, b.token);
    // As documented (the route's schema is this one).
    expect(agendaSchema.parse(forB)).toEqual(forB);
    expect(forB.scheduleVersion).toBe(1);
    expect(forB.meetings).toHaveLength(1);
    const [m] = forB.meetings as [AgendaMeeting];
    expect(m.state).toBe('confirmed');
    expect(m.interpreter).toBe('Anna Petrova');
    const local = m.slot.slice(11); // 10:00, 10:25 or 10:50 in Moscow (UTC+3)
    const [h, min] = local.split(':').map(Number) as [number, number];
    const utc = `${String(h - 3).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
    const vn = `${String(h + 4).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
    expect(m.start).toBe(`2027-03-16T${utc}:00.000Z`);
    expect(m.atEvent).toEqual({
      timeZone: 'Europe/Moscow',
      start: `2027-03-16 ${local}`,
      end: m.atEvent.end,
    });
    expect(Date.parse(m.end) - Date.parse(m.start)).toBe(20 * 60_000);
    expect(m.forDelegate).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', start: `2027-03-16 ${vn}` });
    expect(m.counterpart).toMatchObject({
      id: a.id,
      name: a.name,
      country: 'RU',
      delegateName: a.contacts[0]!.name,
    });
    expect(m.delegate).toEqual({ contactId: b.contacts[0]!.id, name: b.contacts[0]!.name });
    // A's delegate is in the event's zone: both are Moscow time.
    const forA = await agenda(eventId, a.id, a.token);
    expect(forA.meetings.every((x) => x.forDelegate.timeZone === 'Europe/Moscow')).toBe(true);
  });

  it('answers text/calendar when the Accept header prefers it: UTC times, a stable UID, the version as SEQUENCE', async () => {
    const response = await ok(
      await t.call('GET', `/v1/events/${eventId}/participants/${a.id}/agenda`, {
        token: a.token,
        headers: { accept: 'text/calendar, application/json;q=0.5' },
      }),
    );
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const raw = await response.text();
    expect(raw.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    // Long lines are folded at 75 octets (RFC 5545 3.1); a reader unfolds them.
    const ics = raw.replace(/\r\n[ \t]/g, '');
    const forA = await agenda(eventId, a.id, a.token);
    const events = ics.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(2);
    for (const m of forA.meetings) {
      const stamp = m.start.replace(/[-:]/g, '').replace(/\.000Z$/, 'Z');
      const entry = events.find((e) => e.includes(`UID:${m.meetingId}@${eventId}`))!;
      expect(entry).toContain(`DTSTART:${stamp}`);
      expect(entry).toContain('SEQUENCE:1');
      expect(entry).toContain('STATUS:CONFIRMED');
    }
    // In A's delegate's language, Russian.
    expect(ics).toContain('SUMMARY:B2B-встреча: ');
    expect(raw).toMatch(/\r\nEND:VCALENDAR\r\n$/);
    // JSON stays the default, and a q=0 calendar is not preferred.
    const json = await t.call('GET', `/v1/events/${eventId}/participants/${a.id}/agenda`, {
      token: a.token,
      headers: { accept: '*/*' },
    });
    expect(json.headers.get('content-type')).toContain('application/json');
  });

  it('serves a member only its own company’s agenda', async () => {
    const other = await t.call('GET', `/v1/events/${eventId}/participants/${b.id}/agenda`, {
      token: a.token,
    });
    expect(other.status).toBe(404);
    const outsider = await member('RU', 'ru', [], []);
    const own = await t.call('GET', `/v1/events/${eventId}/participants/${outsider.id}/agenda`, {
      token: outsider.token,
    });
    expect(own.status).toBe(404);
    expect((await t.call('GET', `/v1/events/${eventId}/interpreter-plan`, { token: a.token })).status).toBe(
      403,
    );
  });

  it('names a delegate only on the agendas of the companies it meets, and no contact details', async () => {
    const [forA, forB, forC] = await Promise.all([
      t
        .call('GET', `/v1/events/${eventId}/participants/${a.id}/agenda`, { token: staff })
        .then((r) => r.text()),
      t
        .call('GET', `/v1/events/${eventId}/participants/${b.id}/agenda`, { token: staff })
        .then((r) => r.text()),
      t
        .call('GET', `/v1/events/${eventId}/participants/${c.id}/agenda`, { token: staff })
        .then((r) => r.text()),
    ]);
    expect(forA).toContain(b.contacts[0]!.name);
    expect(forA).toContain(c.contacts[0]!.name);
    expect(forB).not.toContain(c.contacts[0]!.name);
    expect(forC).not.toContain(b.contacts[0]!.name);
    for (const text of [forA, forB, forC]) {
      for (const x of [a, b, c]) expect(text).not.toContain(x.contacts[0]!.email);
    }
  });

  it('plans the interpreter: who, which table, when, between whom, in which languages', async () => {
    const plan = (await (
      await ok(await t.call('GET', `/v1/events/${eventId}/interpreter-plan`, { token: staff }))
    ).json()) as {
      interpreters: {
        id: string;
        name: string;
        assignments: {
          slot: string;
          table: { id: string };
          meetingId: string;
          companies: { name: string }[];
          languages: string[];
        }[];
      }[];
    };
    expect(interpreterPlanSchema.parse(plan)).toEqual(plan);
    expect(plan.interpreters).toHaveLength(1);
    const [i1] = plan.interpreters as [(typeof plan.interpreters)[number]];
    expect(i1).toMatchObject({ id: 'I1', name: 'Anna Petrova' });
    expect(i1.assignments).toHaveLength(2);
    expect(new Set(i1.assignments.map((x) => x.slot)).size).toBe(2);
    for (const x of i1.assignments) {
      expect(x.companies.map((co) => co.name)).toContain(a.name);
      const [first] = x.meetingId.split('-');
      expect(x.languages).toEqual(first === a.id ? ['ru', 'vi'] : ['vi', 'ru']);
    }
  });

  it('sends nothing when a publish changes nothing, and re-sends only to the participants whose agenda changed', async () => {
    expect(await publish(eventId)).toBe(2);
    expect(await newAgendaEmails()).toEqual([]);

    await meet(eventId, b, c);
    expect(await publish(eventId)).toBe(3);
    const emails = await newAgendaEmails();
    expect(recipients(emails)).toEqual([b, c].map((x) => x.contacts[0]!.email).sort());
    const toC = emailTo(emails, c.contacts[0]!.email);
    expect(toC.subject).toBe('Updated: your B2B meetings at Russia–Vietnam B2B');
    expect(icsOf(toC)).toContain('SEQUENCE:3');
    expect(icsOf(toC).split('BEGIN:VEVENT')).toHaveLength(3);
    // Now C's agenda names B's delegate, whom it meets.
    const forC = await agenda(eventId, c.id, c.token);
    expect(forC.meetings.map((m) => m.counterpart.delegateName)).toContain(b.contacts[0]!.name);
  });

  let d: Company; // RU, two contacts, meets B: its delegate handed over, then withdrawn
  it('sends the agendas a delegate handover changed at once, at a new schedule version', async () => {
    d = await member('RU', 'ru', ['industrial-water-treatment'], ['logistics'], 2);
    const [first, second] = d.contacts;
    await registerFirstDelegate(eventId, d);
    await meet(eventId, d, b);
    expect(await publish(eventId)).toBe(4);
    expect(recipients(await newAgendaEmails())).toEqual([b.contacts[0]!.email, first!.email].sort());

    // The second delegate comes instead of the first: D's meeting with B is now theirs.
    const changed = await t.call('PATCH', `/v1/events/${eventId}/participants/${d.id}`, {
      token: staff,
      body: { delegates: [{ contactId: second!.id }] },
      // Recording the agendas sent moved the participation's version: any version will do here.
      headers: { 'if-match': '*' },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const emails = await newAgendaEmails();
    // D's new delegate; its first, no longer a delegate, whose calendar holds the meeting; and B, whose
    // agenda names D's delegate. A and C's agendas did not change.
    expect(recipients(emails)).toEqual([b.contacts[0]!.email, first!.email, second!.email].sort());
    const to = (address: string) => emailTo(emails, address);
    const toB = to(b.contacts[0]!.email);
    expect(toB.text).toContain(second!.name);
    expect(icsOf(toB)).toContain('SEQUENCE:5');
    const [meeting] = (await agenda(eventId, d.id, d.token)).meetings;
    const uid = `UID:${meeting!.meetingId}@${eventId}`;
    // The first delegate's calendar entry is cancelled (same UID, the new SEQUENCE), in its language.
    expect(to(first!.email).text).toContain('теперь ведёт ваш коллега');
    const firstEntries = vevents(to(first!.email));
    expect(firstEntries).toHaveLength(1);
    expect(firstEntries[0]).toContain(uid);
    expect(firstEntries[0]).toContain('STATUS:CANCELLED');
    expect(firstEntries[0]).toContain('SEQUENCE:5');
    const secondEntries = vevents(to(second!.email));
    expect(secondEntries).toHaveLength(1);
    expect(secondEntries[0]).toContain(uid);
    expect(secondEntries[0]).not.toContain('STATUS:CANCELLED');
    expect((await agenda(eventId, d.id, d.token)).scheduleVersion).toBe(5);
    // A change that hands nothing over leaves the schedule's version and sends nothing.
    const topics = await t.call('PATCH', `/v1/events/${eventId}/participants/${d.id}`, {
      token: staff,
      body: { offers: ['industrial-water-treatment', 'logistics'] },
      headers: { 'if-match': '*' },
    });
    expect(topics.status, await topics.clone().text()).toBe(200);
    expect(await newAgendaEmails()).toEqual([]);
    expect((await agenda(eventId, d.id, d.token)).scheduleVersion).toBe(5);
  });

  it('sends a company that withdraws, and its counterparts, the cancellations at once', async () => {
    await ok(await t.call('DELETE', `/v1/events/${eventId}/participants/${d.id}`, { token: staff }));
    const emails = await newAgendaEmails();
    // B alone met D; of D, the delegate who was sent the meeting (its second, since the handover).
    const second = d.contacts[1]!;
    expect(recipients(emails)).toEqual([b.contacts[0]!.email, second.email].sort());
    const to = (address: string) => emailTo(emails, address);
    // The meeting by its date and time as each reads them, its zone by its place.
    expect(to(b.contacts[0]!.email).text).toMatch(
      /Đã hủy: cuộc gặp \d{2}:\d{2}–\d{2}:\d{2} (ngày )?16 tháng 3, 2027 \(/,
    );
    expect(to(second.email).text).toContain('Ваша компания отказалась от участия в мероприятии');
    expect(to(b.contacts[0]!.email).text).not.toContain('rút khỏi sự kiện');
    expect(to(second.email).text).toContain('Сейчас у вас нет встреч.');
    expect(to(second.email).text).toMatch(
      /Отменена встреча: 16 марта 2027\sг\., \d{2}:\d{2}–\d{2}:\d{2} \(Москва, UTC\+3\)\./,
    );
    // The same entry cancelled in both calendars; D's delegate holds nothing else, B its other meetings.
    const cancelledIn = (email: Email) => vevents(email).filter((e) => e.includes('STATUS:CANCELLED'));
    const [forB] = cancelledIn(to(b.contacts[0]!.email));
    expect(cancelledIn(to(b.contacts[0]!.email))).toHaveLength(1);
    expect(vevents(to(second.email))).toHaveLength(1);
    const [forD] = cancelledIn(to(second.email));
    const uidOf = (entry: string | undefined) => /UID:(\S+)/.exec(entry ?? '')?.[1];
    expect(uidOf(forD)).toBeDefined();
    expect(uidOf(forD)).toBe(uidOf(forB));
    expect(forD).toContain('SEQUENCE:6');
    expect((await agenda(eventId, b.id, b.token)).scheduleVersion).toBe(6);
    // Told once: the message again sends nothing (and the next test's publish sends D nothing more).
    await sendAgenda({ eventId, companyId: d.id, scheduleVersion: 6 }, t.sending);
    expect(await newAgendaEmails()).toEqual([]);
  });

  let e: Company; // RU, two contacts, meets C: its delegate handed over with the queue failing
  it('sends the latest agenda on a message of an earlier version, so a handover whose queueing failed loses none', async () => {
    e = await member('RU', 'ru', ['industrial-water-treatment'], ['logistics'], 2);
    const [first, second] = e.contacts;
    await registerFirstDelegate(eventId, e);
    await meet(eventId, e, c);
    expect(await publish(eventId)).toBe(7);
    expect(recipients(await newAgendaEmails())).toEqual([c.contacts[0]!.email, first!.email].sort());
    // A handover whose agendas were never queued (no hook here: as if the queue had failed).
    await unqueuedChanges().amend(eventId, e.id, { delegates: [{ contactId: second!.id }] }, '*');
    expect(await newAgendaEmails()).toEqual([]);
    // Version 7's messages, delivered late or again, send version 8's agendas, once.
    for (const x of [e, c, e]) await sendAgenda({ eventId, companyId: x.id, scheduleVersion: 7 }, t.sending);
    const emails = await newAgendaEmails();
    expect(recipients(emails)).toEqual([c.contacts[0]!.email, first!.email, second!.email].sort());
    expect(emails.every((email) => icsOf(email).includes('SEQUENCE:8'))).toBe(true);
  });

  it('sends each delegate who was sent a meeting its cancellation when the event is cancelled', async () => {
    const cancelled = await t.call('PATCH', `/v1/events/${eventId}`, {
      token: staff,
      body: { state: 'cancelled' },
      headers: { 'if-match': '*' },
    });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    const emails = await newAgendaEmails();
    // A meets B and C, E (its second delegate since the handover) meets C; D withdrew and was told.
    expect(recipients(emails)).toEqual(
      [a, b, c]
        .map((x) => x.contacts[0]!.email)
        .concat(e.contacts[1]!.email)
        .sort(),
    );
    for (const email of emails) {
      const entries = vevents(email);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry).toContain('STATUS:CANCELLED');
        expect(entry).toContain('SEQUENCE:9');
      }
    }
    const toA = emailTo(emails, a.contacts[0]!.email);
    expect(toA.text).toContain('Мероприятие отменено: встречи на нём не состоятся.');
    expect((await agenda(eventId, a.id, a.token)).meetings).toEqual([]);
  });
});

describe('one delivery at a time sends a participant its agendas', () => {
  it('holds a second delivery off while the first sends, so a meeting handed over and back is cancelled where it went', async () => {
    const eventId = await openEvent();
    const p = await member('RU', 'ru', ['industrial-water-treatment'], ['logistics'], 2);
    const q = await member('VN', 'vi', ['logistics'], ['industrial-water-treatment']);
    const [first, second] = p.contacts;
    await registerFirstDelegate(eventId, p);
    await register(eventId, q, ['vi']);
    await meet(eventId, p, q);
    const published = await publish(eventId);
    expect(recipients(await newAgendaEmails())).toEqual([first!.email, q.contacts[0]!.email].sort());
    const [meeting] = (await agenda(eventId, p.id, p.token)).meetings;
    const uid = `UID:${meeting!.meetingId}@${eventId}`;

    // The meeting goes to P's second delegate (its agendas not queued: the deliveries below are the
    // queue's). The first delivery stops in its first email, having worked out what it sends.
    await unqueuedChanges().amend(eventId, p.id, { delegates: [{ contactId: second!.id }] }, '*');
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let entered = () => {};
    const sending = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const held = {
      ...t.sending,
      transport: {
        send: async (email: Parameters<typeof t.sending.transport.send>[0]) => {
          entered();
          await gate;
          return t.sending.transport.send(email);
        },
      },
    };
    const handover = sendAgenda({ eventId, companyId: p.id, scheduleVersion: published + 1 }, held);
    await sending;
    // Meanwhile it goes back to the first delegate; that change's delivery finds the first at work.
    await unqueuedChanges().amend(eventId, p.id, { delegates: [{ contactId: first!.id }] }, '*');
    const back = { eventId, companyId: p.id, scheduleVersion: published + 2 };
    const refused = await sendAgenda(back, t.sending).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AgendaBusyError);
    // Until a second after the first's claim lapses, at the latest (the test's clock stands still).
    expect((refused as AgendaBusyError).retryAfterSeconds).toBe(agendaClaimMs / 1000 + 1);
    open();
    await handover;
    expect(recipients(await newAgendaEmails())).toEqual([first!.email, second!.email].sort());

    // Delivered again, it starts from what the first recorded: the second delegate was sent the
    // meeting, so its calendar entry is cancelled, and the first delegate's is confirmed again.
    await sendAgenda(back, t.sending);
    const emails = await newAgendaEmails();
    expect(recipients(emails)).toEqual([first!.email, second!.email].sort());
    const [toSecond] = vevents(emailTo(emails, second!.email));
    expect(toSecond).toContain(uid);
    expect(toSecond).toContain('STATUS:CANCELLED');
    expect(toSecond).toContain(`SEQUENCE:${published + 2}`);
    const [toFirst] = vevents(emailTo(emails, first!.email));
    expect(toFirst).toContain(uid);
    expect(toFirst).not.toContain('STATUS:CANCELLED');
  });

  it('gives the claim up when a delivery fails, so the next one sends at once', async () => {
    const eventId = await openEvent();
    const p = await member('RU', 'ru', ['industrial-water-treatment'], ['logistics'], 2);
    const q = await member('VN', 'vi', ['logistics'], ['industrial-water-treatment']);
    await registerFirstDelegate(eventId, p);
    await register(eventId, q, ['vi']);
    await meet(eventId, p, q);
    const published = await publish(eventId);
    await newAgendaEmails();
    await unqueuedChanges().amend(eventId, p.id, { delegates: [{ contactId: p.contacts[1]!.id }] }, '*');
    const target = { eventId, companyId: p.id, scheduleVersion: published + 1 };
    const refusing = {
      ...t.sending,
      transport: {
        send: async () => {
          throw new MailNotAcceptedError('Throttled.');
        },
      },
    };
    await expect(sendAgenda(target, refusing)).rejects.toBeInstanceOf(MailNotAcceptedError);
    await sendAgenda(target, t.sending);
    expect(recipients(await newAgendaEmails())).toEqual(p.contacts.map((c) => c.email).sort());
  });

  it('keeps a refused delivery’s last attempt for when the claim lapses, and queues it afresh if refused then', async () => {
    const eventId = await openEvent();
    const message = { agenda: { eventId, companyId: 'C1', scheduleVersion: 1 } };
    expect((await new AgendaClaims(t.db).claim(eventId, 'C1', 'other', new Date(now))).taken).toBe(true);
    const queued: unknown[] = [];
    const waits: number[] = [];
    const worker = campaignWorker(
      () => ({ ...t.sending, sendQueue: { enqueue: async (messages) => void queued.push(...messages) } }),
      async (_receipt, seconds) => void waits.push(seconds),
    );
    const delivery = (count: number) =>
      worker({
        Records: [
          {
            messageId: `m${count}`,
            receiptHandle: `r${count}`,
            body: JSON.stringify(message),
            attributes: { ApproximateReceiveCount: String(count) },
          },
        ],
      } as unknown as SQSEvent);
    // An early refusal waits as any failure does; the one before the last, past the claim's lapse.
    expect((await delivery(1)).batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect((await delivery(4)).batchItemFailures).toEqual([{ itemIdentifier: 'm4' }]);
    expect(waits[0]).toBeLessThanOrEqual(10);
    expect(waits[1]).toBeGreaterThan(agendaClaimMs / 1000);
    // Refused at its last: handed on as a fresh message, not failed into the dead-letter queue.
    expect((await delivery(5)).batchItemFailures).toEqual([]);
    expect(queued).toEqual([message]);
  });

  it('does not fail a delivery whose claim cannot be given up: the claim lapses', async () => {
    const eventId = await openEvent();
    const send = t.db.doc.send.bind(t.db.doc);
    const db = {
      ...t.db,
      doc: {
        send: (command: { input: { Key?: { sk?: string } } }) =>
          command instanceof DeleteCommand && String(command.input.Key?.sk).startsWith('AGENDACLAIM#')
            ? Promise.reject(new Error('The table is unavailable.'))
            : send(command as never),
      },
    } as unknown as typeof t.db;
    await expect(
      sendAgenda({ eventId, companyId: 'C1', scheduleVersion: 0 }, { ...t.sending, db }),
    ).resolves.toBeUndefined();
    expect((await new AgendaClaims(t.db).claim(eventId, 'C1', 'next', new Date(now))).taken).toBe(false);
  });

  it('lets a claim its delivery never gave up lapse, and only its holder give it up', async () => {
    const claims = new AgendaClaims(t.db);
    const eventId = await openEvent();
    const at = new Date(now);
    const until = new Date(now + agendaClaimMs);
    expect(await claims.claim(eventId, 'C1', 'first', at)).toEqual({ taken: true });
    expect(await claims.claim(eventId, 'C1', 'second', new Date(now + 1000))).toEqual({
      taken: false,
      heldUntil: until,
    });
    // Another participant's is its own.
    expect(await claims.claim(eventId, 'C2', 'second', at)).toEqual({ taken: true });
    const lapsed = new Date(now + agendaClaimMs + 1000);
    expect(await claims.claim(eventId, 'C1', 'third', lapsed)).toEqual({ taken: true });
    // The first holder, back late, does not take the third's claim away.
    await claims.release(eventId, 'C1', 'first');
    expect((await claims.claim(eventId, 'C1', 'fourth', lapsed)).taken).toBe(false);
    await claims.release(eventId, 'C1', 'third');
    expect(await claims.claim(eventId, 'C1', 'fourth', lapsed)).toEqual({ taken: true });
  });
});
