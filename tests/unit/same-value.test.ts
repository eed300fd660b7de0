import { describe, expect, it } from 'vitest';
import { sameValue } from '../../shared/domain/same-value.ts';
import type { HistoryEntry } from '../../shared/members/history-entry.ts';
import { historyEntryOf, historyItem } from '../../shared/members/member-items.ts';

describe('sameValue', () => {
  it('ignores the order of object keys, at every depth (DynamoDB returns maps in its own order)', () => {
    const written = { amount: 5, currency: 'RUB', consent: { granted: true, at: 'x', source: 'staff' } };
    const read = { consent: { source: 'staff', at: 'x', granted: true }, currency: 'RUB', amount: 5 };
    expect(JSON.stringify(written) === JSON.stringify(read)).toBe(false);
    expect(sameValue(written, read)).toBe(true);
  });

  it('treats a property set to undefined as absent (the document client drops it on write)', () => {
    expect(sameValue({ a: 1, phone: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([{ a: 1, b: undefined }], [{ a: 1 }])).toBe(true);
    expect(sameValue(undefined, undefined)).toBe(true);
  });

  it('still tells real differences apart: values, array order, null from absent, types', () => {
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: null }, {})).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
    expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 0 })).toBe(false);
  });
});

describe('history items', () => {
  it('hold an entry under its member and id, and give it back unchanged', () => {
    const entry: HistoryEntry = {
      id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
      memberId: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
      at: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'local-staff', role: 'staff' },
      action: 'update',
      changes: [{ field: 'description', old: 'a', new: 'b' }],
    };
    const item = historyItem(entry);
    expect(item).toMatchObject({
      pk: `HISTORY#MEMBER#${entry.memberId}`,
      sk: entry.id,
      type: 'auditEntry',
    });
    expect(historyEntryOf(item)).toEqual(entry);
  });
});
