/**
 * B2B meeting programmes over HTTP on DynamoDB Local: events and their states, participants (staff
 * and self-registration), requests with their answers and expiry, withdrawal, added and forced
 * meetings, the schedule run and its publication, outcomes that open one lead per meeting, and the
 * event report from its counters. What a member sees is its own part only.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PreconditionFailedError } from '../../shared/domain/errors.ts';
import { EventRepository } from '../../shared/events/event-repository.ts';
import { runSchedule, scheduleChanges } from '../../shared/events/event-scheduling.ts';
import { createApp } from '../../shared/http/app.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import type { Meeting, MeetingRequest } from '../support/event-shapes.ts';
import { type EventCompany, eventMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let now = Date.parse('2027-02-01T09:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  staff = await t.token('staff');
});
afterAll(() => t.drop());

interface Problem {
  detail: string;
  errors?: { path: string; message: string }[];
}
type Company = EventCompany;
type Request = MeetingRequest;

/** Past the test event's one session (10:00–11:10 in Moscow): its meetings' outcomes are due. */
const afterSession = '2027-03-16T09:00:00Z';

/** The clock at `iso` for the rest of the test. */
function clockFrom(iso: string): void {
  const saved = now;
  now = Date.parse(iso);
  onTestFinished(() => {
    now = saved;
  });
}

/** `fn` on a clock past the test event's session; the test goes on at the time it was. */
async function afterTheSession<T>(fn: () => Promise<T>): Promise<T> {
  const saved = now;
  now = Date.parse(afterSession);
  try {
    return await fn();
  } finally {
    now = saved;
  }
}

const member = (country: 'RU' | 'VN', offers: string[], needs: string[], delegates = 1) =>
  eventMember(t, staff, country, { offers, needs, delegates });

function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    name: { en: 'Russia–Vietnam B2B', ru: 'B2B Россия–Вьетнам' },
    city: 'Moscow',
    timeZone: 'Europe/Moscow',
    days: [{ date: '2027-03-16', sessions: [{ start: '10:00', end: '11:10' }] }],
    slotMinutes: 20,
    gapMinutes: 5,
    tables: [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }],
    spareTables: 1,
    registrationDeadline: '2027-03-01T21:00:00Z',
    requestDeadline: '2027-03-10T21:00:00Z',
    interpreters: [{ id: 'I1', name: 'Anna Petrova', pairs: [['ru', 'vi']] }],
    ...overrides,
  };
}

async function createEvent(overrides: Record<string, unknown> = {}) {
  const response = await t.call('POST', '/v1/events', { token: staff, body: eventBody(overrides) });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; slots: { id: string; start: string }[]; state: string };
}

async function setState(eventId: string, state: string) {
  const response = await t.call('PATCH', `/v1/events/${eventId}`, {
    token: staff,
    body: { state },
    headers: { 'if-match': '*' },
  });
  return response;
}

