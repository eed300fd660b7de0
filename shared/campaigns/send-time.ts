/** `sendAt` as given (RFC 3339, any offset) in UTC, as stored and answered. */
export function sendAtUtc(sendAt: string): string {
  return new Date(sendAt).toISOString();
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A UTC instant as RFC 3339 local time with its offset in `timeZone` (`2027-01-15T10:00:00+07:00`),
 * what staff planning a send in Hanoi or Moscow read. Seconds precision: a send is planned to the minute.
 */
export function localTimestamp(utc: string, timeZone: string): string {
  const date = new Date(utc);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/**
 * A wall-clock time in `timeZone` as a form's `datetime-local` gives it (`2027-01-15T10:00`) as
 * RFC 3339 with that zone's offset then, or undefined when it is not such a time. The offset is read
 * at the guess and again at the result, so a time just across a daylight-saving change lands right.
 */
export function zonedTimestamp(wall: string, timeZone: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(wall)) return undefined;
  const asUtc = Date.parse(`${wall.length === 16 ? `${wall}:00` : wall}Z`);
  if (Number.isNaN(asUtc)) return undefined;
  const offsetAt = (instant: number) => {
    const local = localTimestamp(new Date(instant).toISOString(), timeZone);
    return Date.parse(`${local.slice(0, 19)}Z`) - Math.floor(instant / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  return localTimestamp(new Date(asUtc - offsetAt(first)).toISOString(), timeZone);
}
