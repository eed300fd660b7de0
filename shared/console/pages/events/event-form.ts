import { languages } from '../../../domain/languages.ts';
import type { Event, EventCreate } from '../../../events/event-schema.ts';
import { slotsOf } from '../../../events/event-slots.ts';
import { isTimeZone, utcToZoned, zonedToUtc } from '../../../events/zoned-time.ts';
import { type FormValues, trimmed } from '../../components/form-fields.tsx';

/**
 * The event form as plain values, and the body `POST /v1/events` would take from them (or a `PATCH`
 * of an event, all its fields). Its inputs are named by the API's field paths; the two lists a form
 * cannot hold as inputs (days with their meeting blocks, interpreters with their language pairs) are
 * written one per line, and a table count becomes tables T1, T2, …. What is malformed is passed on as
 * written, so the schema's own message says what is wrong with it.
 *
 * Edited, the form keeps what it cannot show: an event's tables (their labels and links) while the
 * count stays, an interpreter's id and slots while their name stays, a deadline's exact moment while
 * its day and the zone stay.
 */
export const eventFormFields = [
  'name.ru',
  'name.vi',
  'name.en',
  'city.ru',
  'city.vi',
  'city.en',
  'online',
  'timeZone',
  'days',
  'slotMinutes',
  'gapMinutes',
  'tables',
  'spareTables',
  'registrationDeadline',
  'requestDeadline',
  'interpreters',
] as const;

export const newEventValues: FormValues = {
  timeZone: 'Europe/Moscow',
  slotMinutes: '20',
  gapMinutes: '5',
  tables: '10',
};

/** A whole number as typed, or the text itself for the schema to refuse; nothing when empty. */
const count = (value: string): number | string | undefined =>
  value === '' ? undefined : /^\d{1,4}$/.test(value) ? Number(value) : value;

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** `2027-03-16 10:00-13:00 14:00-17:00`: the date, then its meeting blocks. */
function daysOf(value: string) {
  return lines(value).map((line) => {
    const [date = '', ...blocks] = line.split(/\s+/);
    const sessions = blocks.map((block) => {
      const [start = '', end = ''] = block.split(/[-–]/);
      return { start: start.padStart(5, '0'), end: end.padStart(5, '0') };
    });
    return { date, sessions };
  });
}

/** The first of `prefix`1, `prefix`2, … that no one holds yet. */
function freeId(prefix: string, held: Set<string>): string {
  let n = 1;
  while (held.has(`${prefix}${n}`)) n++;
  held.add(`${prefix}${n}`);
  return `${prefix}${n}`;
}

/** `Anna Petrova: ru-vi, ru-en`: a name, then the pairs of languages the interpreter works between. */
function interpretersOf(value: string, before: Event['interpreters']) {
  const unclaimed = [...before];
  const typed = lines(value).map((line) => {
    const colon = line.lastIndexOf(':');
    const name = (colon < 0 ? line : line.slice(0, colon)).trim();
    const pairs =
      colon < 0
        ? []
        : line
            .slice(colon + 1)
            .split(',')
            .filter((p) => p.trim());
    const kept = unclaimed.findIndex((i) => i.name === name);
    const [was] = kept < 0 ? [] : unclaimed.splice(kept, 1);
    return { was, name, pairs: pairs.map((pair) => pair.trim().split(/\s*[-–]\s*/)) };
  });
  // None of the event's ids goes to a new line: a removed interpreter's meetings would become theirs.
  const held = new Set(before.map((i) => i.id));
  return typed.map(({ was, name, pairs }) => ({
    ...was,
    id: was?.id ?? freeId('I', held),
    name,
    pairs,
  }));
}

/**
 * Tables T1 … Tn for a count up to 999 (the schema bounds it); anything else as typed. An event's own
 * tables stay as they are, the first n of them, with new ones after.
 */
function tablesOf(value: string, before: Event['tables']) {
  const n = count(value);
  if (typeof n !== 'number' || n >= 1000) return n;
  const kept = before.slice(0, n);
  const held = new Set(kept.map((t) => t.id));
  return [...kept, ...Array.from({ length: n - kept.length }, () => ({ id: freeId('T', held) }))];
}

/** The end of a day in the event's zone (the moment its next day starts there), as UTC. */
function endOfDay(date: string, zone: string): string | undefined {
  if (date === '') return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime())) return date;
  const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
  // An unknown zone is reported on its own field; the deadline is then read in UTC.
  return zonedToUtc(next, '00:00', isTimeZone(zone) ? zone : 'UTC').toISOString();
}

