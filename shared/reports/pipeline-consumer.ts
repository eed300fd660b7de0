import type { Database } from '../data/dynamo-client.ts';
import { convertMinorUnits, type RateTable } from '../domain/exchange-rates.ts';
import type { Currency } from '../domain/money.ts';
import { stageExits } from '../leads/lead-changes.ts';
import { LeadRepository } from '../leads/lead-repository.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { PipelineAggregates } from './pipeline-aggregates.ts';
import { linesOf, pipelineFactsOf, type ToBase } from './pipeline-lines.ts';

/** Won values in the rate table's base currency, at the rates in force on each lead's won date. */
export function toBaseWith(rates: RateTable): ToBase {
  return (value, at) =>
    convertMinorUnits(BigInt(value.amount), value.currency, rates.base as Currency, rates, new Date(at));
}

async function currentRates(db: Database): Promise<RateTable> {
  return (await new SettingsRepository(db).read()).rates.value;
}

/** Applies every pending lead change to the pipeline aggregates (the consumer where no stream runs it). */
export async function drainLeadChanges(db: Database): Promise<number> {
  return new PipelineAggregates(db).drain(toBaseWith(await currentRates(db)));
}

/**
 * The admin rebuild: applies what is pending, then computes every line from the leads as they are
 * (each lead and its timeline, listed from the all-leads index: no Scan) and replaces the aggregates
 * with them. Run it while no lead is being written: a write between the read of its lead and the
 * replacement would count twice.
 */
export async function rebuildPipeline(db: Database): Promise<{ leads: number; lines: number }> {
  const toBase = toBaseWith(await currentRates(db));
  const aggregates = new PipelineAggregates(db);
  await aggregates.drain(toBase);
  const repository = new LeadRepository(db);
  const leads: Parameters<typeof linesOf>[0] extends Iterable<infer T> ? T[] : never = [];
  for await (const id of repository.allIds()) {
    const found = await repository.get(id, { consistent: true });
    if (found)
      leads.push({ facts: pipelineFactsOf(found.lead), exits: stageExits(undefined, found.timeline) });
  }
  const lines = linesOf(leads, toBase);
  await aggregates.replace(lines);
  return { leads: leads.length, lines: lines.length };
}
