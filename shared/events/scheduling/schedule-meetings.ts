import { type Assignment, greedySchedule } from './greedy-schedule.ts';
import { discardHighsSolver, highsSolver } from './highs-solver.ts';
import { countBound, meetingProgram, solveProgram } from './meeting-program.ts';
import type { PlacedMeeting, ScheduleInstance, ScheduleResult } from './schedule-instance.ts';
import { NO_INTERPRETER, type SchedulingProblem, schedulingProblem } from './schedule-problem.ts';

/**
 * Places accepted meeting requests in (slot, table) pairs: the most must-meetings, then the most
 * meetings. Pure and deterministic: the same instance, in any order, gives the same result, unless a
 * time limit cuts the search short (then the result depends on how far the machine got).
 *
 * `exact` (the default): the integer program (meeting-program.ts) in HiGHS, started from the greedy
 * fill (greedy-schedule.ts), within 75% of the time limit; then the LP bound in what is left. Ended
 * by the limit with a solution, that solution is repaired greedily (optimal: false); without one, or
 * without HiGHS, the greedy fill is repaired instead (method: 'greedy'). `greedy`: only the latter.
 *
 * 20 s by default: under the 30 s an HTTP API waits for its Lambda, with room for the reads and writes
 * around the run. The bench's small case is proven optimal in about 3 s, the large one in about 10.
 */
export const DEFAULT_TIME_LIMIT_MS = 20_000;

export interface ScheduleOptions {
  timeLimitMs?: number;
  solver?: 'exact' | 'greedy';
}

/** Share of the time limit the integer program may use; the LP bound and the repair get the rest. */
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

/** The integer program's solution by `until`, or undefined when HiGHS is missing, fails or finds none. */
async function solveExactly(problem: SchedulingProblem, start: Assignment, until: number) {
  try {
    const highs = await highsSolver();
    const program = meetingProgram(problem, highs);
    const exact = solveProgram(highs, program, start, (until - performance.now()) / 1000);
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