async function register(eventId: string, c: Company, extra: Record<string, unknown> = {}) {
  const response = await t.call('POST', `/v1/events/${eventId}/participants`, {
    token: staff,
    body: { memberId: c.id, delegates: c.contacts.map((x) => ({ contactId: x.id })), ...extra },
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function request(eventId: string, from: Company, to: Company, priority = 'must') {
  const response = await t.call('POST', `/v1/events/${eventId}/requests`, {
    token: from.token,
    body: { to: to.id, priority, reason: 'We should talk.' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Request;
}

/** The event's meetings, as staff read its schedule. */
async function scheduleOf(eventId: string): Promise<Meeting[]> {
  const response = await t.call('GET', `/v1/events/${eventId}/schedule`, { token: staff });
  return ((await response.json()) as { meetings: Meeting[] }).meetings;
}

async function accept(eventId: string, r: Request, by: string) {
  const response = await t.call('POST', `/v1/events/${eventId}/requests/${r.id}/accept`, { token: by });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('events', () => {
  it('are created in draft with their slots in UTC, and refuse plans that make no sense', async () => {
    const event = await createEvent();
    expect(event.state).toBe('draft');
    // 10:00–11:10 in 20-minute slots with 5 minutes between: 10:00, 10:25, 10:50 (ends 11:10).
    expect(event.slots.map((s) => s.id)).toEqual([
      '2027-03-16T10:00',
      '2027-03-16T10:25',
      '2027-03-16T10:50',
    ]);
    expect(event.slots[0]!.start).toBe('2027-03-16T07:00:00.000Z');

    const bad = await t.call('POST', '/v1/events', {
      token: staff,
      body: eventBody({
        timeZone: 'Mars/Olympus',
        days: [{ date: '2027-03-16', sessions: [{ start: '12:00', end: '11:00' }] }],
      }),
    });
    expect(bad.status).toBe(422);
    const spare = await t.call('POST', '/v1/events', { token: staff, body: eventBody({ spareTables: 3 }) });
    expect(spare.status).toBe(422);
    expect(((await spare.json()) as Problem).errors?.[0]?.path).toBe('spareTables');
    // A table's meeting link goes into delegates' agendas and calendars: the web's schemes only.
    for (const link of ['javascript:alert(1)', 'data:text/html,<b>x</b>']) {
      const trap = await t.call('POST', '/v1/events', {
        token: staff,
        body: eventBody({ tables: [{ id: 'T1', link }, { id: 'T2' }, { id: 'T3' }] }),
      });
      expect(trap.status, link).toBe(422);
      expect(((await trap.json()) as Problem).errors?.[0]?.path).toBe('tables.0.link');
    }
    await createEvent({
      tables: [{ id: 'T1', link: 'https://meet.example/t1' }, { id: 'T2' }, { id: 'T3' }],
    });
  });

  it('take the city once for every reader or by language, and keep it as given', async () => {
    const named = await createEvent({ city: { ru: 'Ханой', vi: 'Hà Nội', en: 'Hanoi' } });
    const read = async (id: string) =>
      ((await (await t.call('GET', `/v1/events/${id}`, { token: staff })).json()) as { city?: unknown }).city;
    expect(await read(named.id)).toEqual({ ru: 'Ханой', vi: 'Hà Nội', en: 'Hanoi' });
    expect(await read((await createEvent()).id)).toBe('Moscow');
    for (const [city, path] of [
      [{}, 'city'],
      [{ de: 'Hanoi' }, 'city'],
      [{ ru: 'x'.repeat(101) }, 'city.ru'],
      [{ ru: ' ' }, 'city.ru'],
    ] as const) {
      const refused = await t.call('POST', '/v1/events', { token: staff, body: eventBody({ city }) });
      expect(refused.status, JSON.stringify(city)).toBe(422);
      expect(((await refused.json()) as Problem).errors?.[0]?.path, JSON.stringify(city)).toBe(path);
    }
    // A merge patch changes one language and removes another.
    const { version } = (await (await t.call('GET', `/v1/events/${named.id}`, { token: staff })).json()) as {
      version: number;
    };
    const patched = await t.call('PATCH', `/v1/events/${named.id}`, {
      token: staff,
      body: { city: { en: 'Hanoi, Vietnam', vi: null } },
      headers: { 'if-match': `"${version}"` },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(await read(named.id)).toEqual({ ru: 'Ханой', en: 'Hanoi, Vietnam' });
  });

  it('move draft → open → …, refuse other moves with the allowed ones, and list newest first', async () => {
    const event = await createEvent();
    expect((await setState(event.id, 'held')).status).toBe(409);
    expect((await setState(event.id, 'scheduled')).status).toBe(409);
    const opened = await setState(event.id, 'open');
    expect(opened.status).toBe(200);
    expect(opened.headers.get('etag')).toBe('"2"');
    const stale = await t.call('PATCH', `/v1/events/${event.id}`, {
      token: staff,
      body: { city: 'Kazan' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const list = await t.call('GET', '/v1/events?limit=100', { token: staff });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((e) => e.id);
    expect(ids).toContain(event.id);
    const member = await t.token('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    expect((await t.call('GET', '/v1/events', { token: member })).status).toBe(403);
  });
});

describe('participants and requests', () => {
  it('register by staff and by the member itself while open; a member sees the others’ cards, matches first', async () => {
    const event = await createEvent();
    const ru = await member('RU', ['industrial-water-treatment'], ['agriculture']);
    const vn = await member('VN', ['agriculture'], ['industrial-water-treatment']);
    const unrelated = await member('VN', ['tourism'], ['tourism']);
    const self = await t.call('POST', `/v1/me/events/${event.id}/registration`, {
      token: ru.token,
      body: { delegates: [{ contactId: ru.contacts[0]!.id }] },
    });
    expect(self.status, 'a draft is not shown to members').toBe(404);
    expect((await setState(event.id, 'open')).status).toBe(200);
    const registered = await t.call('POST', `/v1/me/events/${event.id}/registration`, {
      token: ru.token,
      body: { delegates: [{ contactId: ru.contacts[0]!.id }] },
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
    const participant = (await registered.json()) as {
      offers: string[];
      languages: string[];
      slots: string[];
    };
    expect(participant.offers).toEqual(['industrial-water-treatment']);
    expect(participant.slots).toHaveLength(3);
    const again = await t.call('POST', `/v1/me/events/${event.id}/registration`, {
      token: ru.token,
      body: { delegates: [{ contactId: ru.contacts[0]!.id }] },
    });
    expect(again.status).toBe(409);
    await register(event.id, unrelated);
    await register(event.id, vn);
    // Someone else's contact as a delegate: 422, nothing written.
    const foreign = await t.call('POST', `/v1/events/${event.id}/participants`, {
      token: staff,
      body: { memberId: (await member('RU', [], [])).id, delegates: [{ contactId: vn.contacts[0]!.id }] },
    });
    expect(foreign.status).toBe(422);

    const seen = await t.call('GET', `/v1/events/${event.id}/participants`, { token: ru.token });
    expect(seen.status).toBe(200);
    const cards = (
      (await seen.json()) as { items: { card: { id: string }; score: number; delegates?: unknown }[] }
    ).items;
    expect(cards.map((c) => c.card.id)).toEqual([vn.id, unrelated.id]);
    expect(cards[0]!.score).toBeGreaterThan(0);
    expect(JSON.stringify(cards)).not.toContain('@events.test');
    expect(cards[0]).not.toHaveProperty('delegates');

    const outsider = await member('RU', [], []);
    const refused = await t.call('GET', `/v1/events/${event.id}/participants`, { token: outsider.token });
    expect(refused.status).toBe(404);
    const mine = await t.call('GET', '/v1/me/events', { token: ru.token });
    expect(
      ((await mine.json()) as { items: { event: { id: string } }[] }).items.map((i) => i.event.id),
    ).toEqual([event.id]);
  });

  it('take one request per pair, answered by the requested side or staff, expiring at the deadline', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b, c] = [
      await member('RU', ['industrial-water-treatment'], []),
      await member('VN', [], ['industrial-water-treatment']),
      await member('VN', [], ['industrial-water-treatment']),
    ];
    for (const x of [a, b, c]) await register(event.id, x);
    const ab = await request(event.id, a, b);
    expect(ab.topic).toBe('industrial-water-treatment');
    const reverse = await t.call('POST', `/v1/events/${event.id}/requests`, {
      token: b.token,
      body: { to: a.id, priority: 'nice', reason: 'Again' },
    });
    expect(reverse.status).toBe(409);
    // The sender cannot accept its own request; a third company cannot see it at all.
    expect(
      (await t.call('POST', `/v1/events/${event.id}/requests/${ab.id}/accept`, { token: a.token })).status,
    ).toBe(403);
    expect(
      (await t.call('POST', `/v1/events/${event.id}/requests/${ab.id}/accept`, { token: c.token })).status,
    ).toBe(404);
    const theirs = await t.call('GET', `/v1/events/${event.id}/requests`, { token: c.token });
    expect(((await theirs.json()) as { items: Request[] }).items).toEqual([]);
    await accept(event.id, ab, b.token);
    const twice = await t.call('POST', `/v1/events/${event.id}/requests/${ab.id}/decline`, {
      token: b.token,
    });
    expect(twice.status).toBe(409);

    const ac = await request(event.id, a, c, 'nice');
    const saved = now;
    now = Date.parse('2027-03-11T00:00:00Z');
    try {
      const listed = await t.call('GET', `/v1/events/${event.id}/requests`, { token: a.token });
      const items = ((await listed.json()) as { items: Request[] }).items;
      expect(items.find((r) => r.id === ac.id)?.status).toBe('expired');
      expect(items.find((r) => r.id === ab.id)?.status).toBe('accepted');
      const late = await t.call('POST', `/v1/events/${event.id}/requests/${ac.id}/accept`, {
        token: c.token,
      });
      expect(late.status).toBe(409);
    } finally {
      now = saved;
    }
  });
});

describe('the schedule', () => {
  it('places accepted requests without double booking, keeps confirmed meetings, and frees a withdrawn company’s slots', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const hub = await member('RU', ['industrial-water-treatment'], [], 2);
    const others = [
      await member('VN', [], ['industrial-water-treatment']),
      await member('VN', [], ['industrial-water-treatment']),
      await member('VN', [], ['industrial-water-treatment']),
      await member('VN', [], ['industrial-water-treatment']),
    ];
    await register(event.id, hub, { languages: ['ru'] });
    for (const o of others) await register(event.id, o, { languages: ['vi'] });
    for (const o of others) await accept(event.id, await request(event.id, o, hub), hub.token);

    const run = await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: {} });
    expect(run.status, await run.clone().text()).toBe(200);
    const result = (await run.json()) as { placed: number; optimal: boolean; method: string };
    // The hub has 2 delegates over 3 slots, but ru–vi needs the one interpreter: at most one per slot.
    expect(result).toMatchObject({ placed: 3, optimal: true, method: 'exact' });
    const schedule = { meetings: await scheduleOf(event.id) };
    expect(schedule.meetings).toHaveLength(3);
    expect(new Set(schedule.meetings.map((m) => m.slot)).size).toBe(3);
    expect(schedule.meetings.every((m) => m.interpreter === 'I1' && m.state === 'placed')).toBe(true);
    // The spare table (T3) is left for staff.
    expect(schedule.meetings.every((m) => m.table !== 'T3')).toBe(true);

    const published = await t.call('POST', `/v1/events/${event.id}/schedule`, {
      token: staff,
      body: { publish: true },
    });
    expect(((await published.json()) as { scheduleVersion: number }).scheduleVersion).toBe(1);
    const fetched = (await (await t.call('GET', `/v1/events/${event.id}`, { token: staff })).json()) as {
      state: string;
    };
    expect(fetched.state).toBe('scheduled');

    // A withdrawal cancels the company's meetings; the freed slot goes to the request left over.
    const placedIds = new Set(schedule.meetings.map((m) => m.id));
    const left = others.find((o) => ![...placedIds].some((id) => id.includes(o.id)))!;
    const gone = others.find((o) => o !== left)!;
    const withdrawn = await t.call('DELETE', `/v1/events/${event.id}/participants/${gone.id}`, {
      token: staff,
    });
    expect(withdrawn.status).toBe(200);
    const rerun = await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: {} });
    expect((await rerun.json()) as { placed: number; kept: number }).toMatchObject({ placed: 1, kept: 2 });
    const after = { meetings: await scheduleOf(event.id) };
    expect(after.meetings.map((m) => m.id).sort()).toEqual(
      [
        ...schedule.meetings.filter((m) => !m.id.includes(gone.id)).map((m) => m.id),
        [hub.id, left.id].sort().join('-'),
      ].sort(),
    );
    expect(after.meetings.find((m) => m.id.includes(left.id))?.state).toBe('placed');
  });

  it('takes a forced meeting on a free table only, with a delegate free on each side', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b, c] = [await member('RU', [], []), await member('RU', [], []), await member('RU', [], [])];
    for (const x of [a, b, c]) await register(event.id, x);
    const forced = await t.call('POST', `/v1/events/${event.id}/meetings`, {
      token: staff,
      body: { a: a.id, b: b.id, topic: 'energy', slot: '2027-03-16T10:00', table: 'T3' },
    });
    expect(forced.status, await forced.clone().text()).toBe(201);
    expect(((await forced.json()) as { meeting: Meeting }).meeting.state).toBe('confirmed');
    const busy = await t.call('POST', `/v1/events/${event.id}/meetings`, {
      token: staff,
      body: { a: a.id, b: c.id, topic: 'energy', slot: '2027-03-16T10:00', table: 'T1' },
    });
    expect(busy.status, 'a has one delegate, busy at 10:00').toBe(409);
    const sameTable = await t.call('POST', `/v1/events/${event.id}/meetings`, {
      token: staff,
      body: { a: c.id, b: b.id, topic: 'energy', slot: '2027-03-16T10:25', table: 'T3' },
    });
    expect(sameTable.status).toBe(201);
    const added = await t.call('POST', `/v1/events/${event.id}/meetings`, {
      token: staff,
      body: { a: a.id, b: c.id, topic: 'energy' },
    });
    expect(added.status).toBe(201);
    const run = (await (
      await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: {} })
    ).json()) as { placed: number; kept: number };
    expect(run).toMatchObject({ placed: 1, kept: 2 });
    const meetings = await scheduleOf(event.id);
    const ac = meetings.find((m) => m.id === [a.id, c.id].sort().join('-'))!;
    // a is busy at 10:00, c at 10:25: only 10:50 is left for them.
    expect(ac.slot).toBe('2027-03-16T10:50');
  });
});

describe('after the event', () => {
  it('a no-show from either side, one lead per meeting from the first follow-up, and the report', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const ru = await member('RU', ['industrial-water-treatment'], []);
    const vn1 = await member('VN', [], ['industrial-water-treatment']);
    const vn2 = await member('VN', [], ['industrial-water-treatment']);
    for (const x of [ru, vn1, vn2]) await register(event.id, x, { languages: ['ru', 'vi'] });
    const r1 = await request(event.id, vn1, ru);
    const r2 = await request(event.id, vn2, ru);
    await accept(event.id, r1, ru.token);
    await accept(event.id, r2, ru.token);
    const early = await t.call('POST', `/v1/events/${event.id}/meetings/${r1.id}/outcome`, {
      token: ru.token,
      body: { happened: true, outcome: 'follow-up' },
    });
    expect(early.status, 'no meeting before the schedule').toBe(404);
    await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: { publish: true } });
    const tooEarly = await t.call('POST', `/v1/events/${event.id}/meetings/${r1.id}/outcome`, {
      token: ru.token,
      body: { happened: false },
    });
    expect(tooEarly.status, 'not before the meeting has begun').toBe(409);
    const scheduled = (await scheduleOf(event.id)).find((m) => m.id === r1.id)!;
    expect(((await tooEarly.json()) as Problem).detail).toContain(`at ${scheduled.slot} (Europe/Moscow)`);
    expect(scheduled).toMatchObject({ state: 'confirmed', outcomes: {} });
    clockFrom(afterSession);
    expect((await setState(event.id, 'held')).status).toBe(200);

    const outsider = await member('RU', [], []);
    const notYours = await t.call('POST', `/v1/events/${event.id}/meetings/${r1.id}/outcome`, {
      token: outsider.token,
      body: { happened: true },
    });
    expect(notYours.status).toBe(404);
    const otherMeeting = await t.call('POST', `/v1/events/${event.id}/meetings/${r2.id}/outcome`, {
      token: vn1.token,
      body: { happened: true },
    });
    expect(otherMeeting.status, 'vn1 takes part, but not in this meeting').toBe(404);

    const first = await t.call('POST', `/v1/events/${event.id}/meetings/${r1.id}/outcome`, {
      token: ru.token,
      body: { happened: true, outcome: 'follow-up', note: 'Samples in April' },
    });
    expect(first.status, await first.clone().text()).toBe(200);
    const met = (await first.json()) as Meeting;
    expect(met.state).toBe('held');
    expect(met.leadId).toBeDefined();
    const second = await t.call('POST', `/v1/events/${event.id}/meetings/${r1.id}/outcome`, {
      token: vn1.token,
      body: { happened: true, outcome: 'deal-likely' },
    });
    expect(((await second.json()) as Meeting).leadId).toBe(met.leadId);
    const lead = (await (await t.call('GET', `/v1/leads/${met.leadId}`, { token: staff })).json()) as {
      source: { type: string; eventId: string };
      owner: string | null;
      stage: string;
      memberId: string;
      timeline: { type: string; text?: string }[];
    };
    expect(lead.source).toEqual({ type: 'event', eventId: event.id });
    expect(lead.owner).toBeNull();
    expect(lead.timeline.filter((e) => e.type === 'meeting')).toHaveLength(2);

    const noShow = await t.call('POST', `/v1/events/${event.id}/meetings/${r2.id}/outcome`, {
      token: staff,
      body: { side: vn2.id, happened: false },
    });
    expect(((await noShow.json()) as Meeting).state).toBe('no-show');
    const thenHappened = await t.call('POST', `/v1/events/${event.id}/meetings/${r2.id}/outcome`, {
      token: ru.token,
      body: { happened: true, outcome: 'follow-up' },
    });
    const stillNoShow = (await thenHappened.json()) as Meeting;
    expect(stillNoShow.state).toBe('no-show');
    expect(stillNoShow.leadId).toBeUndefined();

    const report = (await (
      await t.call('GET', `/v1/reports/events/${event.id}`, { token: staff })
    ).json()) as {
      total: Record<string, number | null>;
      byCountryPair: Record<string, Record<string, number>>;
      leadsByStage: Record<string, number>;
    };
    expect(report.total).toMatchObject({
      requests: 2,
      accepted: 2,
      acceptanceRate: 1,
      placed: 2,
      held: 1,
      noShows: 1,
      leads: 1,
    });
    expect(report.byCountryPair['RU-VN']).toMatchObject({ requests: 2, held: 1 });
    expect(report.leadsByStage.new).toBe(1);
  });
});

describe('a large event', () => {
  it('is scheduled by a background job: 202 with the job, which reports what it placed', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const a = await member('RU', ['energy'], []);
    const b = await member('RU', [], ['energy']);
    const c = await member('RU', [], ['energy']);
    for (const x of [a, b, c]) await register(event.id, x);
    await accept(event.id, await request(event.id, b, a), a.token);
    await accept(event.id, await request(event.id, c, a), a.token);
    // Here "large" is more than one accepted request.
    const app = createApp({ ...t.deps, scheduleInRequestUpTo: 1 }, allApis);
    const response = await app.request(`/v1/events/${event.id}/schedule`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({ publish: true }),
    });
    expect(response.status, await response.clone().text()).toBe(202);
    const { job } = (await response.json()) as { job: { id: string; href: string } };
    expect(response.headers.get('location')).toBe(job.href);
    await t.jobs.idle();
    const done = (await (await t.call('GET', job.href, { token: staff })).json()) as {
      status: string;
      kind: string;
      result: { placed: number; optimal: boolean; scheduleVersion: number };
    };
    expect(done).toMatchObject({
      status: 'succeeded',
      kind: 'schedule',
      result: { placed: 2, scheduleVersion: 1 },
    });
    const fetched = (await (await t.call('GET', `/v1/events/${event.id}`, { token: staff })).json()) as {
      state: string;
    };
    expect(fetched.state).toBe('scheduled');
  });
});

