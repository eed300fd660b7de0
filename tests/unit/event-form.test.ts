import { describe, expect, it } from 'vitest';
import {
  eventFormErrors,
  eventInputOf,
  eventValuesOf,
  slotsStillInPlan,
} from '../../shared/console/pages/events/event-form.ts';
import { type Event, eventCreateSchema, eventSchema } from '../../shared/events/event-schema.ts';

const stored: Event = eventSchema.parse({
  id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
  name: { en: 'Spring meetings' },
  city: 'Hanoi',
  online: false,
  timeZone: 'Asia/Ho_Chi_Minh',
  days: [{ date: '2027-04-20', sessions: [{ start: '09:00', end: '12:00' }] }],
  slotMinutes: 20,
  gapMinutes: 5,
  tables: [{ id: 'A', label: 'Hall A' }, { id: 'B' }, { id: 'T1' }],
  spareTables: 1,
  // 10:00 in Hanoi on 1 April; 10 April ends at 17:00 UTC.
  registrationDeadline: '2027-04-01T03:00:00.000Z',
  requestDeadline: '2027-04-10T17:00:00.000Z',
  interpreters: [
    { id: 'I2', name: 'Anna Petrova', pairs: [['ru', 'vi']], slots: ['2027-04-20T09:00'] },
    { id: 'I7', name: 'Lê Thu Hà', pairs: [['vi', 'en']] },
  ],
  state: 'open',
  scheduleVersion: 0,
  version: 4,
  createdAt: '2027-01-10T08:00:00.000Z',
  updatedAt: '2027-01-12T08:00:00.000Z',
});

describe('the new-event form as the API body', () => {
  it('reads days, tables, deadlines and interpreters from their lines and counts', () => {
    expect(
      eventInputOf({
        'name.ru': ' Форум ',
        'name.vi': '',
        'city.ru': ' Москва ',
        'city.en': 'Moscow',
        'city.vi': '',
        online: 'on',
        timeZone: 'Europe/Moscow',
        days: '2027-03-16 9:00-12:00 13:00–17:30\r\n\n2027-03-17 10:00-12:00',
        slotMinutes: '25',
        gapMinutes: '',
        tables: '3',
        spareTables: '1',
        registrationDeadline: '2027-03-01',
        requestDeadline: '2027-03-10',
        interpreters: 'Anna Petrova: ru-vi, ru – en\nLê Thu Hà',
      }),
    ).toEqual({
      name: { ru: 'Форум' },
      city: { ru: 'Москва', en: 'Moscow' },
      online: true,
      timeZone: 'Europe/Moscow',
      days: [
        {
          date: '2027-03-16',
          sessions: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:30' },
          ],
        },
        { date: '2027-03-17', sessions: [{ start: '10:00', end: '12:00' }] },
      ],
      slotMinutes: 25,
      gapMinutes: undefined,
      tables: [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }],
      spareTables: 1,
      // Moscow is UTC+3 all year: the end of 1 March there is 21:00 UTC that day.
      registrationDeadline: '2027-03-01T21:00:00.000Z',
      requestDeadline: '2027-03-10T21:00:00.000Z',
      interpreters: [
        {
          id: 'I1',
          name: 'Anna Petrova',
          pairs: [
            ['ru', 'vi'],
            ['ru', 'en'],
          ],
        },
        { id: 'I2', name: 'Lê Thu Hà', pairs: [] },
      ],
    });
  });

  it('passes on what is malformed as typed, for the schema to say what is wrong', () => {
    const input = eventInputOf({
      timeZone: 'Mars/Olympus',
      tables: 'ten',
      slotMinutes: '-5',
      registrationDeadline: '2027-02-30x',
      requestDeadline: '2027-03-10',
    });
    expect(input).toMatchObject({ tables: 'ten', slotMinutes: '-5', registrationDeadline: '2027-02-30x' });
    // An unknown zone is its own field's error; the deadline is then read in UTC.
    expect(input.requestDeadline).toBe('2027-03-11T00:00:00.000Z');
    expect(eventInputOf({ tables: '0' }).tables).toEqual([]);
    expect(eventInputOf({}).registrationDeadline).toBeUndefined();
  });
});

describe('where the errors of a new event show', () => {
  it('beside the input its path starts with, the name rule by the name, the rest above the form', () => {
    const shown = eventFormErrors(
      new Map([
        ['days.0.sessions.1.start', 'first'],
        ['days.1.date', 'second'],
        ['name', 'a name'],
        ['name.ru', 'too long'],
        ['interpreters.0.pairs', 'no pairs'],
        ['unknown', 'elsewhere'],
      ]),
    );
    expect([...shown]).toEqual([
      ['days', 'first'],
      ['name', 'a name'],
      ['name.ru', 'too long'],
      ['interpreters', 'no pairs'],
      ['(form)', 'elsewhere'],
    ]);
  });
});