/** The day a deadline falls on in the event's zone: the day it ends, for one at midnight. */
export const deadlineDay = (instant: string, zone: string) =>
  utcToZoned(new Date(new Date(instant).getTime() - 1), zone).slice(0, 10);

/**
 * A city as the form's fields per language hold it: one given once for every reader is what an English
 * reader, and so anyone without their own, reads.
 */
const cityFields = (city: Event['city']) => (typeof city === 'string' ? { en: city } : city);

/** An event as the form shows it. */
export function eventValuesOf(event: Event): FormValues {
  return {
    ...Object.fromEntries(languages.map((l) => [`name.${l}`, event.name[l] ?? ''])),
    ...Object.fromEntries(languages.map((l) => [`city.${l}`, cityFields(event.city)?.[l] ?? ''])),
    online: event.online ? 'on' : '',
    timeZone: event.timeZone,
    days: event.days
      .map((day) => [day.date, ...day.sessions.map((s) => `${s.start}-${s.end}`)].join(' '))
      .join('\n'),
    slotMinutes: String(event.slotMinutes),
    gapMinutes: String(event.gapMinutes),
    tables: String(event.tables.length),
    spareTables: String(event.spareTables),
    registrationDeadline: deadlineDay(event.registrationDeadline, event.timeZone),
    requestDeadline: deadlineDay(event.requestDeadline, event.timeZone),
    interpreters: event.interpreters
      .map((i) => `${i.name}: ${i.pairs.map((p) => p.join('-')).join(', ')}`)
      .join('\n'),
  };
}

/** The form's values as the API's body; `before`, the event edited, for what the form cannot show. */
export function eventInputOf(values: FormValues, before?: Event): Record<string, unknown> {
  const zone = trimmed(values, 'timeZone');
  const deadline = (field: 'registrationDeadline' | 'requestDeadline') => {
    const day = trimmed(values, field);
    return before && before.timeZone === zone && deadlineDay(before[field], zone) === day
      ? before[field]
      : endOfDay(day, zone);
  };
  const inLanguages = (field: 'name' | 'city') =>
    Object.fromEntries(
      languages.map((l) => [l, trimmed(values, `${field}.${l}`)] as const).filter(([, v]) => v !== ''),
    );
  const name = inLanguages('name');
  // A city given once for every reader, and left so, stays as it was given.
  const entered = inLanguages('city');
  const city =
    typeof before?.city === 'string' && JSON.stringify(entered) === JSON.stringify(cityFields(before.city))
      ? before.city
      : entered;
  const spare = count(trimmed(values, 'spareTables'));
  const interpreters = interpretersOf(trimmed(values, 'interpreters'), before?.interpreters ?? []);
  return {
    name,
    ...(typeof city === 'string' || Object.keys(city).length > 0 ? { city } : {}),
    online: trimmed(values, 'online') === 'on',
    timeZone: zone,
    days: daysOf(trimmed(values, 'days')),
    slotMinutes: count(trimmed(values, 'slotMinutes')),
    gapMinutes: count(trimmed(values, 'gapMinutes')),
    tables: tablesOf(trimmed(values, 'tables'), before?.tables ?? []),
    ...(spare === undefined ? {} : { spareTables: spare }),
    registrationDeadline: deadline('registrationDeadline'),
    requestDeadline: deadline('requestDeadline'),
    ...(interpreters.length > 0 ? { interpreters } : {}),
  };
}

/**
 * An interpreter kept by name keeps the slots they work that the edited plan still has. The form
 * cannot list slots, so one whose slots the edit removed entirely works every slot (the API's default)
 * rather than leaving an event whose days cannot change here.
 */
export function slotsStillInPlan(input: EventCreate): EventCreate {
  const live = new Set(slotsOf(input).map((slot) => slot.id));
  return {
    ...input,
    interpreters: input.interpreters.map(({ slots, ...interpreter }) => {
      const kept = slots?.filter((slot) => live.has(slot)) ?? [];
      return kept.length > 0 ? { ...interpreter, slots: kept } : interpreter;
    }),
  };
}

/**
 * Each error beside the input its path starts with (`days.0.sessions.1.start` beside the days); the
 * name's own rule (a name in at least one language) beside the name's fieldset; the rest above the form.
 */
export function eventFormErrors(errors: ReadonlyMap<string, string>): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [path, message] of errors) {
    const field =
      [...eventFormFields, 'name'].find((f) => path === f || path.startsWith(`${f}.`)) ?? '(form)';
    if (!shown.has(field)) shown.set(field, message);
  }
  return shown;
}
