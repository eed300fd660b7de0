import type {
  PlacedMeeting,
  ScheduleInstance,
  ScheduleInterpreter,
  UnplacedReason,
} from './schedule-instance.ts';

/**
 * An instance turned into indices, what both the integer program and the greedy fallback work on:
 * the resources left after the fixed meetings, and for each request to place the (slot, interpreter)
 * options it could take alone. Inputs are sorted by id (slots and tables keep their given order), so
 * the same instance in any order gives the same problem.
 */

/** No interpreter: the two sides share a language. */
export const NO_INTERPRETER = -1;

export interface MeetingOption {
  readonly slot: number;
  /** Index into `interpreterGroups`, or NO_INTERPRETER. */
  readonly interpreter: number;
}

export interface ProblemRequest {
  readonly id: string;
  /** Participant indices. */
  readonly a: number;
  readonly b: number;
  readonly must: boolean;
  /** Every (slot, interpreter) that is free for it when nothing else is placed, slots in time order. */
  readonly options: readonly MeetingOption[];
  /** Why it cannot be placed even alone, or undefined when it has an option. */
  readonly alone?: Exclude<UnplacedReason, 'no-room'>;
}

export interface SchedulingProblem {
  readonly instance: ScheduleInstance;
  readonly slots: readonly string[];
  readonly participants: readonly string[];
  /**
   * Interpreters who cover the same language pairs, grouped: within a slot they are interchangeable,
   * so a meeting needs "one of the group" and who it is is settled afterwards. This spares the integer
   * program a variable per interpreter and the symmetry between them.
   */
  readonly interpreterGroups: readonly (readonly string[])[];
  /** Requests not held by a fixed meeting, by id. */
  readonly requests: readonly ProblemRequest[];
  /**
   * What a must-meeting is worth when a nice one is worth 1: one more than all nice requests that have
   * an option, so that one more must-meeting outweighs any number of nice ones.
   */
  readonly mustWeight: number;
  /** Delegates left per participant and slot after the fixed meetings: index participant × slots + slot. */
  readonly capacity: Int32Array;
  /** Tables left per slot after the fixed meetings. */
  readonly tables: Int32Array;
  /** Interpreter ids of each group who work the slot and are not held by a fixed meeting: group × slots + slot. */
  readonly freeInterpreters: readonly (readonly string[])[];
  /** Table ids free in each slot after the fixed meetings, in `instance.tables` order. */
  readonly freeTables: readonly (readonly string[])[];
}

