import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/events/event-schema.ts';
import { delegateHandovers } from '../../shared/events/participant-changes.ts';

const A = '01KB00000000000000000000AA';
const B = '01KB00000000000000000000BB';
const C = '01KB00000000000000000000CC';

function meeting(id: string, slot: string, delegate: string, other = B): Meeting {
  return {
    id,
    a: A,
    b: other,
    topic: 'energy',
    countryPair: 'RU-VN',
    priority: 'must',
    slot,
    table: 'T1',
    delegates: { [A]: delegate, [other]: 'other-side' },
    state: 'confirmed',
    forced: false,
    outcomes: {},
    version: 1,
    createdAt: '2027-03-01T00:00:00Z',
    updatedAt: '2027-03-01T00:00:00Z',
  };
}

const delegate = (contactId: string, slots: string[]) => ({
  contactId,
  name: contactId,
  language: 'ru' as const,
  slots,
});

describe('delegateHandovers', () => {
  it('keeps a meeting with its delegate where that delegate still comes to its slot', () => {
    const m = meeting('m1', 's1', 'd1');
    expect(delegateHandovers([m], A, { slots: ['s1'], delegates: [delegate('d1', ['s1'])] })).toEqual({
      moved: [],
      unplaced: [],
    });
  });

  it('hands a meeting to a delegate kept who attends its slot and has no other meeting then', () => {
    const busy = meeting('m1', 's1', 'd2');
    const orphan = meeting('m2', 's1', 'd1', C);
    const later = meeting('m3', 's2', 'd1');
    const result = delegateHandovers([busy, orphan, later], A, {
      slots: ['s1', 's2'],
      delegates: [delegate('d2', ['s1', 's2']), delegate('d3', ['s1'])],
    });
    expect(result.moved.map((h) => [h.meeting.id, h.contactId])).toEqual([
      ['m2', 'd3'],
      ['m3', 'd2'],
    ]);
    expect(result.unplaced).toEqual([]);
  });

  it('leaves unplaced a meeting no delegate can take, and one in a slot the company left', () => {
    const taken = meeting('m1', 's1', 'd2');
    const orphan = meeting('m2', 's1', 'd1', C);
    const left = meeting('m3', 's3', 'd2');
    const result = delegateHandovers([taken, orphan, left], A, {
      slots: ['s1', 's2'],
      delegates: [delegate('d2', ['s1', 's2'])],
    });
    expect(result.moved).toEqual([]);
    expect(result.unplaced.map((m) => m.id)).toEqual(['m3', 'm2']);
  });

  it('hands nothing to a delegate busy in a meeting already held in that slot, nor to one who left the slot', () => {
    const held = { ...meeting('m1', 's1', 'd2'), state: 'held' as const };
    const orphan = meeting('m2', 's1', 'd1', C);
    const elsewhere = meeting('m3', 's2', 'd3');
    const result = delegateHandovers(
      [orphan, elsewhere],
      A,
      {
        slots: ['s1', 's2'],
        delegates: [delegate('d2', ['s1', 's2']), delegate('d3', ['s1'])],
      },
      [held],
    );
    expect(result.moved.map((h) => [h.meeting.id, h.contactId])).toEqual([
      ['m2', 'd3'],
      ['m3', 'd2'],
    ]);
    expect(
      delegateHandovers([orphan], A, { slots: ['s1'], delegates: [delegate('d2', ['s1'])] }, [held]).unplaced,
    ).toEqual([orphan]);
  });
});
