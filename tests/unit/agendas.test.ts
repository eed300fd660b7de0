/**
 * Agendas as pure functions: which meetings each view shows, the zones, the digest that decides a
 * re-send, the iCalendar file, the Accept negotiation and the send-queue message.
 */
import { describe, expect, it } from 'vitest';
import { campaignWorkOf } from '../../shared/campaigns/campaign-work.ts';
import { agendaDigest, agendaOf, agendaSentTo, noLongerSent } from '../../shared/events/agenda.ts';
import { agendaIcs } from '../../shared/events/agenda-ics.ts';
import { agendaToSend } from '../../shared/events/agenda-queue.ts';
import { agendaSchema } from '../../shared/events/agenda-schema.ts';
import type { Event, Meeting, Participant } from '../../shared/events/event-schema.ts';
import { interpreterPlanOf, interpreterPlanSchema } from '../../shared/events/interpreter-plan.ts';
import { prefersCalendar } from '../../shared/http/routes/event-agendas.ts';

const [A, B, C] = ['01JD5Z7Q8N3V2K4M6P8R0T2W4A', '01JD5Z7Q8N3V2K4M6P8R0T2W4B', '01JD5Z7Q8N3V2K4M6P8R0T2W4C'];
const contact = (n: number) => `01JD5Z7Q8N3V2K4M6P8R0T2X${String(n).padStart(2, '0')}`;
const at = '2027-02-01T09:00:00.000Z';

// Berlin on summer time from 28 March 2027 (UTC+2), New York since 14 March (UTC−4).
const event: Event = {
  id: '01JD5Z7Q8N3V2K4M6P8R0T2W4E',
  name: { en: 'Trade days', ru: 'Дни торговли' },
  city: 'Berlin',
  online: false,
  timeZone: 'Europe/Berlin',
  days: [{ date: '2027-03-29', sessions: [{ start: '10:00', end: '11:00' }] }],
  slotMinutes: 20,
  gapMinutes: 5,
  tables: [{ id: 'T1', label: 'Hall A, 1' }, { id: 'T2' }],
  spareTables: 0,
  registrationDeadline: '2027-03-01T00:00:00.000Z',
  requestDeadline: '2027-03-10T00:00:00.000Z',
  interpreters: [{ id: 'I1', name: 'Anna Petrova', pairs: [['ru', 'vi']] }],
  state: 'scheduled',
  scheduleVersion: 2,
  version: 5,
  createdAt: at,
  updatedAt: at,
};