const byId = <T extends { readonly id: string }>(items: readonly T[]): T[] =>
  [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

function indexOf(ids: readonly string[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  for (const id of ids) {
    if (index.has(id)) throw new Error(`schedule instance: duplicate ${what} id ${id}`);
    index.set(id, index.size);
  }
  return index;
}

/** An unordered language pair as one key. */
const pairKey = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

/**
 * Builds the problem. Throws on an instance no schedule can be made of: a duplicate id, a request
 * naming an unknown participant or the same one twice, a fixed meeting whose request is not in
 * `requests` or whose slot, table or interpreter is unknown.
 */
export function schedulingProblem(instance: ScheduleInstance): SchedulingProblem {
  const slots = instance.slots;
  const S = slots.length;
  const slotIndex = indexOf(slots, 'slot');
  const tableIndex = indexOf(instance.tables, 'table');
  const participants = byId(instance.participants);
  const participantIndex = indexOf(
    participants.map((p) => p.id),
    'participant',
  );
  const interpreters = byId(instance.interpreters);
  indexOf(
    interpreters.map((i) => i.id),
    'interpreter',
  );
  const requests = byId(instance.requests);
  const requestIndex = indexOf(
    requests.map((r) => r.id),
    'request',
  );
  const sides = requests.map((r) => {
    const a = participantIndex.get(r.a);
    const b = participantIndex.get(r.b);
    if (a === undefined || b === undefined || a === b)
      throw new Error(`schedule instance: request ${r.id} must name two different known participants`);
    return { a, b };
  });

  const capacity = new Int32Array(participants.length * S);
  participants.forEach((p, pi) => {
    for (const [slot, delegates] of Object.entries(p.capacity)) {
      const s = slotIndex.get(slot);
      if (s !== undefined) capacity[pi * S + s] = Math.max(0, Math.floor(delegates));
    }
  });
  const tables = new Int32Array(S).fill(instance.tables.length);
  const tableTaken = new Set<string>();
  const interpreterTaken = new Set<string>();
  const held = new Set<number>();
  for (const meeting of instance.fixed) {
    const r = requestIndex.get(meeting.requestId);
    const s = slotIndex.get(meeting.slot);
    if (r === undefined || s === undefined || !tableIndex.has(meeting.table))
      throw new Error(
        `schedule instance: fixed meeting ${describe(meeting)} names an unknown request, slot or table`,
      );
    if (meeting.interpreter !== undefined && !interpreters.some((i) => i.id === meeting.interpreter))
      throw new Error(`schedule instance: fixed meeting ${describe(meeting)} names an unknown interpreter`);
    held.add(r);
    const { a, b } = sides[r]!;
    // A fixed meeting the capacities no longer allow (a delegate cancelled) leaves 0, not a debt.
    capacity[a * S + s] = Math.max(0, capacity[a * S + s]! - 1);
    capacity[b * S + s] = Math.max(0, capacity[b * S + s]! - 1);
    if (!tableTaken.has(`${s}/${meeting.table}`)) tables[s] = Math.max(0, tables[s]! - 1);
    tableTaken.add(`${s}/${meeting.table}`);
    if (meeting.interpreter !== undefined) interpreterTaken.add(`${s}/${meeting.interpreter}`);
  }
  const freeTables = slots.map((_, s) => instance.tables.filter((t) => !tableTaken.has(`${s}/${t}`)));

  // Groups of interpreters with the same pairs, in the order of their first (smallest) id.
  const groupOf = new Map<string, { pairs: Set<string>; members: ScheduleInterpreter[] }>();
  for (const interpreter of interpreters) {
    const pairs = new Set(interpreter.pairs.map(([x, y]) => pairKey(x, y)));
    const key = [...pairs].sort().join('\u0001');
    const group = groupOf.get(key) ?? { pairs, members: [] };
    group.members.push(interpreter);
    groupOf.set(key, group);
  }
  const groups = [...groupOf.values()];
  const freeInterpreters = groups.flatMap((group) =>
    slots.map((slot, s) =>
      group.members
        .filter((i) => i.slots.includes(slot) && !interpreterTaken.has(`${s}/${i.id}`))
        .map((i) => i.id),
    ),
  );

  const languages = participants.map((p) => new Set(p.languages));
  const problemRequests: ProblemRequest[] = [];
  requests.forEach((request, r) => {
    if (held.has(r)) return;
    const { a, b } = sides[r]!;
    const common = [...languages[a]!].some((language) => languages[b]!.has(language));
    const spoken = common
      ? new Set<string>()
      : new Set([...languages[a]!].flatMap((x) => [...languages[b]!].map((y) => pairKey(x, y))));
    const covering = groups.flatMap((group, g) =>
      [...spoken].some((pair) => group.pairs.has(pair)) ? [g] : [],
    );
    const options: MeetingOption[] = [];
    let attended = false;
    let tabled = false;
    for (let s = 0; s < S; s++) {
      if (capacity[a * S + s]! < 1 || capacity[b * S + s]! < 1) continue;
      attended = true;
      if (tables[s]! < 1) continue;
      tabled = true;
      if (common) options.push({ slot: s, interpreter: NO_INTERPRETER });
      for (const g of covering)
        if (freeInterpreters[g * S + s]!.length > 0) options.push({ slot: s, interpreter: g });
    }
    // Without options and with a table somewhere both attend, only the interpreters were missing; with
    // every such table held by fixed meetings, it is a matter of room.
    const alone =
      options.length > 0
        ? undefined
        : !common && covering.length === 0
          ? 'no-interpreter'
          : !attended
            ? 'no-common-slot'
            : tabled
              ? 'no-interpreter'
              : undefined;
    problemRequests.push({
      id: request.id,
      a,
      b,
      must: request.priority === 'must',
      options,
      ...(alone ? { alone } : {}),
    });
  });

  return {
    instance,
    slots,
    participants: participants.map((p) => p.id),
    interpreterGroups: groups.map((group) => group.members.map((i) => i.id)),
    requests: problemRequests,
    mustWeight: problemRequests.filter((r) => !r.must && r.options.length > 0).length + 1,
    capacity,
    tables,
    freeInterpreters,
    freeTables,
  };
}

/**
 * The resources a meeting uses, as one numbering shared by the integer program and the greedy one:
 * participant × slots + slot (its delegates), then `tableKey` + slot (the slot's tables), then
 * `groupKey` + group × slots + slot (the group's interpreters). `limits`: what each has left after
 * the fixed meetings.
 */
export function resourceLayout(problem: SchedulingProblem) {
  const S = problem.slots.length;
  const tableKey = problem.participants.length * S;
  const groupKey = tableKey + S;
  const limits = new Int32Array(groupKey + problem.freeInterpreters.length);
  limits.set(problem.capacity, 0);
  limits.set(problem.tables, tableKey);
  problem.freeInterpreters.forEach((ids, gs) => {
    limits[groupKey + gs] = ids.length;
  });
  /** The resources option `option` of request `r` uses. */
  const resourcesOf = (r: number, option: number): number[] => {
    const { a, b, options } = problem.requests[r]!;
    const { slot, interpreter } = options[option]!;
    const keys = [a * S + slot, b * S + slot, tableKey + slot];
    if (interpreter !== NO_INTERPRETER) keys.push(groupKey + interpreter * S + slot);
    return keys;
  };
  return { tableKey, groupKey, limits, resourcesOf };
}

/** A schedule's worth: must-meetings × `mustWeight` + nice ones. */
export function scheduleValue(problem: SchedulingProblem, chosen: Int32Array): number {
  let value = 0;
  chosen.forEach((option, r) => {
    if (option >= 0) value += problem.requests[r]!.must ? problem.mustWeight : 1;
  });
  return value;
}

const describe = (meeting: PlacedMeeting) => `${meeting.requestId}@${meeting.slot}/${meeting.table}`;
