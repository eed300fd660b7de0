import { batchDelete, batchPut } from '../data/batch-write.ts';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons } from '../data/dynamo-errors.ts';
import {
  leadChangeShards,
  leadChangesPartition,
  pipelineAggregateKey,
  pipelineAggregatePartition,
} from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import { type TransactLeg, transactWrite } from '../data/transact.ts';
import type { LeadChange } from '../leads/lead-changes.ts';
import { type LineDelta, pipelineDeltas, type ToBase } from './pipeline-lines.ts';

/** One line of the pipeline aggregates as stored: its counters, and its value per currency. */
export interface PipelineLine {
  line: string;
  leads: number;
  won: number;
  wonBase: bigint;
  value: Record<string, bigint>;
}

const valueAttribute = (currency: string) => `value_${currency}`;

/**
 * The pipeline report's aggregate items (one partition, `AGGREGATE#PIPELINE`), kept current from the
 * lead change events that every lead write leaves in its own transaction (an outbox): `apply` adds one
 * event's deltas and deletes the event in one transaction that holds only while the event is pending,
 * so an event delivered twice, or by two consumers at once, counts once. Works the same fed by a
 * DynamoDB stream (AWS) or by draining the outbox (locally, and anywhere without streams).
 */
export class PipelineAggregates {
  constructor(private readonly db: Database) {}

  /** Applies one change once. Resolves to false when it had been applied (or was never written). */
  async apply(change: LeadChange, toBase: ToBase): Promise<boolean> {
    const deltas = pipelineDeltas(change.before, change.after, change.exits, toBase);
    const legs: TransactLeg[] = [
      {
        Delete: {
          TableName: this.db.tableName,
          Key: { pk: change.pk, sk: change.sk },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      ...deltas.map((delta) => this.addLeg(delta)),
    ];
    try {
      await transactWrite(this.db, legs);
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** The changes still pending, shard by shard, each in its lead's write order. */
  async *pending(): AsyncGenerator<LeadChange> {
    for (let shard = 0; shard < leadChangeShards; shard++) {
      for await (const item of queryAll(this.db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': leadChangesPartition(shard) },
        ConsistentRead: true,
      })) {
        yield item as unknown as LeadChange;
      }
    }
  }

  /** Applies every pending change; resolves to how many it applied (others applied them meanwhile). */
  async drain(toBase: ToBase): Promise<number> {
    let applied = 0;
    for await (const change of this.pending()) if (await this.apply(change, toBase)) applied++;
    return applied;
  }

  async lines(): Promise<PipelineLine[]> {
    const lines: PipelineLine[] = [];
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pipelineAggregatePartition },
    })) {
      lines.push(lineOf(item));
    }
    return lines;
  }

  /** Replaces every aggregate item by `lines` (the rebuild's), deleting those it no longer has. */
  async replace(lines: readonly LineDelta[]): Promise<void> {
    const current = await this.lines();
    const keep = new Set(lines.map((l) => l.line));
    const stale = current.filter((l) => !keep.has(l.line)).map((l) => pipelineAggregateKey(l.line));
    await batchDelete(
      this.db,
      stale.map((key) => ({ ...key })),
    );
    await batchPut(
      this.db,
      lines.map((l) => ({
        ...pipelineAggregateKey(l.line),
        type: 'pipelineAggregate',
        line: l.line,
        leads: l.leads,
        won: l.won,
        wonBase: l.wonBase,
        ...Object.fromEntries(
          Object.entries(l.value).map(([currency, amount]) => [valueAttribute(currency), amount]),
        ),
      })),
    );
  }

  private addLeg(delta: LineDelta): TransactLeg {
    const values = Object.entries(delta.value);
    return {
      Update: {
        TableName: this.db.tableName,
        Key: pipelineAggregateKey(delta.line),
        UpdateExpression:
          `ADD leads :leads, won :won, wonBase :wonBase${values.map((_, i) => `, #v${i} :v${i}`).join('')} ` +
          'SET #type = :type, line = :line',
        ExpressionAttributeNames: {
          '#type': 'type',
          ...Object.fromEntries(values.map(([currency], i) => [`#v${i}`, valueAttribute(currency)])),
        },
        ExpressionAttributeValues: {
          ':leads': delta.leads,
          ':won': delta.won,
          ':wonBase': delta.wonBase,
          ':type': 'pipelineAggregate',
          ':line': delta.line,
          ...Object.fromEntries(values.map(([, amount], i) => [`:v${i}`, amount])),
        },
      },
    };
  }
}

const big = (value: unknown): bigint =>
  typeof value === 'bigint' ? value : BigInt(typeof value === 'number' ? value : 0);

function lineOf(item: Record<string, unknown>): PipelineLine {
  const value: Record<string, bigint> = {};
  for (const [attribute, amount] of Object.entries(item)) {
    if (attribute.startsWith('value_')) value[attribute.slice('value_'.length)] = big(amount);
  }
  return {
    line: String(item.line),
    leads: Number(item.leads ?? 0),
    won: Number(item.won ?? 0),
    wonBase: big(item.wonBase),
    value,
  };
}
