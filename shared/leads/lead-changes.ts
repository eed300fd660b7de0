import { type Key, leadChangeKey } from '../data/keys.ts';
import { sameValue } from '../domain/same-value.ts';
import type { Item } from '../members/member-items.ts';
import { type PipelineFacts, pipelineFactsOf, type StageExit } from '../reports/pipeline-lines.ts';
import type { Lead, TimelineEntry } from './lead-schema.ts';

/**
 * A lead's change event, as its write leaves it in the outbox in the same transaction: the report's
 * facts of the lead before and after, and the stages it left on the way. Keyed by lead and version,
 * so the event of one write has one key, however often it is delivered.
 */
export interface LeadChange extends Key {
  leadId: string;
  version: number;
  before: PipelineFacts | null;
  after: PipelineFacts;
  exits: StageExit[];
}

/**
 * The stages the write's transition entries leave, with when the lead had entered each: from the
 * lead as it was (or the creation entry of a new one), then each transition in time order.
 */
export function stageExits(before: Lead | undefined, entries: readonly TimelineEntry[]): StageExit[] {
  let enteredAt = before?.stageEnteredAt;
  const exits: StageExit[] = [];
  for (const entry of [...entries].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))) {
    if (entry.type === 'created') enteredAt = entry.at;
    if (entry.type === 'transition' && entry.from && enteredAt) {
      exits.push({ stage: entry.from, enteredAt, at: entry.at });
      enteredAt = entry.at;
    }
  }
  return exits;
}

/** The outbox item of a write, or none when the write changes nothing the report counts. */
export function leadChangeItem(
  before: Lead | undefined,
  after: Lead,
  entries: readonly TimelineEntry[],
): Item | undefined {
  const change = {
    before: before ? pipelineFactsOf(before) : null,
    after: pipelineFactsOf(after),
    exits: stageExits(before, entries),
  };
  if (change.before && change.exits.length === 0 && sameValue(change.before, change.after)) return undefined;
  const key = leadChangeKey(after.id, after.version);
  return { ...key, type: 'leadChange', leadId: after.id, version: after.version, ...change };
}