describe('what the review found', () => {
  it('keeps a held meeting of a company that withdrew out of the way of the next run', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b, c] = [
      await member('RU', ['energy'], ['energy']),
      await member('RU', ['energy'], ['energy']),
      await member('RU', ['energy'], ['energy']),
    ];
    for (const x of [a, b, c]) await register(event.id, x);
    const ab = await request(event.id, a, b);
    await accept(event.id, ab, b.token);
    await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: { publish: true } });
    const held = await afterTheSession(() =>
      t.call('POST', `/v1/events/${event.id}/meetings/${ab.id}/outcome`, {
        token: a.token,
        body: { happened: true, outcome: 'no-interest' },
      }),
    );
    expect(held.status).toBe(200);
    expect(
      (await t.call('DELETE', `/v1/me/events/${event.id}/registration`, { token: a.token })).status,
    ).toBe(200);
    await accept(event.id, await request(event.id, c, b), b.token);
    const rerun = await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: {} });
    expect(rerun.status, await rerun.clone().text()).toBe(200);
    const meetings = await scheduleOf(event.id);
    const bc = meetings.find((m) => m.id === [b.id, c.id].sort().join('-'))!;
    const abMeeting = meetings.find((m) => m.id === ab.id)!;
    // b has one delegate: the new meeting is not in the slot b spent with a.
    expect(bc.slot).not.toBe(abMeeting.slot);
  });

  it('refuses plan edits that would strand registrations or meetings, and events of over 500 slots', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b] = [await member('RU', ['energy'], ['energy']), await member('RU', ['energy'], ['energy'])];
    await register(event.id, a);
    await register(event.id, b);
    const forced = await t.call('POST', `/v1/events/${event.id}/meetings`, {
      token: staff,
      body: { a: a.id, b: b.id, topic: 'energy', slot: '2027-03-16T10:00', table: 'T3' },
    });
    expect(forced.status).toBe(201);
    const patch = (body: object) =>
      t.call('PATCH', `/v1/events/${event.id}`, { token: staff, body, headers: { 'if-match': '*' } });
    expect((await patch({ tables: [{ id: 'T1' }, { id: 'T2' }] })).status).toBe(409);
    expect(
      (await patch({ days: [{ date: '2027-03-17', sessions: [{ start: '10:00', end: '11:10' }] }] })).status,
    ).toBe(409);
    expect((await patch({ tables: [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }, { id: 'T4' }] })).status).toBe(
      200,
    );
    expect((await patch({ state: 'nonsense' })).status).toBe(422);
    const huge = await t.call('POST', '/v1/events', {
      token: staff,
      body: eventBody({
        slotMinutes: 5,
        gapMinutes: 0,
        days: Array.from({ length: 3 }, (_, d) => ({
          date: `2027-03-1${d}`,
          sessions: [{ start: '00:00', end: '23:55' }],
        })),
      }),
    });
    expect(huge.status).toBe(422);
  });

  it('shows a side its own report only, and keeps the other side’s note off the member’s lead', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const ru = await member('RU', ['energy'], []);
    const vn = await member('VN', [], ['energy']);
    await register(event.id, ru, { languages: ['ru', 'vi'] });
    await register(event.id, vn, { languages: ['ru', 'vi'] });
    const r = await request(event.id, vn, ru);
    await accept(event.id, r, ru.token);
    await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: { publish: true } });
    clockFrom(afterSession);
    await t.call('POST', `/v1/events/${event.id}/meetings/${r.id}/outcome`, {
      token: vn.token,
      body: { happened: true, outcome: 'follow-up', note: 'Their price is too high, between us' },
    });
    const mine = await t.call('POST', `/v1/events/${event.id}/meetings/${r.id}/outcome`, {
      token: ru.token,
      body: { happened: true, outcome: 'deal-likely', note: 'Samples next week' },
    });
    const seen = (await mine.json()) as Meeting & { outcomes: Record<string, unknown>; leadId: string };
    expect(Object.keys(seen.outcomes)).toEqual([ru.id]);
    const side = await t.call('POST', `/v1/events/${event.id}/meetings/${r.id}/outcome`, {
      token: ru.token,
      body: { side: vn.id, happened: false },
    });
    expect(side.status).toBe(422);
    // The lead's member side is one of the two (the one the lead names); it reads its own report only.
    const lead = (await (await t.call('GET', `/v1/leads/${seen.leadId}`, { token: staff })).json()) as {
      memberId: string;
    };
    const reader = lead.memberId === ru.id ? ru : vn;
    const own = (await (
      await t.call('GET', `/v1/me/leads/${seen.leadId}`, { token: reader.token })
    ).json()) as {
      activities: { text?: string }[];
    };
    const texts = own.activities.map((e) => e.text ?? '').join('\n');
    expect(texts).not.toContain(reader === ru ? 'between us' : 'Samples next week');
  });

  it('lets a company that left and came back ask again, and an erasure reach the delegates’ names', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b] = [await member('RU', ['energy'], ['energy']), await member('RU', ['energy'], ['energy'])];
    await register(event.id, a);
    await register(event.id, b);
    await request(event.id, a, b);
    expect(
      (await t.call('DELETE', `/v1/me/events/${event.id}/registration`, { token: a.token })).status,
    ).toBe(200);
    await register(event.id, a);
    const again = await request(event.id, a, b);
    expect(again.status).toBe('pending');
    const admin = await t.token('admin');
    expect((await t.call('POST', `/v1/members/${a.id}/erase`, { token: admin })).status).toBe(200);
    const listed = (await (
      await t.call('GET', `/v1/events/${event.id}/participants`, { token: staff })
    ).json()) as {
      items: { id: string; delegates: { name: string }[] }[];
    };
    const erased = listed.items.find((p) => p.id === a.id)!;
    expect(erased.delegates.map((d) => d.name)).toEqual(['[erased]']);
    expect(JSON.stringify(listed)).not.toContain(a.contacts[0]!.name);
  });

  it('holds a run’s writes only while the event is where the run read it: a withdrawal meanwhile makes it a 412', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b, c] = [
      await member('RU', ['energy'], ['energy']),
      await member('RU', ['energy'], ['energy']),
      await member('RU', ['energy'], ['energy']),
    ];
    for (const x of [a, b, c]) await register(event.id, x);
    await accept(event.id, await request(event.id, a, b), b.token);
    const repository = new EventRepository(t.db);
    const read = (await repository.records(event.id))!;
    // A schedule run computes on `read` … and meanwhile c withdraws (which bumps the event).
    expect(
      (await t.call('DELETE', `/v1/events/${event.id}/participants/${c.id}`, { token: staff })).status,
    ).toBe(200);
    const placed = scheduleChanges(read, await runSchedule(read), new Date(now).toISOString());
    await expect(repository.write(placed, { guard: read.event })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const after = (await repository.records(event.id))!;
    expect(after.meetings).toEqual([]);
  });

  it('cancels the meetings of a cancelled event', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const [a, b] = [await member('RU', ['energy'], ['energy']), await member('RU', ['energy'], ['energy'])];
    await register(event.id, a);
    await register(event.id, b);
    await accept(event.id, await request(event.id, a, b), b.token);
    await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: { publish: true } });
    expect((await setState(event.id, 'cancelled')).status).toBe(200);
    const meetings = await scheduleOf(event.id);
    expect(meetings).toEqual([]);
    const report = (await (
      await t.call('GET', `/v1/reports/events/${event.id}`, { token: staff })
    ).json()) as {
      total: { placed: number; requests: number };
    };
    expect(report.total).toMatchObject({ placed: 0, requests: 1 });
  });

  it('moves the event on in every transaction of a long guarded write, so a writer that read before any fails', async () => {
    const event = await createEvent();
    const repository = new EventRepository(t.db);
    const read = (await repository.event(event.id, { consistent: true }))!;
    const at = new Date(now).toISOString();
    const requests = Array.from({ length: 150 }, (_, i) => ({
      kind: 'request' as const,
      eventId: event.id,
      before: undefined,
      after: {
        id: `${String(i).padStart(26, '0').replace(/0/g, 'A')}-${'B'.repeat(26)}`.slice(0, 53),
        from: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
        to: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
        priority: 'nice' as const,
        topic: 'energy' as const,
        countryPair: 'RU-VN',
        reason: 'bulk',
        status: 'pending' as const,
        createdAt: at,
        version: 1,
      },
    }));
    // 150 records with their counter lines take two transactions: each moves the event on by one.
    const version = await repository.write(requests, { guard: read });
    expect(version).toBe(read.version + 2);
    expect((await repository.event(event.id, { consistent: true }))!.version).toBe(read.version + 2);
    await expect(repository.write([], { guard: read })).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});