function participant(
  id: string,
  n: number,
  languages: string[],
  extra: Partial<Participant> = {},
): Participant {
  return {
    id,
    card: {
      kind: 'member',
      id,
      name: `Company ${n}`,
      ...(n === 2 ? { latinName: 'Second Co' } : {}),
      country: n === 1 ? 'RU' : 'VN',
      sectors: [],
      languages: [],
      targetMarkets: [],
      offers: [],
      needs: [],
    },
    delegates: [
      { contactId: contact(n * 10), name: `Delegate ${n}a`, language: 'en', slots: [] },
      { contactId: contact(n * 10 + 1), name: `Delegate ${n}b`, language: 'ru', slots: [] },
    ],
    languages,
    offers: [],
    needs: [],
    slots: [],
    status: 'registered',
    agendaSent: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

function meeting(
  a: string,
  b: string,
  slot: string,
  table: string,
  state: Meeting['state'],
  delegates: Record<string, string>,
  interpreter?: string,
): Meeting {
  return {
    id: `${a}-${b}`,
    a,
    b,
    topic: 'logistics',
    countryPair: 'RU-VN',
    priority: 'must',
    slot,
    table,
    ...(interpreter ? { interpreter } : {}),
    delegates,
    state,
    forced: false,
    outcomes: {},
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const pa = participant(A, 1, ['ru'], {
  delegates: [
    { contactId: contact(10), name: 'Delegate 1a', language: 'ru', slots: [], timeZone: 'America/New_York' },
    { contactId: contact(11), name: 'Delegate 1b', language: 'en', slots: [] },
  ],
});
const pb = participant(B, 2, ['vi']);
const pc = participant(C, 3, ['vi']);
const meetings = [
  meeting(A, B, '2027-03-29T10:00', 'T1', 'confirmed', { [A]: contact(10), [B]: contact(20) }, 'I1'),
  meeting(A, C, '2027-03-29T10:25', 'T2', 'placed', { [A]: contact(11), [C]: contact(30) }, 'I1'),
  meeting(B, C, '2027-03-29T10:00', 'T2', 'confirmed', { [B]: contact(21), [C]: contact(30) }),
  meeting(A, '01JD5Z7Q8N3V2K4M6P8R0T2W4D', '2027-03-29T10:25', 'T1', 'cancelled', { [A]: contact(10) }),
];
const input = { event, participant: pa, meetings, participants: [pa, pb, pc] };

describe('an agenda', () => {
  it('shows a member the published meetings, staff the placed ones too, and the cancelled ones apart', () => {
    const member = agendaOf(input, { view: 'member' });
    expect(agendaSchema.parse(member)).toEqual(member);
    expect(member.meetings.map((m) => m.meetingId)).toEqual([`${A}-${B}`]);
    expect(member.cancelled.map((m) => m.meetingId)).toEqual([`${A}-01JD5Z7Q8N3V2K4M6P8R0T2W4D`]);
    const staff = agendaOf(input, { view: 'staff' });
    expect(staff.meetings.map((m) => [m.meetingId, m.state])).toEqual([
      [`${A}-${B}`, 'confirmed'],
      [`${A}-${C}`, 'placed'],
    ]);
    expect(
      agendaOf({ ...input, event: { ...event, scheduleVersion: 0 } }, { view: 'member' }).meetings,
    ).toEqual([]);
  });

  it('gives each meeting in UTC, in the event’s zone and in its delegate’s, across their summer times', () => {
    const [m] = agendaOf(input, { view: 'member' }).meetings;
    expect(m).toMatchObject({
      start: '2027-03-29T08:00:00.000Z',
      end: '2027-03-29T08:20:00.000Z',
      atEvent: { timeZone: 'Europe/Berlin', start: '2027-03-29 10:00', end: '2027-03-29 10:20' },
      forDelegate: { timeZone: 'America/New_York', start: '2027-03-29 04:00', end: '2027-03-29 04:20' },
      table: { id: 'T1', label: 'Hall A, 1' },
      interpreter: 'Anna Petrova',
      delegate: { contactId: contact(10), name: 'Delegate 1a' },
      counterpart: {
        id: B,
        name: 'Company 2',
        latinName: 'Second Co',
        country: 'VN',
        delegateName: 'Delegate 2a',
      },
    });
    // A delegate without a zone reads the event's.
    const [other] = agendaOf(input, { view: 'staff', delegate: contact(11) }).meetings;
    expect(other?.forDelegate).toEqual(other?.atEvent);
  });

  it('names only the delegates its company meets', () => {
    const text = JSON.stringify(agendaOf({ ...input, participant: pb }, { view: 'staff' }));
    expect(text).toContain('Delegate 1a');
    expect(text).toContain('Delegate 3a'); // B meets C
    expect(JSON.stringify(agendaOf({ ...input, participant: pa }, { view: 'member' }))).not.toContain(
      'Delegate 3',
    );
  });

  it('filters to one delegate', () => {
    const only = agendaOf(input, { view: 'staff', delegate: contact(11) });
    expect(only.meetings.map((m) => m.meetingId)).toEqual([`${A}-${C}`]);
    expect(only.cancelled).toEqual([]);
    expect(only.delegates.map((d) => d.contactId)).toEqual([contact(11)]);
  });

  it('digests what its emails say: not the version nor the cancellations, but any move', () => {
    const digest = agendaDigest(agendaOf(input, { view: 'member' }));
    expect(
      agendaDigest(agendaOf({ ...input, event: { ...event, scheduleVersion: 7 } }, { view: 'member' })),
    ).toBe(digest);
    expect(agendaDigest(agendaOf({ ...input, meetings: meetings.slice(0, 3) }, { view: 'member' }))).toBe(
      digest,
    );
    const moved = meetings.map((m, i) => (i === 0 ? { ...m, table: 'T2' } : m));
    expect(agendaDigest(agendaOf({ ...input, meetings: moved }, { view: 'member' }))).not.toBe(digest);
  });

  it('is sent once per version, and only on a change', () => {
    const records = { event, participants: [pa, pb, pc], meetings };
    const first = agendaToSend(records, pa);
    expect(first).toBeDefined();
    const sent = { ...pa, agendaSent: 2, agendaHash: first!.digest };
    expect(agendaToSend(records, sent)).toBeUndefined();
    // A newer publish that changed nothing for it sends nothing; one that did, sends.
    const later = { ...records, event: { ...event, scheduleVersion: 3 } };
    expect(agendaToSend(later, sent)).toBeUndefined();
    expect(agendaToSend({ ...later, meetings: meetings.slice(1) }, sent)).toBeDefined();
    // A company without any meeting, never sent one, gets nothing; a withdrawn one nothing either.
    const lonely = participant('01JD5Z7Q8N3V2K4M6P8R0T2W4F', 4, ['en']);
    expect(
      agendaToSend({ ...records, participants: [...records.participants, lonely] }, lonely),
    ).toBeUndefined();
    expect(agendaToSend(records, { ...pa, status: 'withdrawn' })).toBeUndefined();
    // One that withdrew after its delegates were sent meetings is sent their cancellations, once.
    const withdrawn = { ...sent, status: 'withdrawn' as const, agendaSentTo: agendaSentTo(first!.agenda) };
    const cancelledAll = meetings.map((m) => (m.a === A ? { ...m, state: 'cancelled' as const } : m));
    const afterWithdrawal = { ...later, meetings: cancelledAll };
    expect(agendaToSend(afterWithdrawal, withdrawn)).toBeDefined();
    expect(agendaToSend(afterWithdrawal, { ...withdrawn, agendaSentTo: {} })).toBeUndefined();
  });
});

describe('what the last agenda sent a delegate and it no longer holds', () => {
  const sent = agendaSentTo(agendaOf(input, { view: 'member' }));
  const withSent = { ...pa, agendaSentTo: sent };
  const at10 = {
    meetingId: `${A}-${B}`,
    slot: '2027-03-29T10:00',
    start: '2027-03-29T08:00:00.000Z',
    end: '2027-03-29T08:20:00.000Z',
    delegateContactId: contact(10),
  };
  const withFirst = (change: Partial<Meeting>) => meetings.map((m, i) => (i === 0 ? { ...m, ...change } : m));
  const toColleague = { delegates: { [A]: contact(11), [B]: contact(20) } };

  it('is recorded as each sent meeting’s delegate and slot', () => {
    // The placed meeting was never on a member's agenda, the cancelled one is not a meeting any more.
    expect(sent).toEqual({ [`${A}-${B}`]: { contactId: contact(10), slot: '2027-03-29T10:00' } });
  });

  it('is nothing while each sent meeting is still its delegate’s, moved to another slot or not', () => {
    expect(noLongerSent({ event, participant: withSent, meetings })).toEqual(new Map());
    const moved = withFirst({ slot: '2027-03-29T10:25' });
    expect(noLongerSent({ event, participant: withSent, meetings: moved })).toEqual(new Map());
  });

  it('names a meeting a colleague now attends as handed over, at the time it was sent', () => {
    const lost = noLongerSent({ event, participant: withSent, meetings: withFirst(toColleague) });
    expect(lost).toEqual(new Map([[contact(10), { handedOver: [at10], cancelled: [] }]]));
    const movedToo = withFirst({ ...toColleague, slot: '2027-03-29T10:25' });
    expect(noLongerSent({ event, participant: withSent, meetings: movedToo }).get(contact(10))).toEqual({
      handedOver: [at10],
      cancelled: [],
    });
  });

  it('names a meeting cancelled, back to placed or gone as cancelled for the one it was sent to, not a colleague', () => {
    for (const now of [
      withFirst({ ...toColleague, state: 'cancelled' }),
      withFirst({ state: 'placed' }),
      meetings.slice(1),
    ]) {
      expect(noLongerSent({ event, participant: withSent, meetings: now })).toEqual(
        new Map([[contact(10), { handedOver: [], cancelled: [at10] }]]),
      );
    }
  });

  it('is nothing for a participant whose agendas were sent before the record existed', () => {
    expect(noLongerSent({ event, participant: pa, meetings: withFirst(toColleague) })).toEqual(new Map());
  });
});

describe('the iCalendar file', () => {
  const ics = agendaIcs(agendaOf(input, { view: 'member' }), { language: 'ru', stamp: new Date(at) });
  const unfolded = ics.replace(/\r\n[ \t]/g, '');

  it('holds each meeting at its UTC times under a stable UID, the version as SEQUENCE', () => {
    expect(unfolded).toContain('METHOD:PUBLISH');
    expect(unfolded).toContain(
      `UID:${A}-${B}@${event.id}\r\nSEQUENCE:2\r\nDTSTAMP:20270201T090000Z\r\nDTSTART:20270329T080000Z\r\nDTEND:20270329T082000Z`,
    );
    // In Russian, a company goes by its own name; a Latin one is added for the other languages.
    expect(unfolded).toContain('SUMMARY:B2B-встреча: Company 2\r\n');
    expect(unfolded).toContain('LOCATION:Berlin\\, Hall A\\, 1');
  });

  it('places the meetings in the city as the delegate’s language names it, else as English does', () => {
    const named = { ...input, event: { ...event, city: { ru: 'Берлин', en: 'Berlin' } } };
    const location = (language: 'ru' | 'vi') =>
      agendaIcs(agendaOf(named, { view: 'member' }), { language, stamp: new Date(at) })
        .replace(/\r\n[ \t]/g, '')
        .match(/LOCATION:([^\r]*)/)?.[1];
    expect(location('ru')).toBe('Берлин\\, Hall A\\, 1');
    expect(location('vi')).toBe('Berlin\\, Hall A\\, 1');
  });

  it('cancels the cancelled meetings, and keeps every line within 75 octets, CRLF-terminated', () => {
    expect(unfolded).toMatch(
      /UID:[^\r]+-01JD5Z7Q8N3V2K4M6P8R0T2W4D@[^\r]+\r\n(?:[^\r]+\r\n)*?STATUS:CANCELLED/,
    );
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });
});

describe('the interpreter plan', () => {
  it('lists each interpreter’s meetings with the table, the companies and the pair bridged', () => {
    const plan = interpreterPlanOf({ event, meetings, participants: [pa, pb, pc] });
    expect(interpreterPlanSchema.parse(plan)).toEqual(plan);
    expect(
      plan.interpreters[0]!.assignments.map((x) => [x.slot, x.table.id, x.meetingId, x.state, x.languages]),
    ).toEqual([
      ['2027-03-29T10:00', 'T1', `${A}-${B}`, 'confirmed', ['ru', 'vi']],
      ['2027-03-29T10:25', 'T2', `${A}-${C}`, 'placed', ['ru', 'vi']],
    ]);
    expect(plan.interpreters[0]!.assignments[0]!.localStart).toBe('2027-03-29 10:00');
  });
});

describe('content negotiation', () => {
  it('answers the calendar only when the Accept header prefers it', () => {
    expect(prefersCalendar(undefined)).toBe(false);
    expect(prefersCalendar('*/*')).toBe(false);
    expect(prefersCalendar('application/json')).toBe(false);
    expect(prefersCalendar('text/calendar')).toBe(true);
    expect(prefersCalendar('text/calendar, application/json;q=0.5')).toBe(true);
    expect(prefersCalendar('application/json, text/calendar;q=0.9')).toBe(false);
    expect(prefersCalendar('text/*, application/json;q=0.1')).toBe(true);
    expect(prefersCalendar('text/calendar;q=0, */*')).toBe(false);
  });
});

describe('the agenda message', () => {
  it('is read off the send queue, and refused without a published version', () => {
    const body = { agenda: { eventId: event.id, companyId: A, scheduleVersion: 3 } };
    expect(campaignWorkOf(JSON.stringify(body))).toEqual(body);
    expect(() =>
      campaignWorkOf(JSON.stringify({ agenda: { eventId: event.id, companyId: A, scheduleVersion: 0 } })),
    ).toThrow();
    expect(() =>
      campaignWorkOf(JSON.stringify({ agenda: { eventId: event.id, companyId: A, scheduleVersion: '3' } })),
    ).toThrow();
  });
});
