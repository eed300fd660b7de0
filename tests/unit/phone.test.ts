import { describe, expect, it } from 'vitest';
import { phoneE164, phoneForReading, phonePattern } from '../../shared/domain/phone.ts';

describe('a phone number as people write it', () => {
  it('keeps the digits of an international number, whatever separates them', () => {
    expect(phoneE164('+7 (423) 222-33-44')).toBe('+74232223344');
    expect(phoneE164('+84 912.345.678')).toBe('+84912345678');
    expect(phoneE164('0049 30 1234567')).toBe('+49301234567');
    expect(phoneE164('+7\u00a0423\u00a0222\u201133\u201144')).toBe('+74232223344');
    expect(phoneE164('+84 (0) 912 345 678')).toBe('+84912345678');
  });

  it('reads a number dialled at home by the company’s country', () => {
    expect(phoneE164('8 (423) 222-33-44', 'RU')).toBe('+74232223344');
    expect(phoneE164('0912 345 678', 'VN')).toBe('+84912345678');
    expect(phoneE164('028 3822 1234', 'VN')).toBe('+842838221234');
  });

  it('leaves what it cannot read for the schema to refuse', () => {
    for (const [written, country] of [
      ['8 423 222-33-44', undefined],
      ['8 423 222', 'RU'],
      ['0912 345 678', 'TH'],
      ['tel. 222-33-44', 'RU'],
    ] as const) {
      expect(phonePattern.test(phoneE164(written, country)), written).toBe(false);
    }
  });

  it('groups a Russian or Vietnamese number as it is written there, and leaves any other as stored', () => {
    expect(phoneForReading('+79807207729')).toBe('+7 980 720-77-29');
    expect(phoneForReading('+84912345678')).toBe('+84 912 345 678');
    expect(phoneForReading('+842838221234')).toBe('+84 28 3822 1234');
    expect(phoneForReading('+842033821234')).toBe('+84 203 382 1234');
    expect(phoneForReading('+49301234567')).toBe('+49301234567');
    // Read back, each is the number it came from.
    for (const stored of ['+79807207729', '+84912345678', '+842838221234', '+842033821234']) {
      expect(phoneE164(phoneForReading(stored))).toBe(stored);
    }
  });
});