describe('a registration changed in place', () => {
  /** A registers `c` with its first `delegates` contacts only; the participation as staff read it. */
  async function registerWith(eventId: string, c: Company, delegates: number) {
    const response = await t.call('POST', `/v1/events/${eventId}/participants`, {
      token: staff,
      body: { memberId: c.id, delegates: c.contacts.slice(0, delegates).map((x) => ({ contactId: x.id })) },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as Participation;
  }

  interface Participation {
    version: number;
    delegates: { contactId: string; slots: string[] }[];
    languages: string[];
    offers: string[];
    slots: string[];
  }

  const amend = (eventId: string, c: Company, body: unknown, ifMatch?: string) =>
    t.call('PATCH', `/v1/events/${eventId}/participants/${c.id}`, {
      token: staff,
      body,
      ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
    });

  async function participation(eventId: string, c: Company): Promise<Participation> {
    const response = await t.call('GET', `/v1/events/${eventId}/participants`, { token: staff });
    const { items } = (await response.json()) as { items: (Participation & { id: string })[] };
    return items.find((p) => p.id === c.id)!;
  }

  /** An open event with two companies registered: `a` with its two delegates, `b` with its one. */
  async function twoRegistered() {
    const event = await createEvent();
    await setState(event.id, 'open');
    const a = await member('RU', ['energy'], [], 2);
    const b = await member('RU', [], ['energy']);
    await registerWith(event.id, a, 2);
    await register(event.id, b);
    return { event, a, b };
  }

  async function forcedMeeting(eventId: string, a: Company, b: Company, slot: string, table: string) {
    const response = await t.call('POST', `/v1/events/${eventId}/meetings`, {
      token: staff,
      body: { a: a.id, b: b.id, topic: 'energy', slot, table },
    });
    expect(response.status, await response.clone().text()).toBe(201);
  }

  it('swaps a delegate at the version read, handing its scheduled meeting to the one who comes instead', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const a = await member('RU', ['energy'], [], 2);
    const b = await member('RU', [], ['energy']);
    const registered = await registerWith(event.id, a, 1);
    await register(event.id, b);
    await forcedMeeting(event.id, a, b, '2027-03-16T10:00', 'T3');
    const [first, second] = a.contacts;
    expect((await scheduleOf(event.id))[0]!.delegates[a.id]).toBe(first!.id);

    expect((await amend(event.id, a, { delegates: [{ contactId: second!.id }] })).status).toBe(428);
    const changed = await amend(
      event.id,
      a,
      { delegates: [{ contactId: second!.id }] },
      `"${registered.version}"`,
    );
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(changed.headers.get('etag')).toBe(`"${registered.version + 1}"`);
    const after = (await changed.json()) as Participation;
    expect(after.delegates.map((d) => d.contactId)).toEqual([second!.id]);
    expect(after.offers).toEqual(registered.offers);
    const [meeting] = await scheduleOf(event.id);
    expect(meeting).toMatchObject({ state: 'confirmed', slot: '2027-03-16T10:00' });
    expect(meeting!.delegates[a.id]).toBe(second!.id);
    expect(meeting!.delegates[b.id]).toBe(b.contacts[0]!.id);

    // The version the change was made from is stale now: 412, and nothing changes.
    const stale = await amend(
      event.id,
      a,
      { delegates: [{ contactId: first!.id }] },
      `"${registered.version}"`,
    );
    expect(stale.status).toBe(412);
    expect((await participation(event.id, a)).delegates.map((d) => d.contactId)).toEqual([second!.id]);
  });

  it('refuses a change that would leave a scheduled meeting without a delegate, its slot, or its languages, and changes nothing', async () => {
    const { event, a, b } = await twoRegistered();
    await forcedMeeting(event.id, a, b, '2027-03-16T10:25', 'T3');
    const before = await participation(event.id, a);
    const others = event.slots.map((s) => s.id).filter((s) => s !== '2027-03-16T10:25');
    const refusals = [
      { slots: others },
      { delegates: a.contacts.map((c) => ({ contactId: c.id, slots: others })) },
      { languages: ['en'] },
    ];
    for (const body of refusals) {
      const response = await amend(event.id, a, body, '*');
      expect(response.status, JSON.stringify(body)).toBe(409);
      const problem = (await response.json()) as Problem;
      if (!body.languages) expect(problem.detail).toContain('2027-03-16T10:25');
    }
    expect(await participation(event.id, a)).toEqual(before);
    // What scheduled meetings do not rest on changes: its topics, and a delegate's slots elsewhere.
    const topics = await amend(event.id, a, { offers: ['energy', 'trade'] }, '*');
    expect(topics.status, await topics.clone().text()).toBe(200);
    expect(((await topics.json()) as Participation).offers).toEqual(['energy', 'trade']);
  });

  it('carries delegates over a change of slots: one that came to all comes to all, one left with none is dropped', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const a = await member('RU', ['energy'], [], 2);
    const [s1, s2, s3] = event.slots.map((slot) => slot.id);
    const [all, early] = a.contacts;
    const registered = await t.call('POST', `/v1/events/${event.id}/participants`, {
      token: staff,
      body: {
        memberId: a.id,
        slots: [s1, s2],
        delegates: [
          { contactId: all!.id },
          { contactId: early!.id, slots: [s1], timeZone: 'Asia/Ho_Chi_Minh' },
        ],
      },
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
    const moved = await amend(event.id, a, { slots: [s2, s3] }, '*');
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect(((await moved.json()) as Participation).delegates).toEqual([
      expect.objectContaining({ contactId: all!.id, slots: [s2, s3] }),
    ]);
    // Named again without slots, a delegate already coming keeps its slots and zone.
    const back = await amend(event.id, a, { slots: [s1, s2] }, '*');
    expect(((await back.json()) as Participation).delegates.map((d) => d.slots)).toEqual([[s1, s2]]);
    await amend(
      event.id,
      a,
      {
        delegates: [
          { contactId: all!.id },
          { contactId: early!.id, slots: [s1], timeZone: 'Asia/Ho_Chi_Minh' },
        ],
      },
      '*',
    );
    const again = await amend(
      event.id,
      a,
      { delegates: [{ contactId: early!.id }, { contactId: all!.id }] },
      '*',
    );
    expect(
      ((await again.json()) as { delegates: { contactId: string; slots: string[]; timeZone?: string }[] })
        .delegates,
    ).toEqual([
      expect.objectContaining({ contactId: early!.id, slots: [s1], timeZone: 'Asia/Ho_Chi_Minh' }),
      expect.objectContaining({ contactId: all!.id, slots: [s1, s2] }),
    ]);
    // Slots no delegate would come to: refused, nothing changed.
    const none = await amend(event.id, a, { delegates: [{ contactId: early!.id }] }, '*');
    expect(none.status).toBe(200);
    const empty = await amend(event.id, a, { slots: [s3] }, '*');
    expect(empty.status).toBe(422);
    expect((await participation(event.id, a)).slots).toEqual([s1, s2]);
  });

  it('changes its topics though a delegate’s contact has since left the company, and keeps a held meeting’s delegate', async () => {
    const { event, a, b } = await twoRegistered();
    const [first, second] = a.contacts;
    // A meeting held while the event is scheduled keeps its delegate.
    await forcedMeeting(event.id, a, b, '2027-03-16T10:00', 'T3');
    await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: { publish: true } });
    const [meeting] = await scheduleOf(event.id);
    const outcome = await afterTheSession(() =>
      t.call('POST', `/v1/events/${event.id}/meetings/${meeting!.id}/outcome`, {
        token: staff,
        body: { happened: true, side: a.id },
      }),
    );
    expect(outcome.status, await outcome.clone().text()).toBe(200);
    expect((await scheduleOf(event.id))[0]!.state).toBe('held');
    const taken = await amend(
      event.id,
      a,
      { delegates: [{ contactId: first!.id === meeting!.delegates[a.id] ? second!.id : first!.id }] },
      '*',
    );
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as Problem).detail).toContain('already held at 2027-03-16T10:00');
    // The member drops its second contact: the registration still names them, its topics still change.
    const dropped = await t.call('PATCH', `/v1/members/${a.id}`, {
      token: staff,
      body: { contacts: [a.contacts[0]] },
      headers: { 'if-match': '*' },
    });
    expect(dropped.status, await dropped.clone().text()).toBe(200);
    const topics = await amend(event.id, a, { needs: ['trade'] }, '*');
    expect(topics.status, await topics.clone().text()).toBe(200);
    expect(((await topics.json()) as Participation).delegates.map((d) => d.contactId)).toEqual([
      first!.id,
      second!.id,
    ]);
  });

  it('refuses what names no contact of the company, nothing to change, no registration, or a held event', async () => {
    const event = await createEvent();
    await setState(event.id, 'open');
    const a = await member('RU', [], []);
    const stranger = await member('VN', [], []);
    await register(event.id, a);
    const foreign = await amend(event.id, a, { delegates: [{ contactId: stranger.contacts[0]!.id }] }, '*');
    expect(foreign.status).toBe(422);
    expect(((await foreign.json()) as Problem).errors?.[0]?.path).toBe('delegates.0.contactId');
    expect((await amend(event.id, a, {}, '*')).status).toBe(422);
    expect((await amend(event.id, stranger, { offers: ['trade'] }, '*')).status).toBe(404);
    await t.call('POST', `/v1/events/${event.id}/schedule`, { token: staff, body: { publish: true } });
    // Held only once it has begun (10:00 in Moscow): a month early, refused and still scheduled.
    const early = await setState(event.id, 'held');
    expect(early.status).toBe(409);
    expect(((await early.json()) as Problem).detail).toContain('begins at 2027-03-16T07:00:00.000Z');
    expect((await amend(event.id, a, { offers: ['trade'] }, '*')).status).toBe(200);
    clockFrom('2027-03-16T07:00:00Z');
    expect((await setState(event.id, 'held')).status).toBe(200);
    expect((await amend(event.id, a, { offers: ['trade'] }, '*')).status).toBe(409);
  });
});
