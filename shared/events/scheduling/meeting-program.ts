import type { Highs, ModelData } from 'highs';
import type { Assignment } from './greedy-schedule.ts';
import { NO_INTERPRETER, type SchedulingProblem } from './schedule-problem.ts';

/**
 * The integer program, built straight into HiGHS's sparse arrays (no LP text to write and parse):
 * one binary per request and option, that is (slot) or (slot, interpreter group);
 *   each request at most once;
 *   per participant and slot, at most the delegates left;
 *   per slot, at most the tables left;
 *   per interpreter group and slot, at most the interpreters left.
 * A row that cannot bind (no more options touch it than it allows) is left out; so is a request's row
 * when it has one option. Objective: a must-meeting weighs one more than all nice ones together, so
 * the optimum places the most must-meetings, then the most meetings.
 */

export interface MeetingProgram {
  /** Per column: its request and option. */
  readonly request: Int32Array;
  readonly option: Int32Array;
  /** The sparse columns (every coefficient is 1) and the rows' upper bounds (their lower ones are 0). */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly rowUpper: Float64Array;
  readonly model: ModelData;
}

export function meetingProgram(problem: SchedulingProblem, highs: Highs): MeetingProgram {
  const S = problem.slots.length;
  const P = problem.participants.length;
  const groups = problem.interpreterGroups.length;
  // Resource keys: participant-slots, then slots (tables), then group-slots.
  const tableKey = P * S;
  const groupKey = tableKey + S;
  const limit = new Int32Array(groupKey + groups * S);
  limit.set(problem.capacity, 0);
  limit.set(problem.tables, tableKey);
  problem.freeInterpreters.forEach((ids, gs) => {
    limit[groupKey + gs] = ids.length;
  });
  const columns = problem.requests.reduce((n, request) => n + request.options.length, 0);
  const request = new Int32Array(columns);
  const option = new Int32Array(columns);
  const touching = new Int32Array(limit.length);
  const keysOf = (r: number, o: number): number[] => {
    const { a, b, options } = problem.requests[r]!;
    const { slot, interpreter } = options[o]!;
    const keys = [a * S + slot, b * S + slot, tableKey + slot];
    if (interpreter !== NO_INTERPRETER) keys.push(groupKey + interpreter * S + slot);
    return keys;
  };
  let column = 0;
  problem.requests.forEach((req, r) => {
    req.options.forEach((_, o) => {
      request[column] = r;
      option[column] = o;
      column++;
      for (const key of keysOf(r, o)) touching[key]!++;
    });
  });

  // Rows: requests with two options or more, then the resources that can bind, in key order.
  const rowUpper: number[] = [];
  const requestRow = new Int32Array(problem.requests.length).fill(-1);
  problem.requests.forEach((req, r) => {
    if (req.options.length > 1) requestRow[r] = rowUpper.push(1) - 1;
  });
  const resourceRow = new Int32Array(limit.length).fill(-1);
  for (let key = 0; key < limit.length; key++)
    if (touching[key]! > limit[key]!) resourceRow[key] = rowUpper.push(limit[key]!) - 1;

  const niceWeight = 1;
  const mustWeight = problem.requests.filter((req) => !req.must && req.options.length > 0).length + 1;
  const cost = new Float64Array(columns);
  const starts = new Int32Array(columns + 1);
  const indices: number[] = [];
  for (let j = 0; j < columns; j++) {
    const r = request[j]!;
    cost[j] = problem.requests[r]!.must ? mustWeight : niceWeight;
    const rows = keysOf(r, option[j]!)
      .map((key) => resourceRow[key]!)
      .concat(requestRow[r]!)
      .filter((row) => row >= 0)
      .sort((x, y) => x - y);
    indices.push(...rows);
    starts[j + 1] = indices.length;
  }
  const numRows = rowUpper.length;
  const rows = Int32Array.from(indices);
  const upper = Float64Array.from(rowUpper);
  return {
    request,
    option,
    starts,
    indices: rows,
    rowUpper: upper,
    model: {
      numCols: columns,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: cost,
      colLower: new Float64Array(columns),
      colUpper: new Float64Array(columns).fill(1),
      rowLower: new Float64Array(numRows),
      rowUpper: upper,
      matrix: {
        format: 'csc',
        numRows,
        numCols: columns,
        starts,
        indices: rows,
        values: new Float64Array(rows.length).fill(1),
      },
      integrality: new Int32Array(columns).fill(highs.constants.variableType.integer),
    },
  };
}

