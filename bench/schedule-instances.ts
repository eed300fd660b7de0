/**
 * The fixed, seeded B2B-meeting instances the scheduler is measured on (bench/event-schedule.ts) and
 * tested on (tests/unit/schedule-meetings.test.ts). Its own PRNG (mulberry32), so a seed gives the same
 * instance on every machine and Node version.
 *
 * - Firms are Russian or Vietnamese, alternately by popularity: a Russian firm speaks ru, a Vietnamese
 *   one vi, and 63% of them (every firm whose rank × the golden ratio falls, modulo 1, below 0.63) also
 *   speak en, so a pair has no language in common with probability about ½ × (1 − 0.63²) ≈ 0.30 (30.0%
 *   of the small case's requests, 30.8% of the large one's); those need one of the interpreters, who all
 *   cover ru–vi.
 * - Demand is Zipf-distributed (s = 0.7): both ends of a request are drawn by popularity 1/rankˢ,
 *   redrawn until they are two different firms not yet paired (one request per unordered pair).
 * - A firm sends 1 delegate (70%) or 2 (30%), and attends each slot with probability 0.8: its capacity
 *   in a slot is its delegate count or 0. Interpreters work each slot with probability 0.8 too.
 * - 30% of the requests are `must`, the rest `nice`. No fixed meetings.
 */
import type {
  ScheduleInstance,
  ScheduleInterpreter,
  ScheduleParticipant,
  ScheduleRequest,
} from '../shared/events/scheduling/schedule-instance.ts';

export interface GeneratorOptions {
  firms: number;
  requests: number;
  slots: number;
  tables: number;
  seed: number;
  /** Zipf exponent of demand over firms. */
  zipf?: number;
  /** Probability that a firm (or an interpreter) attends a slot. */
  attendance?: number;
  interpreters?: number;
  /** Share of the firms that also speak English. */
  english?: number;
  /** Probability that a firm sends two delegates. */
  twoDelegates?: number;
  /** Probability that a request is `must`. */
  must?: number;
}

/** mulberry32: a 32-bit state, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export function generateInstance(options: GeneratorOptions): ScheduleInstance {
  const {
    firms,
    requests,
    slots: slotCount,
    tables: tableCount,
    seed,
    zipf = 0.7,
    attendance = 0.8,
    interpreters: interpreterCount = 3,
    english = 0.63,
    twoDelegates = 0.3,
    must = 0.3,
  } = options;
  if (requests > (firms * (firms - 1)) / 2) throw new Error('more requests than pairs of firms');
  const random = mulberry32(seed);
  const width = String(Math.max(firms, requests, tableCount)).length;
  const slots = Array.from({ length: slotCount }, (_, s) => `S${pad(s + 1, 2)}`);
  const tables = Array.from({ length: tableCount }, (_, t) => `T${pad(t + 1, width)}`);

  // Nationality alternates with popularity and English follows a golden-ratio sequence over it, so the
  // few most popular firms, who are in most requests, cannot all land on one side by chance.
  const participants: ScheduleParticipant[] = Array.from({ length: firms }, (_, f) => {
    const home = f % 2 === 0 ? 'ru' : 'vi';
    const languages = ((f + 1) * GOLDEN) % 1 < english ? [home, 'en'] : [home];
    const delegates = random() < twoDelegates ? 2 : 1;
    const capacity: Record<string, number> = {};
    for (const slot of slots) if (random() < attendance) capacity[slot] = delegates;
    return { id: `F${pad(f + 1, width)}`, languages, capacity };
  });

  // Firm f has popularity rank f + 1; the cumulative weights are searched by bisection.
  const cumulative: number[] = [];
  let total = 0;
  for (let f = 0; f < firms; f++) {
    total += 1 / (f + 1) ** zipf;
    cumulative.push(total);
  }
  const draw = () => {
    const target = random() * total;
    let low = 0;
    let high = firms - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const paired = new Set<number>();
  const requestList: ScheduleRequest[] = [];
  while (requestList.length < requests) {
    const x = draw();
    const y = draw();
    const key = Math.min(x, y) * firms + Math.max(x, y);
    if (x === y || paired.has(key)) continue;
    paired.add(key);
    requestList.push({
      id: `R${pad(requestList.length + 1, width)}`,
      a: participants[x]!.id,
      b: participants[y]!.id,
      priority: random() < must ? 'must' : 'nice',
    });
  }

  const interpreters: ScheduleInterpreter[] = Array.from({ length: interpreterCount }, (_, i) => ({
    id: `I${i + 1}`,
    pairs: [['ru', 'vi']],
    slots: slots.filter(() => random() < attendance),
  }));

  return { slots, tables, participants, requests: requestList, interpreters, fixed: [] };
}

/** The small case: 40 firms, 300 requests, 12 slots, 20 tables. */
export const smallCase = (): ScheduleInstance =>
  generateInstance({ firms: 40, requests: 300, slots: 12, tables: 20, seed: 20_260_301 });

/** The large case: 400 firms, 5,000 requests, 16 slots, 150 tables. */
export const largeCase = (): ScheduleInstance =>
  generateInstance({ firms: 400, requests: 5000, slots: 16, tables: 150, seed: 20_260_302 });
