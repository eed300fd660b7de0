import { type Assignment, greedySchedule } from './greedy-schedule.ts';
import { discardHighsSolver, highsSolver } from './highs-solver.ts';
import { countBound, meetingProgram, relaxation, solveProgram } from './meeting-program.ts';
import type { PlacedMeeting, ScheduleInstance, ScheduleResult } from './schedule-instance.ts';
import {
  NO_INTERPRETER,
  type SchedulingProblem,
  scheduleValue,
  schedulingProblem,
} from './schedule-problem.ts';

/**
 * Places accepted meeting requests in (slot, table) pairs: the most must-meetings, then the most
 * meetings. Pure and deterministic: the same instance, in any order, gives the same result, unless a
 * time limit cuts the search short (then the result depends on how far the machine got).
 *
 * `exact` (the default), in HiGHS (meeting-program.ts), within 75% of the time limit: the LP relaxation
 * first, rounded in order of value and repaired (greedy-schedule.ts); if that meets the relaxation's
 * bound it is optimal, otherwise the integer program starts from it, or from the greedy fill if that
 * is better. Ended by the limit with a solution, that solution is repaired (optimal: false). Then, in
 * what is left, the LP bound on the number of meetings. Without HiGHS, or if it fails, the greedy fill
 * is repaired instead (method: 'greedy'); `greedy` asks for only that.
 *
 * 20 s by default: under the 30 s an HTTP API waits for its Lambda, with room for the reads and writes
 * around the run. The bench's cases are proven optimal in about 1 s (small) and 5 s (large, 3 of them
 * for the LP bound) on a 2-CPU machine.
 */
export const DEFAULT_TIME_LIMIT_MS = 20_000;

export interface ScheduleOptions {
  timeLimitMs?: number;
  solver?: 'exact' | 'greedy';
}

/** Share of the time limit for the relaxation and the integer program; the LP bound gets the rest. */
const PROGRAM_SHARE = 0.75;

export async function scheduleMeetings(
  instance: ScheduleInstance,
  options: ScheduleOptions = {},
): Promise<ScheduleResult> {
  const started = performance.now();
  const limitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = started + limitMs;
  const problem = schedulingProblem(instance);
  const simple = simpleBound(problem);
  const fill = greedySchedule(problem, { deadline, work: 0 });
  const fallback = () =>
    resultOf(problem, greedySchedule(problem, { deadline, start: fill }), 'greedy', false, { simple });
  if (options.solver === 'greedy') return fallback();

  const solved = await solveExactly(problem, fill, started + limitMs * PROGRAM_SHARE);
  if (!solved) return fallback();
  const { highs, program, exact } = solved;
  // Proven optimal, nothing is left to add: the pass only checks it. Otherwise it repairs.
  const placed = greedySchedule(problem, {
    deadline,
    start: exact.assignment,
    ...(exact.optimal ? { work: 0 } : {}),
  });
  let lp: number | undefined;
  try {
    lp = countBound(highs, program, (deadline - performance.now()) / 1000);
  } catch {
    discardHighsSolver();
  }
  return resultOf(problem, placed, 'exact', exact.optimal, { ...(lp === undefined ? {} : { lp }), simple });
}

/** The best schedule HiGHS helps find by `until`, or undefined when it is missing or fails. */
async function solveExactly(problem: SchedulingProblem, fill: Assignment, until: number) {
  const seconds = () => (until - performance.now()) / 1000;
  try {
    const highs = await highsSolver();
    const program = meetingProgram(problem, highs);
    const relaxed = relaxation(highs, program, seconds());
    let start = fill;
    if (relaxed) {
      const rounded = greedySchedule(problem, {
        deadline: until,
        start: relaxed.start,
        startOrder: relaxed.order,
        bound: relaxed.bound,
      });
      if (scheduleValue(problem, rounded) >= relaxed.bound)
        return { highs, program, exact: { assignment: rounded, optimal: true } };
      if (scheduleValue(problem, rounded) > scheduleValue(problem, fill)) start = rounded;
    }
    const exact = solveProgram(highs, program, start, seconds());
    return exact && { highs, program, exact };
  } catch {
    // A Wasm abort leaves the module unusable: the next run loads a fresh one.
    discardHighsSolver();
    return undefined;
  }
}

/** min(requests, ½ Σ over firms of min(its requests, its delegate-slots left)). */
function simpleBound(problem: SchedulingProblem): number {
  const S = problem.slots.length;
  const requests = new Int32Array(problem.participants.length);
  for (const { a, b } of problem.requests) {
    requests[a]!++;
    requests[b]!++;
  }
  let sum = 0;
  requests.forEach((count, p) => {
    let delegateSlots = 0;
    for (let s = 0; s < S; s++) delegateSlots += problem.capacity[p * S + s]!;
    sum += Math.min(count, delegateSlots);
  });
  return Math.min(problem.requests.length, Math.floor(sum / 2));
}

/**
 * The meetings of an assignment with their tables and interpreters: in each slot, by request id, the
 * first tables (in the instance's order) and interpreters (by id) the fixed meetings left free.
 */
function resultOf(
  problem: SchedulingProblem,
  assignment: Assignment,
  method: ScheduleResult['method'],
  optimal: boolean,
  bounds: ScheduleResult['bounds'],
): ScheduleResult {
  const S = problem.slots.length;
  const tablesUsed = new Int32Array(S);
  const interpretersUsed = new Int32Array(problem.freeInterpreters.length);
  const placed: { meeting: PlacedMeeting; slot: number; table: number }[] = [];
  const unplaced: ScheduleResult['unplaced'][number][] = [];
  const tableOrder = new Map(problem.instance.tables.map((id, index) => [id, index]));
  problem.requests.forEach((request, r) => {
    const option = assignment[r]!;
    if (option < 0) {
      unplaced.push({ requestId: request.id, reason: request.alone ?? 'no-room' });
      return;
    }
    const { slot, interpreter } = request.options[option]!;
    const table = problem.freeTables[slot]![tablesUsed[slot]!++]!;
    const meeting: PlacedMeeting = {
      requestId: request.id,
      slot: problem.slots[slot]!,
      table,
      ...(interpreter === NO_INTERPRETER
        ? {}
        : {
            interpreter:
              problem.freeInterpreters[interpreter * S + slot]![interpretersUsed[interpreter * S + slot]!++]!,
          }),
    };
    placed.push({ meeting, slot, table: tableOrder.get(table)! });
  });
  placed.sort((x, y) => x.slot - y.slot || x.table - y.table);
  return { placed: placed.map((p) => p.meeting), unplaced, method, optimal, bounds };
}
