/**
 * `npm run bench:schedule` (and section 7 of `npm run bench`): the B2B 1:1 scheduler
 * (shared/events/scheduling/) on the issue's two seeded instances (bench/schedule-instances.ts), printed
 * as figures and ratios, never pass/fail.
 *
 * For each case: the meetings the exact method places (must / nice); the optimum where it is proven
 * (the lexicographic one: the most must-meetings, then the most meetings; proven by HiGHS's branch and
 * bound, or by the rounded LP relaxation meeting its bound); the LP bound (the LP relaxation that
 * maximises the number of meetings, whatever their priority, so a bound on any schedule's count); the
 * simple bound min(requests, ½ Σ over firms of min(requests, delegate-slots)); the time of the first
 * run in the process (HiGHS's Wasm is compiled then, and V8 optimises its hot code during the run) and
 * of a second one; the rule violations check-schedule.ts finds; and the greedy fallback beside it.
 * The time limit is the scheduler's default unless BENCH_SCHEDULE_TIME_LIMIT_MS says.
 */
import { pathToFileURL } from 'node:url';
import { scheduleViolations } from '../shared/events/scheduling/check-schedule.ts';
import { highsSolver } from '../shared/events/scheduling/highs-solver.ts';
import type { ScheduleInstance, ScheduleResult } from '../shared/events/scheduling/schedule-instance.ts';
import { DEFAULT_TIME_LIMIT_MS, scheduleMeetings } from '../shared/events/scheduling/schedule-meetings.ts';
import { ms, ratio, section, table } from './report.ts';
import { largeCase, smallCase } from './schedule-instances.ts';

const count = (n: number) => n.toLocaleString('en-US');

interface Run {
  result: ScheduleResult;
  ms: number;
  must: number;
  violations: number;
}

async function run(
  instance: ScheduleInstance,
  solver: 'exact' | 'greedy',
  timeLimitMs: number,
): Promise<Run> {
  const must = new Set(instance.requests.filter((r) => r.priority === 'must').map((r) => r.id));
  const started = performance.now();
  const result = await scheduleMeetings(instance, { solver, timeLimitMs });
  const elapsed = performance.now() - started;
  return {
    result,
    ms: elapsed,
    must: result.placed.filter((m) => must.has(m.requestId)).length,
    violations: scheduleViolations(instance, result).length,
  };
}

/** What an instance is made of: requests, must ones, pairs needing an interpreter, delegate-slots. */
function describe(name: string, instance: ScheduleInstance): string {
  const languages = new Map(instance.participants.map((p) => [p.id, p.languages]));
  const interpreted = instance.requests.filter(
    (r) => !languages.get(r.a)!.some((language) => languages.get(r.b)!.includes(language)),
  ).length;
  const must = instance.requests.filter((r) => r.priority === 'must').length;
  const delegateSlots = instance.participants.reduce(
    (sum, p) => sum + Object.values(p.capacity).reduce((a, b) => a + b, 0),
    0,
  );
  const interpreterSlots = instance.interpreters.reduce((sum, i) => sum + i.slots.length, 0);
  return (
    `  ${name}: ${count(instance.participants.length)} firms, ${count(instance.requests.length)} requests ` +
    `(${count(must)} must, ${count(interpreted)} = ${((100 * interpreted) / instance.requests.length).toFixed(1)}% ` +
    `without a common language), ${instance.slots.length} slots × ${instance.tables.length} tables, ` +
    `${count(delegateSlots)} delegate-slots, ${instance.interpreters.length} interpreters (${interpreterSlots} interpreter-slots)`
  );
}

const placedText = (r: Run) =>
  `${count(r.result.placed.length)} (${count(r.must)}/${count(r.result.placed.length - r.must)})`;

export interface ScheduleBenchOptions {
  timeLimitMs: number;
  number?: string;
}

export function scheduleBenchOptions(): ScheduleBenchOptions {
  return { timeLimitMs: Number(process.env.BENCH_SCHEDULE_TIME_LIMIT_MS ?? DEFAULT_TIME_LIMIT_MS) };
}

