/**
 * The 1:1 meeting scheduler: hand instances with known answers, then random ones, on which neither the
 * integer program nor the greedy fallback may ever break a rule (check-schedule.ts), and the program
 * places at least what the fallback does. Last, the bench's small case, which the program must prove.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallCase } from '../../bench/schedule-instances.ts';
import { scheduleViolations } from '../../shared/events/scheduling/check-schedule.ts';
import { highsSolver } from '../../shared/events/scheduling/highs-solver.ts';
import { meetingProgram, relaxation, solveProgram } from '../../shared/events/scheduling/meeting-program.ts';
import type {
  PlacedMeeting,
  ScheduleInstance,
  ScheduleParticipant,
  ScheduleRequest,
  ScheduleResult,
} from '../../shared/events/scheduling/schedule-instance.ts';
import { scheduleMeetings } from '../../shared/events/scheduling/schedule-meetings.ts';
import {
  type SchedulingProblem,
  scheduleValue,
  schedulingProblem,
} from '../../shared/events/scheduling/schedule-problem.ts';

const firm = (id: string, languages: string[], capacity: Record<string, number>): ScheduleParticipant => ({
  id,
  languages,
  capacity,
});
const request = (id: string, a: string, b: string, priority: 'must' | 'nice' = 'nice'): ScheduleRequest => ({
  id,
  a,
  b,
  priority,
});
const instance = (parts: Partial<ScheduleInstance>): ScheduleInstance => ({
  slots: ['s1', 's2'],
  tables: ['T1', 'T2'],
  participants: [],
  requests: [],
  interpreters: [],
  fixed: [],
  ...parts,
});

/** Meetings as `request@slot` (and `/interpreter`), for readable expectations. */
const where = (result: ScheduleResult) =>
  result.placed.map((m) => `${m.requestId}@${m.slot}${m.interpreter ? `/${m.interpreter}` : ''}`);
const reasons = (result: ScheduleResult) =>
  Object.fromEntries(result.unplaced.map((u) => [u.requestId, u.reason]));

async function solved(problem: ScheduleInstance, solver: 'exact' | 'greedy' = 'exact') {
  const result = await scheduleMeetings(problem, { solver });
  expect(scheduleViolations(problem, result)).toEqual([]);
  return result;
}

