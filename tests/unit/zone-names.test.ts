import { describe, expect, it } from 'vitest';
import { offeredTimeZones, zoneLabel } from '../../shared/events/zone-names.ts';

const june = Date.UTC(2027, 5, 1);

describe('zoneLabel', () => {
  it("names a zone by its place in the reader's language, with its offset from UTC", () => {
    expect(zoneLabel('Asia/Ho_Chi_Minh', 'vi', june)).toBe('Hà Nội, TP. Hồ Chí Minh (UTC+7)');
    expect(zoneLabel('Asia/Ho_Chi_Minh', 'ru', june)).toBe('Ханой, Хошимин (UTC+7)');
    expect(zoneLabel('Europe/Moscow', 'en', june)).toBe('Moscow (UTC+3)');
    // As Vietnamese writes it, and as the record names the city (domain/regions.ts).
    expect(zoneLabel('Europe/Moscow', 'vi', june)).toBe('Mát-xcơ-va (UTC+3)');
    expect(zoneLabel('Asia/Yangon', 'ru', june)).toBe('Янгон (UTC+6:30)');
    expect(zoneLabel('UTC', 'vi', june)).toBe('UTC');
  });

  it('has a place for every zone offered, in each language', () => {
    for (const zone of offeredTimeZones.filter((z) => z !== 'UTC')) {
      for (const locale of ['ru', 'vi', 'en'] as const) {
        expect(zoneLabel(zone, locale, june), `${zone} ${locale}`).toMatch(
          /^[^/]+ \(UTC[+−]\d{1,2}(:\d\d)?\)$/,
        );
      }
    }
  });

  it('shows a zone not offered by its IANA id and its offset, with the offset as of the day (summer time)', () => {
    expect(zoneLabel('America/Sao_Paulo', 'en', june)).toBe('America/Sao_Paulo (UTC−3)');
    expect(zoneLabel('Europe/Berlin', 'en', june)).toBe('Europe/Berlin (UTC+2)');
    expect(zoneLabel('Europe/Berlin', 'en', Date.UTC(2027, 0, 15))).toBe('Europe/Berlin (UTC+1)');
    expect(zoneLabel('Europe/London', 'en', Date.UTC(2027, 0, 15))).toBe('Europe/London (UTC)');
    expect(zoneLabel('Mars/Olympus', 'en', june)).toBe('Mars/Olympus');
  });
});