/** Options that make a run repeatable: HiGHS in Wasm is single-threaded; the seed fixes its choices. */
const QUIET = { output_flag: false, random_seed: 0 } as const;

export interface ExactSolution {
  readonly assignment: Assignment;
  readonly optimal: boolean;
}

/**
 * Solves the program within `seconds`, starting from `start` (a feasible assignment, so the solver
 * has an incumbent from its first node). Undefined when it ends without a feasible solution.
 */
export function solveProgram(
  highs: Highs,
  program: MeetingProgram,
  start: Assignment,
  seconds: number,
): ExactSolution | undefined {
  if (program.model.numCols === 0) return { assignment: start.slice(), optimal: true };
  return highs.withModel(program.model, (model) => {
    model.options.set({ ...QUIET, mip_rel_gap: 0, time_limit: Math.max(0.01, seconds) });
    const startValues = new Float64Array(program.model.numCols);
    for (let j = 0; j < startValues.length; j++)
      if (start[program.request[j]!] === program.option[j]) startValues[j] = 1;
    model.setSolution({ colValue: startValues });
    const status = model.run().modelStatus;
    if (model.info.get('primal_solution_status') !== highs.constants.solutionStatus.feasible)
      return undefined;
    const values = model.getSolution().colValue;
    const assignment = new Int32Array(start.length).fill(-1);
    values.forEach((value, j) => {
      if (value > 0.5) assignment[program.request[j]!] = program.option[j]!;
    });
    return { assignment, optimal: status === highs.constants.modelStatus.optimal };
  });
}

/**
 * An upper bound on the number of meetings any schedule places: the LP relaxation of the program with
 * every meeting weighing 1, solved by the interior-point method without crossover (the count objective
 * is very degenerate: simplex takes about a minute at the large bench case, the interior point a few
 * seconds). The bound is certified from the row duals y ≥ 0, whatever their accuracy:
 * Σ limits·y + Σ over columns max(0, 1 − column·y). Rounded to 0.001; undefined when the solver does
 * not converge within `seconds`.
 */
export function countBound(highs: Highs, program: MeetingProgram, seconds: number): number | undefined {
  const { model: data, starts, indices, rowUpper } = program;
  if (data.numCols === 0) return 0;
  const { integrality: _, ...relaxed } = data;
  return highs.withModel({ ...relaxed, colCost: new Float64Array(data.numCols).fill(1) }, (model) => {
    // Presolve would drop rows and leave their duals at 0, too weak a certificate.
    model.options.set({
      ...QUIET,
      solver: 'ipm',
      run_crossover: 'off',
      presolve: 'off',
      time_limit: Math.max(0.01, seconds),
    });
    model.run();
    if (model.info.get('dual_solution_status') === highs.constants.solutionStatus.none) return undefined;
    const { rowDual } = model.getSolution();
    // Whatever HiGHS's sign convention for a maximisation's duals, any y ≥ 0 gives a bound.
    const bound = Math.min(
      ...[1, -1].map((sign) => {
        const y = Float64Array.from(rowDual, (value) => Math.max(0, sign * value));
        let sum = 0;
        y.forEach((value, row) => {
          sum += value * rowUpper[row]!;
        });
        for (let j = 0; j < data.numCols; j++) {
          let reduced = 1;
          for (let k = starts[j]!; k < starts[j + 1]!; k++) reduced -= y[indices[k]!]!;
          if (reduced > 0) sum += reduced;
        }
        return sum;
      }),
    );
    // Stopped early, the duals still bound the LP, but loosely: that is not its optimum.
    const objective = model.getObjectiveValue();
    return Math.abs(bound - objective) <= 1e-3 * Math.max(1, objective)
      ? Math.round(bound * 1000) / 1000
      : undefined;
  });
}
