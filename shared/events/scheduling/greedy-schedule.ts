import { NO_INTERPRETER, resourceLayout, type SchedulingProblem } from './schedule-problem.ts';

/**
 * The fallback when HiGHS is absent or out of time, and the repair of what it returns at its time
 * limit.
 *
 * Greedy: requests in the order of `fillOrder`, each in the option whose resources (both sides'
 * delegates, the slot's tables, the interpreters) are least wanted by the requests still unplaced, per
 * unit left; an unplaced request's demand is spread evenly over its options.
 *
 * Repair: an unplaced request whose options are all blocked evicts meetings that block one (one per
 * full resource, so at most three) and puts them elsewhere, each by the same move one level down;
 * a must-request may also push out nice meetings that find no other place. One level deep for every
 * request first, then two. Every move adds a meeting or trades nice ones for a must, so the result
 * only improves.
 *
 * Deterministic: the work is counted in option checks and bounded by `work`, so a run ends at the same
 * point on any machine; `deadline` (a `performance.now()` time) is only a safety net.
 */

/** Per request (in `problem.requests` order): the index of its chosen option, or -1. */
export type Assignment = Int32Array;

export interface GreedyLimits {
  deadline: number;
  /** Option checks allowed in the repair (default 2 million: 1–2 s at the large bench case). */
  work?: number;
  /** Placements to start from, each kept if it fits (e.g. the integer program's incumbent). */
  start?: Assignment;
  /** The order in which `start`'s placements are tried (by request by default). */
  startOrder?: readonly number[];
  /** A value (`scheduleValue`) no schedule exceeds: the repair stops once it is reached. */
  bound?: number;
}

const DEPTH = 2;
/** Meetings tried when a slot's tables are full (every meeting of the slot uses one). */
const TABLE_CANDIDATES = 8;

export function greedySchedule(problem: SchedulingProblem, limits: GreedyLimits): Assignment {
  const board = new Board(problem, limits);
  if (limits.start) board.load(limits.start, limits.startOrder ?? [...limits.start.keys()]);
  const order = fillOrder(problem);
  for (const r of order) if (board.chosen[r] === -1) board.placeBest(r);
  for (let depth = 1; depth <= DEPTH; depth++) {
    let progress = true;
    while (progress && !board.done()) {
      progress = false;
      for (const r of order) {
        if (board.chosen[r] !== -1) continue;
        if (board.done()) break;
        const mark = board.journal.length;
        if (board.augment(r, depth, problem.requests[r]!.must)) progress = true;
        else board.rollback(mark);
      }
    }
  }
  return board.chosen;
}

/**
 * Must-requests first, then nice ones; within each, requests between firms little asked for first.
 * A firm's load is its requests per delegate-slot; a must-request is ranked by the busier side's load
 * (so a busy firm's few places go to must-meetings that cost nobody else one), a nice one by the sum
 * (the total is what counts there). At the large bench case this places 19 must-meetings and 58
 * meetings more than ranking by options alone; ties go to fewer options, then request id.
 */
function fillOrder(problem: SchedulingProblem): number[] {
  const S = problem.slots.length;
  const asked = new Float64Array(problem.participants.length);
  for (const { a, b, options } of problem.requests) {
    if (options.length === 0) continue;
    asked[a]!++;
    asked[b]!++;
  }
  const load = asked.map((requests, p) => {
    let delegateSlots = 0;
    for (let s = 0; s < S; s++) delegateSlots += problem.capacity[p * S + s]!;
    return requests / Math.max(1, delegateSlots);
  });
  return problem.requests
    .map(({ a, b, must, options }, r) => ({
      r,
      must,
      options: options.length,
      rank: must ? Math.max(load[a]!, load[b]!) : load[a]! + load[b]!,
    }))
    .filter((entry) => entry.options > 0)
    .sort((x, y) => Number(y.must) - Number(x.must) || x.rank - y.rank || x.options - y.options || x.r - y.r)
    .map((entry) => entry.r);
}

type Step = { placed: boolean; r: number; option: number };

