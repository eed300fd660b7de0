import type { ScheduleInstance, ScheduleResult } from './schedule-instance.ts';

/**
 * What is wrong with a result for its instance, one sentence per fault; empty when it is valid. The
 * scheduler's property tests use it, and the event service as a guard before it stores a run.
 *
 * Checked for the new meetings, on top of the fixed ones: no company holds more meetings in a slot than
 * it has delegates present (those the fixed meetings hold included), no table is used twice in a slot,
 * an interpreter sits in exactly the meetings whose sides share no language, covers a pair of theirs,
 * works the slot and does one meeting in it; each request is placed at most once, never one a fixed
 * meeting holds, and every other request is placed or unplaced. Faults among the fixed meetings
 * themselves (a delegate who has since cancelled) are not the result's, and not reported.
 */
export function scheduleViolations(instance: ScheduleInstance, result: ScheduleResult): string[] {
  const faults: string[] = [];
  const slots = new Set(instance.slots);
  const tables = new Set(instance.tables);
  const participants = new Map(instance.participants.map((p) => [p.id, p]));
  const requests = new Map(instance.requests.map((r) => [r.id, r]));
  const interpreters = new Map(instance.interpreters.map((i) => [i.id, i]));
  const held = new Set(instance.fixed.map((m) => m.requestId));

  const fixedUse = new Map<string, number>();
  const count = (use: Map<string, number>, key: string) => use.set(key, (use.get(key) ?? 0) + 1).get(key)!;
  for (const m of instance.fixed) {
    const request = requests.get(m.requestId);
    if (request) for (const side of [request.a, request.b]) count(fixedUse, `${side}@${m.slot}`);
    count(fixedUse, `table ${m.table}@${m.slot}`);
    if (m.interpreter !== undefined) count(fixedUse, `interpreter ${m.interpreter}@${m.slot}`);
  }

  const newUse = new Map<string, number>();
  const seen = new Set<string>();
  for (const m of result.placed) {
    const where = `${m.requestId} at ${m.slot}/${m.table}`;
    const request = requests.get(m.requestId);
    if (!request) {
      faults.push(`${where}: no such request`);
      continue;
    }
    if (held.has(m.requestId)) faults.push(`${where}: the request has a fixed meeting`);
    if (seen.has(m.requestId)) faults.push(`${where}: the request is placed twice`);
    seen.add(m.requestId);
    if (!slots.has(m.slot)) faults.push(`${where}: no such slot`);
    if (!tables.has(m.table)) faults.push(`${where}: no such table`);

    for (const side of [request.a, request.b]) {
      const key = `${side}@${m.slot}`;
      const present = participants.get(side)?.capacity[m.slot] ?? 0;
      const free = Math.max(0, present - (fixedUse.get(key) ?? 0));
      if (count(newUse, key) > free) faults.push(`${where}: ${side} has no delegate free in ${m.slot}`);
    }
    const tableKey = `table ${m.table}@${m.slot}`;
    if (count(newUse, tableKey) + (fixedUse.get(tableKey) ?? 0) > 1)
      faults.push(`${where}: the table is taken in ${m.slot}`);

    const a = participants.get(request.a)?.languages ?? [];
    const b = participants.get(request.b)?.languages ?? [];
    const shared = a.some((language) => b.includes(language));
    if (shared && m.interpreter !== undefined)
      faults.push(`${where}: an interpreter where the sides share a language`);
    if (!shared && m.interpreter === undefined)
      faults.push(`${where}: no interpreter, and no language in common`);
    if (m.interpreter === undefined) continue;
    const interpreter = interpreters.get(m.interpreter);
    if (!interpreter) {
      faults.push(`${where}: no such interpreter ${m.interpreter}`);
      continue;
    }
    const covers = interpreter.pairs.some(
      ([x, y]) => (a.includes(x) && b.includes(y)) || (a.includes(y) && b.includes(x)),
    );
    if (!shared && !covers) faults.push(`${where}: ${m.interpreter} covers no pair of theirs`);
    if (!interpreter.slots.includes(m.slot))
      faults.push(`${where}: ${m.interpreter} does not work ${m.slot}`);
    const interpreterKey = `interpreter ${m.interpreter}@${m.slot}`;
    if (count(newUse, interpreterKey) + (fixedUse.get(interpreterKey) ?? 0) > 1)
      faults.push(`${where}: ${m.interpreter} is busy in ${m.slot}`);
  }

  for (const u of result.unplaced) {
    if (!requests.has(u.requestId) || held.has(u.requestId) || seen.has(u.requestId))
      faults.push(`${u.requestId}: unplaced, but unknown, fixed or placed (or listed twice)`);
    seen.add(u.requestId);
  }
  for (const id of requests.keys())
    if (!held.has(id) && !seen.has(id)) faults.push(`${id}: neither placed nor unplaced`);
  return faults;
}
