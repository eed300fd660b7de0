import { convertMinorUnits, type RateTable } from '../domain/exchange-rates.ts';
import type { Currency } from '../domain/money.ts';
import { type LeadStage, leadStages, openStages } from '../leads/lead-stages.ts';
import type { PipelineLine } from './pipeline-aggregates.ts';
import { dayBuckets } from './pipeline-lines.ts';
import { type ReportMoney, reportMoney } from './tier-report.ts';

export interface PipelineGroupLine {
  key: string;
  leads: number;
  won: number;
  /** won / leads, 0 for no leads; rounded to 4 places. */
  conversion: number;
  /** The estimated value of the leads, per currency, as entered. */
  value: ReportMoney[];
  /** The same converted at the rates in force on the report date. */
  valueConverted: ReportMoney;
  /** The won leads' value, each converted at its won date. */
  wonValue: ReportMoney;
}

export interface DaysHistogram {
  stage: string;
  /** Leads that left the stage, by whole days spent in it: `toDays` null for the last bucket. */
  buckets: { fromDays: number; toDays: number | null; leads: number }[];
  left: number;
  /** The bucket holding the median of the leads that left, or null when none did. */
  median: { fromDays: number; toDays: number | null } | null;
}

/**
 * One step of the pipeline's funnel: the leads that entered an open stage (a lead reopened after
 * `lost` enters `contacted` again), how many of those entries went on into the next stage (`won`
 * after `negotiating`), and that share. Leads still in the stage count as entered and not moved on.
 */
export interface FunnelStep {
  stage: (typeof openStages)[number];
  entered: number;
  movedOn: number;
  /** movedOn / entered, 0 for none entered; rounded to 4 places. */
  conversion: number;
}

export interface PipelineReport {
  asOf: string;
  currency: Currency;
  byStage: PipelineGroupLine[];
  byCountry: PipelineGroupLine[];
  byTopic: PipelineGroupLine[];
  byCampaign: PipelineGroupLine[];
  bySource: PipelineGroupLine[];
  daysPerStage: DaysHistogram[];
  funnel: FunnelStep[];
}

/**
 * The pipeline report from the aggregate lines, exactly: values are summed and converted in BigInt.
 * Open values convert at the rates in force on `asOf`; won values were converted at each lead's won
 * date when it was counted. Throws MissingExchangeRateError for a currency without a rate on `asOf`.
 */
export function buildPipelineReport(
  lines: readonly PipelineLine[],
  rates: RateTable,
  asOf: Date,
): PipelineReport {
  const base = rates.base as Currency;
  const groupLine = (line: PipelineLine, key: string): PipelineGroupLine => {
    let converted = 0n;
    const value: ReportMoney[] = [];
    for (const [currency, amount] of Object.entries(line.value).sort()) {
      if (amount === 0n) continue;
      value.push(reportMoney(amount, currency as Currency));
      converted += convertMinorUnits(amount, currency as Currency, base, rates, asOf);
    }
    return {
      key,
      leads: line.leads,
      won: line.won,
      conversion: line.leads > 0 ? Math.round((line.won / line.leads) * 10_000) / 10_000 : 0,
      value,
      valueConverted: reportMoney(converted, base),
      wonValue: reportMoney(line.wonBase, base),
    };
  };
  const group = (prefix: string) =>
    lines
      .filter((l) => l.line.startsWith(`${prefix}#`) && l.leads > 0)
      .map((l) => groupLine(l, l.line.slice(prefix.length + 1)))
      .sort((a, b) => b.leads - a.leads || a.key.localeCompare(b.key));
  const empty: PipelineLine = { line: '', leads: 0, won: 0, wonBase: 0n, value: {} };
  return {
    asOf: asOf.toISOString().slice(0, 10),
    currency: base,
    byStage: leadStages.map((stage) =>
      groupLine(lines.find((l) => l.line === `STAGE#${stage}`) ?? empty, stage),
    ),
    byCountry: group('COUNTRY'),
    byTopic: group('TOPIC'),
    byCampaign: group('CAMPAIGN'),
    bySource: group('SOURCE'),
    daysPerStage: openStages.map((stage) => histogram(stage, lines)),
    funnel: funnel(lines),
  };
}

/**
 * The funnel from the stage lines and the days histograms alone: a lead is in one stage and left
 * each stage it passed, so the entries of a stage are those in it plus those that left it. Stages go
 * one way (`new → contacted → meeting → negotiating → won`), except a lost lead reopened into
 * `contacted`: those entries, the exits from `lost`, did not come from `new`.
 */
function funnel(lines: readonly PipelineLine[]): FunnelStep[] {
  const leadsOf = (line: string) => lines.find((l) => l.line === line)?.leads ?? 0;
  const exits = (stage: LeadStage) =>
    dayBuckets.reduce<number>((sum, fromDays) => sum + leadsOf(`DAYS#${stage}#${fromDays}`), 0);
  const entered = (stage: LeadStage) => leadsOf(`STAGE#${stage}`) + exits(stage);
  return openStages.map((stage, i) => {
    const next = i + 1 < openStages.length ? openStages[i + 1]! : 'won';
    const movedOn = entered(next) - (next === 'contacted' ? exits('lost') : 0);
    const into = entered(stage);
    return {
      stage,
      entered: into,
      movedOn,
      conversion: into > 0 ? Math.round((movedOn / into) * 10_000) / 10_000 : 0,
    };
  });
}

function histogram(stage: string, lines: readonly PipelineLine[]): DaysHistogram {
  const buckets = dayBuckets.map((fromDays, i) => ({
    fromDays,
    toDays: i + 1 < dayBuckets.length ? dayBuckets[i + 1]! - 1 : null,
    leads: lines.find((l) => l.line === `DAYS#${stage}#${fromDays}`)?.leads ?? 0,
  }));
  const left = buckets.reduce((sum, b) => sum + b.leads, 0);
  let seen = 0;
  const middle = buckets.find((b) => {
    seen += b.leads;
    return left > 0 && seen * 2 >= left;
  });
  return {
    stage,
    buckets,
    left,
    median: middle ? { fromDays: middle.fromDays, toDays: middle.toDays } : null,
  };
}
