/**
 * Wall-clock times in an IANA zone to UTC and back, with the platform's time-zone data (Intl): an
 * event's slots are set in its city's time, agendas show them in the delegate's too.
 */

/**
 * Whether ICU knows the zone. `language` only picks the locale data the check loads: a caller about to
 * format for a reader passes theirs, so a cold process loads one language's data, not English's too.
 */
export function isTimeZone(zone: string, language = 'en'): boolean {
  try {
    new Intl.DateTimeFormat(language, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, instant: number) {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function offsetAt(zone: string, instant: number): number {
  const p = partsIn(zone, instant);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (instant - (instant % 1000));
}

/**
 * The UTC instant of a local date and time (`2027-03-16`, `09:30`) in `zone`. Two passes settle a
 * date near an offset change; a time skipped by a spring-forward resolves to the later offset's.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - offsetAt(zone, wall);
  instant = wall - offsetAt(zone, instant);
  return new Date(instant);
}

/** An instant as the local date and time in `zone`: `2027-03-16 09:30`. */
export function utcToZoned(instant: Date, zone: string): string {
  const p = partsIn(zone, instant.getTime());
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}
