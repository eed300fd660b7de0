import { describe, expect, it } from 'vitest';
import { eventFormErrors, eventInputOf } from '../../shared/console/pages/events/event-form.ts';

describe('the new-event form as the API body', () => {
  it('reads days, tables, deadlines and interpreters from their lines and counts', () => {
    expect(
      eventInputOf({
        'name.ru': ' Форум ',
        'name.vi': '',
        city: 'Moscow',
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
      city: 'Moscow',
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