describe('scheduleMeetings on hand instances', () => {
  it('finds what filling slot by slot misses: the firm with one slot gets it', async () => {
    // Filling s1 first, request by request, puts A–C there and leaves A–B (B is only in s1) nowhere.
    const problem = instance({
      participants: [
        firm('A', ['en'], { s1: 1, s2: 1 }),
        firm('B', ['en'], { s1: 1 }),
        firm('C', ['en'], { s1: 1, s2: 1 }),
      ],
      requests: [request('R1', 'A', 'C'), request('R2', 'A', 'B')],
    });
    const slotBySlot = fillSlotBySlot(problem);
    expect(slotBySlot).toEqual(['R1@s1']);
    const result = await solved(problem);
    expect(where(result)).toEqual(['R2@s1', 'R1@s2']);
    expect(result).toMatchObject({ method: 'exact', optimal: true, unplaced: [] });
    expect(result.bounds).toEqual({ lp: 2, simple: 2 });
  });

  it('places one must-meeting before two nice ones that it blocks', async () => {
    const problem = instance({
      slots: ['s1'],
      tables: ['T1', 'T2', 'T3'],
      participants: [
        firm('A', ['en'], { s1: 1 }),
        firm('B', ['en'], { s1: 1 }),
        firm('C', ['en'], { s1: 1 }),
        firm('D', ['en'], { s1: 1 }),
      ],
      requests: [request('R1', 'A', 'C'), request('R2', 'B', 'D'), request('R3', 'A', 'B', 'must')],
    });
    const result = await solved(problem);
    expect(where(result)).toEqual(['R3@s1']);
    expect(reasons(result)).toEqual({ R1: 'no-room', R2: 'no-room' });
    expect(result.optimal).toBe(true);
    // Two meetings were possible: the LP bound counts meetings, whatever their priority.
    expect(result.bounds.lp).toBe(2);
  });

  it('seats a pair without a common language only with a free interpreter who covers them', async () => {
    const problem = instance({
      tables: ['T1', 'T2', 'T3'],
      participants: [
        firm('RU1', ['ru'], { s1: 1, s2: 1 }),
        firm('RU2', ['ru', 'en'], { s1: 1, s2: 1 }),
        firm('VN1', ['vi'], { s1: 1, s2: 1 }),
        firm('VN2', ['vi'], { s1: 1, s2: 1 }),
        firm('DE', ['de'], { s1: 1, s2: 1 }),
        firm('VN3', ['vi'], { s2: 1 }),
      ],
      requests: [
        request('R1', 'RU1', 'VN1'),
        request('R2', 'RU2', 'VN2'),
        request('R3', 'DE', 'VN1'),
        request('R4', 'RU1', 'VN3'),
      ],
      // One interpreter, in s1 only: R1 and R2 compete for her; R4's sides meet only in s2.
      interpreters: [{ id: 'I1', pairs: [['vi', 'ru']], slots: ['s1'] }],
    });
    const result = await solved(problem);
    expect(where(result)).toEqual(['R1@s1/I1']);
    expect(reasons(result)).toEqual({ R2: 'no-room', R3: 'no-interpreter', R4: 'no-interpreter' });
  });

  it('tells a pair that attends no slot together', async () => {
    const problem = instance({
      participants: [firm('A', ['en'], { s1: 1 }), firm('B', ['en'], { s2: 2 }), firm('C', ['en'], {})],
      requests: [request('R1', 'A', 'B'), request('R2', 'B', 'C')],
    });
    const result = await solved(problem);
    expect(result.placed).toEqual([]);
    expect(reasons(result)).toEqual({ R1: 'no-common-slot', R2: 'no-common-slot' });
    // The simple bound counts requests and delegate-slots, not slots in common.
    expect(result).toMatchObject({ optimal: true, bounds: { lp: 0, simple: 1 } });
  });

  it('keeps fixed meetings: their delegates, table and interpreter are taken, and they are not repeated', async () => {
    const fixed: PlacedMeeting = { requestId: 'R1', slot: 's1', table: 'T1', interpreter: 'I1' };
    const problem = instance({
      participants: [
        firm('RU', ['ru'], { s1: 1, s2: 1 }),
        firm('VN', ['vi'], { s1: 1, s2: 1 }),
        firm('VN2', ['vi'], { s1: 1, s2: 1 }),
        firm('EN1', ['en'], { s1: 1 }),
        firm('EN2', ['en'], { s1: 1 }),
      ],
      requests: [
        request('R1', 'RU', 'VN'),
        request('R2', 'RU', 'VN2'),
        request('R3', 'VN', 'EN1'),
        request('R4', 'EN1', 'EN2'),
      ],
      interpreters: [{ id: 'I1', pairs: [['ru', 'vi']], slots: ['s1', 's2'] }],
      fixed: [fixed],
    });
    const result = await solved(problem);
    // RU and I1 are busy in s1, so R2 goes to s2; T1 is taken in s1, so R4 sits at T2.
    expect(result.placed).toEqual([
      { requestId: 'R4', slot: 's1', table: 'T2' },
      { requestId: 'R2', slot: 's2', table: 'T1', interpreter: 'I1' },
    ]);
    expect(result.unplaced).toEqual([{ requestId: 'R3', reason: 'no-interpreter' }]);
    // A result that ignores the fixed meeting is caught by the check.
    const clash = { ...result, placed: [{ requestId: 'R4', slot: 's1', table: 'T1' }] };
    expect(scheduleViolations(problem, clash)).toContain('R4 at s1/T1: the table is taken in s1');
  });

  it('lets a firm with two delegates in a slot hold two meetings in it, at two tables', async () => {
    const problem = instance({
      slots: ['s1'],
      participants: [
        firm('A', ['en'], { s1: 2 }),
        firm('B', ['en'], { s1: 1 }),
        firm('C', ['en'], { s1: 1 }),
      ],
      requests: [request('R1', 'A', 'B'), request('R2', 'A', 'C')],
    });
    const result = await solved(problem);
    expect(result.placed).toEqual([
      { requestId: 'R1', slot: 's1', table: 'T1' },
      { requestId: 'R2', slot: 's1', table: 'T2' },
    ]);
    const overbooked = {
      ...result,
      placed: [...result.placed, { requestId: 'R2', slot: 's1', table: 'T3' }],
    };
    expect(scheduleViolations({ ...problem, tables: ['T1', 'T2', 'T3'] }, overbooked)).toEqual([
      'R2 at s1/T3: the request is placed twice',
      'R2 at s1/T3: A has no delegate free in s1',
      'R2 at s1/T3: C has no delegate free in s1',
    ]);
  });

  it('gives the same result twice, and for the same instance in another order', async () => {
    const problem = smallCase();
    const reordered: ScheduleInstance = {
      ...problem,
      participants: [...problem.participants].reverse(),
      requests: [...problem.requests].reverse(),
      interpreters: [...problem.interpreters].reverse(),
    };
    for (const solver of ['exact', 'greedy'] as const) {
      const first = await scheduleMeetings(problem, { solver });
      expect(await scheduleMeetings(problem, { solver })).toEqual(first);
      expect(await scheduleMeetings(reordered, { solver })).toEqual(first);
    }
  });

  it('refuses an instance that names a participant it does not have', async () => {
    const problem = instance({ participants: [firm('A', ['en'], {})], requests: [request('R1', 'A', 'B')] });
    await expect(scheduleMeetings(problem)).rejects.toThrow(/R1 must name two different known participants/);
  });
});