describe('an event edited through the form', () => {
  it('shows the event as its lines and counts, each deadline on its day in the event’s zone', () => {
    expect(eventValuesOf(stored)).toMatchObject({
      'name.en': 'Spring meetings',
      'name.ru': '',
      // A city given once for every reader shows as the English one, which every reader falls back to.
      'city.en': 'Hanoi',
      'city.ru': '',
      'city.vi': '',
      online: '',
      days: '2027-04-20 09:00-12:00',
      tables: '3',
      spareTables: '1',
      registrationDeadline: '2027-04-01',
      requestDeadline: '2027-04-10',
      interpreters: 'Anna Petrova: ru-vi\nLê Thu Hà: vi-en',
    });
  });

  it('gives back the stored event for the form it showed', () => {
    const input = eventInputOf(eventValuesOf(stored), stored);
    expect(input).toMatchObject({
      // A city given once for every reader stays so; given per language once one is added.
      city: 'Hanoi',
      tables: stored.tables,
      interpreters: stored.interpreters,
      registrationDeadline: stored.registrationDeadline,
      requestDeadline: stored.requestDeadline,
    });
    expect(eventInputOf({ ...eventValuesOf(stored), 'city.ru': 'Ханой' }, stored).city).toEqual({
      ru: 'Ханой',
      en: 'Hanoi',
    });
  });

  it('keeps an interpreter’s id and slots by name, whatever the order, and gives a new one the first id the event has never held', () => {
    const input = eventInputOf(
      {
        ...eventValuesOf(stored),
        interpreters: 'Nguyễn An: ru-vi\nLê Thu Hà: vi-en, ru-vi\nAnna Petrova: ru-vi',
      },
      stored,
    );
    expect(input.interpreters).toEqual([
      { id: 'I1', name: 'Nguyễn An', pairs: [['ru', 'vi']] },
      {
        id: 'I7',
        name: 'Lê Thu Hà',
        pairs: [
          ['vi', 'en'],
          ['ru', 'vi'],
        ],
      },
      { id: 'I2', name: 'Anna Petrova', pairs: [['ru', 'vi']], slots: ['2027-04-20T09:00'] },
    ]);
  });

  it('never gives a removed interpreter’s id to one added in the same edit: their meetings would follow it', () => {
    const input = eventInputOf(
      { ...eventValuesOf(stored), interpreters: 'Bob Smith: ru-en\nLê Thu Hà: vi-en' },
      stored,
    );
    expect(input.interpreters).toEqual([
      { id: 'I1', name: 'Bob Smith', pairs: [['ru', 'en']] },
      { id: 'I7', name: 'Lê Thu Hà', pairs: [['vi', 'en']] },
    ]);
    const anotherAnna = eventInputOf(
      { ...eventValuesOf(stored), interpreters: 'Bob Smith: ru-en\nAnna: ru-vi\nX: vi-en' },
      stored,
    );
    expect((anotherAnna.interpreters as { id: string }[]).map((i) => i.id)).toEqual(['I1', 'I3', 'I4']);
  });

  it('keeps the slots an interpreter works that the edited days still have, and every slot when none are left', () => {
    const edited = (days: string) =>
      slotsStillInPlan(
        eventCreateSchema.parse(eventInputOf({ ...eventValuesOf(stored), days }, stored)),
      ).interpreters.find((i) => i.name === 'Anna Petrova');
    expect(edited('2027-04-20 09:00-12:00\n2027-04-21 09:00-12:00')?.slots).toEqual(['2027-04-20T09:00']);
    expect(edited('2027-04-21 09:00-12:00')).not.toHaveProperty('slots');
  });

  it('keeps the first tables of a shorter count, and names added ones with ids not yet held', () => {
    expect(eventInputOf({ ...eventValuesOf(stored), tables: '2' }, stored).tables).toEqual([
      { id: 'A', label: 'Hall A' },
      { id: 'B' },
    ]);
    expect(eventInputOf({ ...eventValuesOf(stored), tables: '5' }, stored).tables).toEqual([
      ...stored.tables,
      { id: 'T2' },
      { id: 'T3' },
    ]);
  });

  it('ends a deadline whose day or zone changed at the end of its day in the zone now', () => {
    const moved = eventInputOf({ ...eventValuesOf(stored), registrationDeadline: '2027-04-02' }, stored);
    expect(moved.registrationDeadline).toBe('2027-04-02T17:00:00.000Z');
    const rezoned = eventInputOf({ ...eventValuesOf(stored), timeZone: 'Europe/Moscow' }, stored);
    expect(rezoned.registrationDeadline).toBe('2027-04-01T21:00:00.000Z');
    expect(rezoned.requestDeadline).toBe('2027-04-10T21:00:00.000Z');
  });
});
