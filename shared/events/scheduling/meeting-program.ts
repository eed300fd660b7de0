import type { Highs, ModelData } from 'highs';
import type { Assignment } from './greedy-schedule.ts';
import { resourceLayout, type SchedulingProblem } from './schedule-problem.ts';

/**
 * The integer program, built straight into HiGHS's sparse arrays (no LP text to write and parse):
 * one binary per request and option, that is (slot) or (slot, interpreter group);
 *   each request at most once;
 *   per participant and slot, at most the delegates left;
 *   per slot, at most the tables left;
 *   per interpreter group and slot, at most the interpreters left.
 * A row that cannot bind (no more options touch it than it allows) is left out; so is a request's row
 * when it has one option. Objective: a must-meeting weighs `problem.mustWeight`, one more than all
 * nice ones together, so the optimum places the most must-meetings, then the most meetings.
 */

export interface MeetingProgram {
  /** How many requests the problem has (some may have no column). */
  readonly requests: number;
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
  const { limits, resourcesOf } = resourceLayout(problem);
  const columns = problem.requests.reduce((n, request) => n + request.options.length, 0);
  const request = new Int32Array(columns);
  const option = new Int32Array(columns);
  const touching = new Int32Array(limits.length);
  let column = 0;
  problem.requests.forEach((req, r) => {
    req.options.forEach((_, o) => {
      request[column] = r;
      option[column] = o;
      column++;
      for (const key of resourcesOf(r, o)) touching[key]!++;
    });
  });

  // Rows: requests with two options or more, then the resources that can bind, in key order.
  const rowUpper: number[] = [];
  const requestRow = new Int32Array(problem.requests.length).fill(-1);
  problem.requests.forEach((req, r) => {
    if (req.options.length > 1) requestRow[r] = rowUpper.push(1) - 1;
  });
  const resourceRow = new Int32Array(limits.length).fill(-1);
  for (let key = 0; key < limits.length; key++)
    if (touching[key]! > limits[key]!) resourceRow[key] = rowUpper.push(limits[key]!) - 1;

  const cost = new Float64Array(columns);
  const starts = new Int32Array(columns + 1);
  const indices: number[] = [];
  for (let j = 0; j < columns; j++) {
    const r = request[j]!;
    cost[j] = problem.requests[r]!.must ? problem.mustWeight : 1;
    const rows = resourcesOf(r, option[j]!)
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
    requests: problem.requests.length,
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

const relaxed = ({ integrality: _, ...model }: ModelData, colCost: Float64Array): ModelData => ({
  ...model,
  colCost,
});

/**
 * An upper bound on the program with costs `cost` over its LP polytope, certified from any row duals
 * y, however accurate: for 0 ≤ Ax ≤ limits and 0 ≤ x ≤ 1, c·x = (c − Aᵀy)·x + y·Ax is at most
 * Σ max(0, y)·limits + Σ over columns max(0, cost − column·y). Whatever HiGHS's sign convention for a
 * maximisation's duals, both signs give a bound; the smaller is kept.
 */
function dualBound(program: MeetingProgram, cost: Float64Array, rowDual: Float64Array): number {
  const { starts, indices, rowUpper } = program;
  return Math.min(
    ...[1, -1].map((sign) => {
      let sum = 0;
      rowDual.forEach((value, row) => {
        sum += Math.max(0, sign * value) * rowUpper[row]!;
      });
      for (let j = 0; j < cost.length; j++) {
        let reduced = cost[j]!;
        for (let k = starts[j]!; k < starts[j + 1]!; k++) reduced -= sign * rowDual[indices[k]!]!;
        if (reduced > 0) sum += reduced;
      }
      return sum;
    }),
  );
}

export interface Relaxation {
  /** Per request, its option with the largest LP value (-1 when all are 0). */
  readonly start: Assignment;
  /** The requests of `start`, largest value first: the order to round them in. */
  readonly order: readonly number[];
  /** No schedule is worth more (objective values are integers). */
  readonly bound: number;
}

/**
 * The LP relaxation of the program (dual simplex), within `seconds`: its solution, to round, and its
 * bound. The relaxation is nearly integral here (at the large bench case 98 of 53,000 columns are
 * fractional), so rounding it in order of value and repairing often meets the bound, which proves the
 * schedule optimal with no branching. Undefined when it is not solved in time.
 */
export function relaxation(highs: Highs, program: MeetingProgram, seconds: number): Relaxation | undefined {
  const cost = Float64Array.from(program.model.colCost);
  return highs.withModel(relaxed(program.model, cost), (model) => {
    model.options.set({ ...QUIET, time_limit: Math.max(0.01, seconds) });
    if (model.run().modelStatus !== highs.constants.modelStatus.optimal) return undefined;
    const { colValue, rowDual } = model.getSolution();
    const best = new Float64Array(program.requests);
    const start = new Int32Array(program.requests).fill(-1);
    colValue.forEach((value, j) => {
      const r = program.request[j]!;
      if (value > best[r]! + 1e-9) {
        best[r] = value;
        start[r] = program.option[j]!;
      }
    });
    const order = [...start.keys()]
      .filter((r) => start[r]! >= 0)
      .sort((x, y) => best[y]! - best[x]! || x - y);
    // Schedule values are integers; the certificate is exact but for rounding in its sums.
    const bound = dualBound(program, cost, rowDual);
    return { start, order, bound: Math.floor(bound + 1e-9 * Math.max(1, bound)) };
  });
}

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
 * seconds), certified by `dualBound`. Rounded to 0.001; undefined when the solver does not converge
 * within `seconds`.
 */
export function countBound(highs: Highs, program: MeetingProgram, seconds: number): number | undefined {
  if (program.model.numCols === 0) return 0;
  const ones = new Float64Array(program.model.numCols).fill(1);
  return highs.withModel(relaxed(program.model, ones), (model) => {
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
    const bound = dualBound(program, ones, model.getSolution().rowDual);
    // Stopped early, the duals still bound the LP, but loosely: that is not its optimum.
    const objective = model.getObjectiveValue();
    return Math.abs(bound - objective) <= 1e-3 * Math.max(1, objective)
      ? Math.round(bound * 1000) / 1000
      : undefined;
  });
}