describe('scheduleMeetings on random instances', () => {
  it('never breaks a rule, exact or greedy; the exact one places at least as much, and keeps what it fixed', async () => {
    const highs = await highsSolver();
    await fc.assert(
      fc.asyncProperty(randomInstance, async (problem) => {
        const exact = await scheduleMeetings(problem);
        const greedy = await scheduleMeetings(problem, { solver: 'greedy' });
        expect(scheduleViolations(problem, exact)).toEqual([]);
        expect(scheduleViolations(problem, greedy)).toEqual([]);
        expect(exact).toMatchObject({ method: 'exact', optimal: true });
        expect(score(problem, exact.placed)).toBeGreaterThanOrEqual(score(problem, greedy.placed));
        // Most of these are proven by the rounded LP meeting its bound: branching agrees.
        const indexed = schedulingProblem(problem);
        const program = meetingProgram(indexed, highs);
        const branched = solveProgram(highs, program, new Int32Array(indexed.requests.length).fill(-1), 10)!;
        expect(branched.optimal).toBe(true);
        expect(worth(indexed, exact.placed)).toBe(scheduleValue(indexed, branched.assignment));
        expect(relaxation(highs, program, 10)?.bound ?? 0).toBeGreaterThanOrEqual(
          worth(indexed, exact.placed),
        );
        expect(exact.placed.length).toBeLessThanOrEqual(
          Math.min(exact.bounds.simple, exact.bounds.lp! + 1e-6),
        );

        // Re-run with every other meeting confirmed: they stay, and the rest fits again as well.
        const fixed = exact.placed.filter((_, i) => i % 2 === 0);
        const again = { ...problem, fixed };
        const rerun = await scheduleMeetings(again);
        expect(scheduleViolations(again, rerun)).toEqual([]);
        expect(score(problem, [...fixed, ...rerun.placed])).toBe(score(problem, exact.placed));
      }),
      { numRuns: 150 },
    );
  });
});

describe('scheduleMeetings out of time', () => {
  it('still returns a valid schedule, not claimed optimal', async () => {
    const problem = smallCase();
    const result = await scheduleMeetings(problem, { timeLimitMs: 1 });
    expect(scheduleViolations(problem, result)).toEqual([]);
    expect(result.optimal).toBe(false);
    expect(result.placed.length).toBeGreaterThan(0);
  });
});