/** Prints the section (numbered `number`) and returns summary rows for the README table. */
export async function scheduleSection(
  options: ScheduleBenchOptions = scheduleBenchOptions(),
): Promise<string[]> {
  section(
    `${options.number ?? ''}. Event 1:1 scheduler: meetings placed on the seeded cases, against their bounds`,
  );
  const cases = [
    { name: 'small', instance: smallCase() },
    { name: 'large', instance: largeCase() },
  ];
  for (const { name, instance } of cases) console.log(describe(name, instance));
  console.log(`  time limit ${count(options.timeLimitMs)} ms per run; placed as total (must/nice)`);

  const rows: (string | number)[][] = [];
  const summary: string[] = [];
  for (const { name, instance } of cases) {
    const first = await run(instance, 'exact', options.timeLimitMs);
    const again = await run(instance, 'exact', options.timeLimitMs);
    const greedy = await run(instance, 'greedy', options.timeLimitMs);
    const { result } = first;
    const lp = result.bounds.lp ?? Number.NaN;
    const optimum = result.optimal ? count(result.placed.length) : 'not proven';
    rows.push([
      name,
      count(instance.requests.length),
      `${result.method}: ${placedText(first)}`,
      optimum,
      Number.isFinite(lp) ? count(lp) : '-',
      count(result.bounds.simple),
      ratio(result.placed.length / lp),
      ms(first.ms, 0),
      ms(again.ms, 0),
      first.violations + again.violations,
      placedText(greedy),
      ratio(greedy.result.placed.length / lp),
      ms(greedy.ms, 0),
      greedy.violations,
    ]);
    const unplaced = new Map<string, number>();
    for (const u of result.unplaced) unplaced.set(u.reason, (unplaced.get(u.reason) ?? 0) + 1);
    summary.push(
      `| scheduler, ${name} case (${count(instance.requests.length)} requests) | ${count(result.placed.length)} meetings placed (${count(first.must)} must), ` +
        `${result.optimal ? 'proven optimal' : 'optimum not proven'}; ${ratio(result.placed.length / lp)} the LP bound ${Number.isFinite(lp) ? count(lp) : '-'}, ` +
        `simple bound ${count(result.bounds.simple)}; ${ms(first.ms, 0)} ms first run, ${ms(again.ms, 0)} ms again; ` +
        `greedy fallback ${count(greedy.result.placed.length)} (${count(greedy.must)} must) in ${ms(greedy.ms, 0)} ms |`,
    );
    console.log(
      `  ${name}: unplaced by reason: ${[...unplaced].map(([reason, n]) => `${reason} ${count(n)}`).join(', ') || 'none'}`,
    );
  }
  console.log(
    table(
      [
        'case',
        'requests',
        'placed',
        'optimum',
        'LP bound',
        'simple bound',
        'placed/LP',
        '1st run ms',
        'again ms',
        'violations',
        'greedy placed',
        'greedy/LP',
        'greedy ms',
        'violations',
      ],
      rows,
    ),
  );
  const highs = await highsSolver();
  console.log(
    `  HiGHS ${highs.version.string} (Wasm, single-threaded): linear memory ${count(Math.round(highs.memoryBytes / 2 ** 20))} MB ` +
      `after these runs (it grows and is never returned); process RSS ${count(Math.round(process.memoryUsage().rss / 2 ** 20))} MB`,
  );
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const startedAt = performance.now();
  let exitCode = 0;
  try {
    console.log(`bridge-crm scheduler bench — ${new Date().toISOString()} — Node ${process.version}`);
    const summary = await scheduleSection({ ...scheduleBenchOptions(), number: '1' });
    section('Summary (for the README)');
    console.log(['| figure | measured |', '| --- | --- |', ...summary].join('\n'));
  } catch (error) {
    exitCode = 1;
    console.error('\nscheduler bench failed:', error);
  } finally {
    console.log(`\nscheduler bench finished in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  }
  process.exit(exitCode);
}