/** The schedule being built, with what each resource (`resourceLayout`) has left. */
class Board {
  readonly chosen: Int32Array;
  readonly journal: Step[] = [];
  private readonly S: number;
  private readonly tableKey: number;
  private readonly groupKey: number;
  private readonly left: Int32Array;
  private readonly keys: (r: number, option: number) => number[];
  /** Demand of the unplaced requests on each resource, per option. */
  private readonly wanted: Float64Array;
  /** Placed requests per slot, and per participant. */
  private readonly atSlot: Set<number>[];
  private readonly ofParticipant: Set<number>[];
  private readonly locked: Uint8Array;
  private readonly workLimit: number;
  private work = 0;
  /** The clock is read every 1,024 checks, not at each. */
  private clockAt = 0;
  private late = false;
  /** `scheduleValue` of the schedule as it stands. */
  private value = 0;

  constructor(
    private readonly problem: SchedulingProblem,
    private readonly limits: GreedyLimits,
  ) {
    this.S = problem.slots.length;
    const layout = resourceLayout(problem);
    this.tableKey = layout.tableKey;
    this.groupKey = layout.groupKey;
    this.left = layout.limits;
    this.keys = layout.resourcesOf;
    this.wanted = new Float64Array(this.left.length);
    this.chosen = new Int32Array(problem.requests.length).fill(-1);
    this.atSlot = problem.slots.map(() => new Set<number>());
    this.ofParticipant = problem.participants.map(() => new Set<number>());
    this.locked = new Uint8Array(problem.requests.length);
    this.workLimit = limits.work ?? 2_000_000;
    problem.requests.forEach((_, r) => {
      this.want(r, 1);
    });
  }

  spent(): boolean {
    if (this.work >= this.clockAt) {
      this.clockAt = this.work + 1024;
      this.late = performance.now() > this.limits.deadline;
    }
    return this.late || this.work > this.workLimit;
  }

  /** Out of work or time, or nothing better exists. */
  done(): boolean {
    return this.spent() || this.value >= (this.limits.bound ?? Number.POSITIVE_INFINITY);
  }

  load(start: Assignment, order: readonly number[]): void {
    for (const r of order) {
      const option = start[r]!;
      if (option >= 0 && this.fits(r, option)) this.put(r, option);
    }
  }

  fits(r: number, option: number): boolean {
    this.work++;
    const { a, b, options } = this.problem.requests[r]!;
    const { slot, interpreter } = options[option]!;
    return (
      this.left[a * this.S + slot]! > 0 &&
      this.left[b * this.S + slot]! > 0 &&
      this.left[this.tableKey + slot]! > 0 &&
      (interpreter === NO_INTERPRETER || this.left[this.groupKey + interpreter * this.S + slot]! > 0)
    );
  }

  place(r: number, option: number): void {
    this.put(r, option);
    this.journal.push({ placed: true, r, option });
  }

  remove(r: number): void {
    this.journal.push({ placed: false, r, option: this.chosen[r]! });
    this.take(r);
  }

  rollback(mark: number): void {
    while (this.journal.length > mark) {
      const step = this.journal.pop()!;
      if (step.placed) this.take(step.r);
      else this.put(step.r, step.option);
    }
  }

