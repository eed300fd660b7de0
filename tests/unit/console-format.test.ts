import { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { describe, expect, it } from 'vitest';
import type { ConsoleEnv } from '../../shared/console/console-env.ts';
import { formatDate, formatDateTime, readerTimeZone } from '../../shared/console/i18n/format.ts';

// ICU separates some parts with no-break spaces; the words and their order are what is checked.
const plain = (text: string) => text.replace(/\s/gu, ' ');
const instant = '2026-01-12T06:00:00.000Z';

describe('formatDateTime', () => {
  it('names UTC after the minutes, where each language puts a zone', () => {
    expect(plain(formatDateTime('ru', instant))).toBe('12 янв. 2026 г., 06:00 UTC');
    expect(plain(formatDateTime('vi', instant))).toBe('06:00 UTC 12 thg 1, 2026');
    expect(plain(formatDateTime('en', new Date(instant)))).toBe('12 Jan 2026, 06:00 UTC');
  });

  it("leaves a time in another zone unmarked: its page names the zone (an event's, a campaign's)", () => {
    expect(plain(formatDateTime('ru', instant, 'Asia/Ho_Chi_Minh'))).toBe('12 янв. 2026 г., 13:00');
  });

  it('returns what it was given when that is not a moment', () => {
    expect(formatDateTime('en', 'soon')).toBe('soon');
  });
});

describe("the reader's time zone, in a console request", () => {
  // What the session middleware sets from the reader's setting, read through Hono's context storage.
  const app = new Hono<ConsoleEnv>();
  app.use(contextStorage());
  app.use(async (c, next) => {
    c.set('timeZone', 'Asia/Vladivostok');
    await next();
  });
  app.get('/', (c) =>
    c.json({
      moment: formatDateTime('en', '2026-01-12T20:00:00.000Z'),
      dayOfMoment: formatDate('en', '2026-01-12T20:00:00.000Z'),
      storedDay: formatDate('en', '2026-01-12'),
      eventTime: formatDateTime('en', '2026-01-12T20:00:00.000Z', 'Europe/Moscow'),
    }),
  );

  it('shows moments in it, a stored date as that day, and a zone given as that zone', async () => {
    const shown = (await (await app.request('/')).json()) as Record<string, string>;
    // Vladivostok is UTC+10: 20:00 UTC on the 12th is 06:00 on the 13th there.
    expect(Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, plain(v)]))).toEqual({
      moment: '13 Jan 2026, 06:00',
      dayOfMoment: '13 Jan 2026',
      storedDay: '12 Jan 2026',
      eventTime: '12 Jan 2026, 23:00',
    });
  });

  it('is UTC outside a request', () => {
    expect(plain(formatDate('en', '2026-01-12T20:00:00.000Z'))).toBe('12 Jan 2026');
  });

  it('is UTC, and says so, for a zone this ICU does not know (the session stores what was chosen)', async () => {
    const unknown = new Hono<ConsoleEnv>();
    unknown.use(contextStorage());
    unknown.get('/', (c) => {
      c.set('timeZone', 'Mars/Olympus');
      return c.json({ zone: readerTimeZone(), moment: formatDateTime('en', '2026-01-12T20:00:00.000Z') });
    });
    const shown = (await (await unknown.request('/')).json()) as Record<string, string>;
    expect({ ...shown, moment: plain(shown.moment ?? '') }).toEqual({
      zone: 'UTC',
      moment: '12 Jan 2026, 20:00 UTC',
    });
  });
});
