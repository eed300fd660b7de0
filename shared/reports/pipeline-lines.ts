import type { Money } from '../domain/money.ts';
import type { Lead } from '../leads/lead-schema.ts';
import type { LeadStage } from '../leads/lead-stages.ts';

/**
 * The pipeline report's arithmetic, pure: what each state of a lead contributes to the report's lines,
 * and so what a change of state adds to them (its contribution after, less its contribution before).
 * Applying every change's delta once gives the same lines as computing them from the leads as they
 * are, which the rebuild does and a test checks.
 */

/** What of a lead the report counts. A change event carries these before and after. */
export interface PipelineFacts {
  stage: LeadStage;
  country: string;
  topic: string;
  campaignId: string | null;
  sourceType: string;
  value: Money | null;
  stageEnteredAt: string;
  wonAt: string | null;
}

export function pipelineFactsOf(lead: Lead): PipelineFacts {
  return {
    stage: lead.stage,
    country: lead.counterpart.country,
    topic: lead.topic,
    campaignId: lead.source.type === 'campaign' ? lead.source.campaignId : null,
    sourceType: lead.source.type,
    value: lead.estimatedValue ?? null,
    stageEnteredAt: lead.stageEnteredAt,
    wonAt: lead.wonAt ?? null,
  };
}

/**
 * One line's counters: leads (now in the stage, for a stage line; all leads, for the others), won
 * leads, the estimated value per currency (minor units), and won value converted at each lead's won
 * date into the rate table's base currency. A `DAYS#<stage>#<bucket>` line counts leads that left the
 * stage after that many days.
 */
export interface LineDelta {
  line: string;
  leads: number;
  won: number;
  value: Partial<Record<string, number>>;
  /** Exact: a sum of values each up to 10^15 minor units, converted, can pass Number.MAX_SAFE_INTEGER. */
  wonBase: bigint;
}

/** Histogram buckets of whole days spent in a stage, by their lower bound. */
export const dayBuckets = [0, 1, 2, 4, 8, 15, 31, 61, 91] as const;

export function dayBucketOf(days: number): number {
  return [...dayBuckets].reverse().find((lower) => days >= lower) ?? 0;
}

/** A stage a lead left: when it had entered it and when it left. */
export interface StageExit {
  stage: LeadStage;
  enteredAt: string;
  at: string;
}

/** Converts a won lead's value into the base currency at its won date. */
export type ToBase = (value: Money, at: string) => bigint;

function contributions(facts: PipelineFacts, toBase: ToBase): LineDelta[] {
  const won = facts.stage === 'won' ? 1 : 0;
  const value = facts.value ? { [facts.value.currency]: facts.value.amount } : {};
  const wonBase = won && facts.value && facts.wonAt ? toBase(facts.value, facts.wonAt) : 0n;
  const lines = [
    `COUNTRY#${facts.country}`,
    `TOPIC#${facts.topic}`,
    `SOURCE#${facts.sourceType}`,
    ...(facts.campaignId ? [`CAMPAIGN#${facts.campaignId}`] : []),
  ];
  return [
    { line: `STAGE#${facts.stage}`, leads: 1, won, value, wonBase },
    ...lines.map((line) => ({ line, leads: 1, won, value, wonBase })),
  ];
}

/** Adds `delta` (or takes it away, `sign` -1) into the line of the same name in `sums`. */
function addInto(sums: Map<string, LineDelta>, delta: LineDelta, sign: 1 | -1): void {
  const line = sums.get(delta.line) ?? { line: delta.line, leads: 0, won: 0, value: {}, wonBase: 0n };
  line.leads += sign * delta.leads;
  line.won += sign * delta.won;
  line.wonBase += BigInt(sign) * delta.wonBase;
  for (const [currency, amount] of Object.entries(delta.value)) {
    line.value[currency] = (line.value[currency] ?? 0) + sign * (amount ?? 0);
  }
  sums.set(delta.line, line);
}

/**
 * What a lead going from `before` (nothing, for a new lead) to `after` adds to each line, with one
 * count in the days histogram of each stage it left on the way.
 */
export function pipelineDeltas(
  before: PipelineFacts | null,
  after: PipelineFacts,
  exits: readonly StageExit[],
  toBase: ToBase,
): LineDelta[] {
  const sums = new Map<string, LineDelta>();
  const add = (delta: LineDelta, sign: 1 | -1) => addInto(sums, delta, sign);
  for (const delta of contributions(after, toBase)) add(delta, 1);
  if (before) for (const delta of contributions(before, toBase)) add(delta, -1);
  for (const exit of exits) {
    const days = Math.floor((Date.parse(exit.at) - Date.parse(exit.enteredAt)) / 86_400_000);
    add(
      {
        line: `DAYS#${exit.stage}#${dayBucketOf(Math.max(0, days))}`,
        leads: 1,
        won: 0,
        value: {},
        wonBase: 0n,
      },
      1,
    );
  }
  return [...sums.values()].filter(
    (d) => d.leads !== 0 || d.won !== 0 || d.wonBase !== 0n || Object.values(d.value).some((v) => v !== 0),
  );
}

/** The lines of a set of leads computed from scratch: what every change's delta must add up to. */
export function linesOf(
  leads: Iterable<{ facts: PipelineFacts; exits: readonly StageExit[] }>,
  toBase: ToBase,
): LineDelta[] {
  const sums = new Map<string, LineDelta>();
  for (const { facts, exits } of leads) {
    for (const delta of pipelineDeltas(null, facts, exits, toBase)) addInto(sums, delta, 1);
  }
  return [...sums.values()];
}
