import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../shared/console/i18n/format.ts';

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