describe('the bench small case (40 firms, 300 requests, 12 slots, 20 tables)', () => {
  it('is proven optimal, and places at least what the greedy fallback does', async () => {
    const problem = smallCase();
    const exact = await solved(problem);
    const greedy = await solved(problem, 'greedy');
    expect(exact).toMatchObject({ method: 'exact', optimal: true });
    expect(exact.placed.length + exact.unplaced.length).toBe(300);
    expect(score(problem, exact.placed)).toBeGreaterThanOrEqual(score(problem, greedy.placed));
    expect(exact.placed.length).toBeLessThanOrEqual(exact.bounds.lp!);
    expect(exact.placed.length).toBeLessThanOrEqual(exact.bounds.simple);
  }, 20_000);
});

/** `scheduleValue` of placed meetings. */
function worth(problem: SchedulingProblem, placed: readonly PlacedMeeting[]): number {
  const must = new Set(problem.requests.filter((r) => r.must).map((r) => r.id));
  return placed.reduce((sum, m) => sum + (must.has(m.requestId) ? problem.mustWeight : 1), 0);
}

/** Must-meetings first, then meetings: one number that orders results as the scheduler does. */
function score(problem: ScheduleInstance, placed: readonly PlacedMeeting[]): number {
  const must = new Set(problem.requests.filter((r) => r.priority === 'must').map((r) => r.id));
  const musts = placed.filter((m) => must.has(m.requestId)).length;
  return musts * (problem.requests.length + 1) + placed.length;
}

/** The naive alternative: slot by slot, each request in id order where it fits (no interpreters). */
function fillSlotBySlot(problem: ScheduleInstance): string[] {
  const done = new Set<string>();
  const placed: string[] = [];
  for (const slot of problem.slots) {
    const busy = new Map<string, number>();
    let tables = problem.tables.length;
    for (const r of problem.requests) {
      const free = (id: string) =>
        (problem.participants.find((p) => p.id === id)?.capacity[slot] ?? 0) > (busy.get(id) ?? 0);
      if (done.has(r.id) || tables === 0 || !free(r.a) || !free(r.b)) continue;
      for (const id of [r.a, r.b]) busy.set(id, (busy.get(id) ?? 0) + 1);
      tables--;
      done.add(r.id);
      placed.push(`${r.id}@${slot}`);
    }
  }
  return placed;
}

const SLOTS = ['s1', 's2', 's3', 's4'];
const LANGUAGE_PAIRS: [string, string][] = [
  ['ru', 'vi'],
  ['vi', 'en'],
  ['ru', 'en'],
  ['ru', 'de'],
];

/** 2–7 firms, 1–4 slots, 1–4 tables, up to 3 interpreters, requests on distinct pairs. */
const randomInstance = fc
  .record({
    slots: fc.integer({ min: 1, max: 4 }),
    tables: fc.integer({ min: 1, max: 4 }),
    firms: fc.array(
      fc.record({
        // Mostly one language each, so that many pairs need an interpreter.
        languages: fc.oneof(
          fc.constantFrom<string[]>(['ru'], ['vi'], ['en']),
          fc.subarray(['ru', 'vi', 'en', 'de'], { minLength: 1 }),
        ),
        capacity: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 2, maxLength: 7 },
    ),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 21 }),
    interpreters: fc.array(
      fc.record({
        pairs: fc.subarray(LANGUAGE_PAIRS, { minLength: 1 }),
        slots: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ slots: slotCount, tables, firms, pairs, interpreters }): ScheduleInstance => {
    const slots = SLOTS.slice(0, slotCount);
    const participants = firms.map((f, i) =>
      firm(`F${i}`, f.languages, Object.fromEntries(slots.map((slot, s) => [slot, f.capacity[s]!]))),
    );
    const seen = new Set<string>();
    const requests: ScheduleRequest[] = [];
    for (const [x, y, must] of pairs) {
      const a = x % firms.length;
      const b = y % firms.length;
      const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      requests.push(request(`R${requests.length}`, `F${a}`, `F${b}`, must ? 'must' : 'nice'));
    }
    return {
      slots,
      tables: Array.from({ length: tables }, (_, t) => `T${t + 1}`),
      participants,
      requests,
      interpreters: interpreters.map((i, n) => ({
        id: `I${n}`,
        pairs: i.pairs,
        slots: slots.filter((_, s) => i.slots[s]),
      })),
      fixed: [],
    };
  });