  /** Places `r` in the fitting option least wanted by others; false when none fits. */
  placeBest(r: number): boolean {
    const options = this.problem.requests[r]!.options;
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let option = 0; option < options.length; option++) {
      if (!this.fits(r, option)) continue;
      let score = 0;
      for (const key of this.keys(r, option)) score += this.wanted[key]! / this.left[key]!;
      if (score < bestScore) {
        best = option;
        bestScore = score;
      }
    }
    if (best === -1) return false;
    this.place(r, best);
    return true;
  }

  /**
   * Places `r`, moving up to three blocking meetings elsewhere (each with `depth - 1`), or dropping
   * nice ones when `drop` (r is a must). On false the caller rolls the journal back.
   */
  augment(r: number, depth: number, drop: boolean): boolean {
    if (this.placeBest(r)) return true;
    if (depth === 0) return false;
    this.locked[r] = 1;
    try {
      const options = this.problem.requests[r]!.options;
      for (let option = 0; option < options.length; option++) {
        if (this.spent()) return false;
        const mark = this.journal.length;
        if (this.evictFor(r, option, [], depth, drop)) return true;
        this.rollback(mark);
      }
      return false;
    } finally {
      this.locked[r] = 0;
    }
  }

  /** Evicts meetings until `r` fits in `option`, places it, then re-places the evicted ones. */
  private evictFor(r: number, option: number, evicted: number[], depth: number, drop: boolean): boolean {
    const candidates = this.blockers(r, option, drop);
    if (candidates === undefined) {
      this.place(r, option);
      return evicted.every((m) => this.replace(m, depth - 1, drop));
    }
    if (evicted.length === 3) return false;
    for (const m of candidates) {
      if (this.spent()) return false;
      const mark = this.journal.length;
      this.remove(m);
      if (this.evictFor(r, option, [...evicted, m], depth, drop)) return true;
      this.rollback(mark);
    }
    return false;
  }

  /** An evicted meeting: placed again, moved with further evictions, or (nice, for a must) dropped. */
  private replace(m: number, depth: number, drop: boolean): boolean {
    const mark = this.journal.length;
    if (this.augment(m, depth, false)) return true;
    this.rollback(mark);
    return drop && !this.problem.requests[m]!.must;
  }

  /**
   * The meetings of which one must leave for `r` to fit in `option`, for the first full resource;
   * undefined when it fits. A table is freed by moving any meeting of the slot to a slot with a table
   * left, so with none left anywhere only a drop can free one.
   */
  private blockers(r: number, option: number, drop: boolean): number[] | undefined {
    const { a, b, options } = this.problem.requests[r]!;
    const { slot, interpreter } = options[option]!;
    // Only a meeting that can go elsewhere, or be dropped, is worth evicting.
    const movable = (m: number) => {
      const blocker = this.problem.requests[m]!;
      return !this.locked[m] && (blocker.options.length > 1 || (drop && !blocker.must));
    };
    const at = (pool: Iterable<number>, test: (m: number) => boolean, most = Number.POSITIVE_INFINITY) => {
      const found: number[] = [];
      for (const m of pool) {
        if (found.length === most) break;
        if (this.slotOf(m, this.chosen[m]!) === slot && test(m) && movable(m)) found.push(m);
      }
      return found.sort((x, y) => x - y);
    };
    if (this.left[a * this.S + slot]! < 1) return at(this.ofParticipant[a]!, () => true);
    if (this.left[b * this.S + slot]! < 1) return at(this.ofParticipant[b]!, () => true);
    if (interpreter !== NO_INTERPRETER && this.left[this.groupKey + interpreter * this.S + slot]! < 1)
      return at(this.atSlot[slot]!, (m) => this.interpreterOf(m) === interpreter);
    if (this.left[this.tableKey + slot]! < 1) {
      if (!drop && !this.left.subarray(this.tableKey, this.groupKey).some((tables) => tables > 0)) return [];
      return at(this.atSlot[slot]!, () => true, TABLE_CANDIDATES);
    }
    return undefined;
  }

  private put(r: number, option: number): void {
    for (const key of this.keys(r, option)) this.left[key]!--;
    this.want(r, -1);
    this.value += this.worth(r);
    this.chosen[r] = option;
    this.atSlot[this.slotOf(r, option)]!.add(r);
    const { a, b } = this.problem.requests[r]!;
    this.ofParticipant[a]!.add(r);
    this.ofParticipant[b]!.add(r);
  }

  private take(r: number): void {
    const option = this.chosen[r]!;
    for (const key of this.keys(r, option)) this.left[key]!++;
    this.want(r, 1);
    this.value -= this.worth(r);
    this.chosen[r] = -1;
    this.atSlot[this.slotOf(r, option)]!.delete(r);
    const { a, b } = this.problem.requests[r]!;
    this.ofParticipant[a]!.delete(r);
    this.ofParticipant[b]!.delete(r);
  }

  /** Adds (sign 1) or withdraws (-1) an unplaced request's demand, spread over its options. */
  private want(r: number, sign: number): void {
    const options = this.problem.requests[r]!.options;
    const share = sign / options.length;
    for (let option = 0; option < options.length; option++)
      for (const key of this.keys(r, option)) this.wanted[key]! += share;
  }

  private worth(r: number): number {
    return this.problem.requests[r]!.must ? this.problem.mustWeight : 1;
  }

  private slotOf(r: number, option: number): number {
    return this.problem.requests[r]!.options[option]!.slot;
  }

  private interpreterOf(m: number): number {
    return this.problem.requests[m]!.options[this.chosen[m]!]!.interpreter;
  }
}
