import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { indexListPage, type SummaryCheck } from '../data/checked-query.ts';
import { currencyUsageLeg } from '../data/currency-usage.ts';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import { guardLegs, itemDiffLegs } from '../data/item-diff.ts';
import { type Key, leadDuePartition, leadListPartition, leadPartition } from '../data/keys.ts';
import type { LastKey } from '../data/prefix-search.ts';
import { queryAll } from '../data/query-all.ts';
import { type TransactLeg, transactWrite } from '../data/transact.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { ruleReason } from '../domain/issue-rules.ts';
import { decoded } from '../members/stored-item-error.ts';
import { leadChangeItem } from './lead-changes.ts';
import {
  type LeadFacet,
  leadFromItems,
  leadGuardItems,
  leadIndexItems,
  leadItem,
  timelineItem,
} from './lead-items.ts';
import type { Lead, LeadSummary, TimelineEntry } from './lead-schema.ts';

export interface LeadWrite {
  before: Lead | undefined;
  after: Lead;
  /** Timeline entries the write adds (a transition, an activity, the creation, an edit). */
  entries: TimelineEntry[];
}

export interface Page<T> {
  items: T[];
  lastKey: LastKey | undefined;
}

/**
 * Reads and writes leads. Every write is one transaction: the lead, the timeline entries it adds, its
 * open-lead guard and its index items, so a transition can never be missing from the timeline.
 */
export class LeadRepository {
  constructor(private readonly db: Database) {}

  async get(id: string, options: { consistent?: boolean } = {}) {
    const items: Record<string, unknown>[] = [];
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': leadPartition(id) },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    })) {
      items.push(item);
    }
    return decoded(() => leadFromItems(items));
  }

  async write(write: LeadWrite): Promise<void> {
    const table = this.db.tableName;
    const { before, after } = write;
    const legs: TransactLeg[] = [
      {
        Put: {
          TableName: table,
          Item: leadItem(after),
          ...(before
            ? {
                ConditionExpression: 'attribute_exists(pk) AND version = :expected',
                ExpressionAttributeValues: { ':expected': before.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...write.entries.map(
        (entry): TransactLeg => ({
          Put: {
            TableName: table,
            Item: timelineItem(after.id, entry),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      ),
    ];
    const guards = guardLegs(table, before ? leadGuardItems(before) : [], leadGuardItems(after), {
      attribute: 'leadId',
      id: after.id,
    });
    const guardLeg = new Set<number>();
    for (const { leg, claims } of guards) {
      if (claims) guardLeg.add(legs.length);
      legs.push(leg);
    }
    legs.push(...itemDiffLegs(table, before ? leadIndexItems(before) : [], leadIndexItems(after)));
    // The change event the pipeline report counts, in the same transaction: it exists if and only if
    // the write does (the outbox; see reports/pipeline-aggregates.ts).
    const change = leadChangeItem(before, after, write.entries);
    if (change) legs.push({ Put: { TableName: table, Item: change } });
    const currencyLeg = new Map<number, string>();
    for (const { currency, delta } of currencyDeltas(before, after)) {
      if (delta > 0) currencyLeg.set(legs.length, currency);
      legs.push(currencyUsageLeg(table, currency, 'leadCount', delta, after.updatedAt.slice(0, 10)));
    }
    try {
      await transactWrite(this.db, legs);
    } catch (error) {
      throw await this.explain(error, legs, guardLeg, currencyLeg, before !== undefined);
    }
  }

  /**
   * One page of a lead list, newest activity first: an index partition, its entries checked for the
   * filters it does not serve (data/checked-query.ts).
   */
  async list(options: {
    facet: LeadFacet;
    value: string;
    check?: SummaryCheck | undefined;
    limit: number;
    startKey?: LastKey | undefined;
  }): Promise<Page<LeadSummary>> {
    const page = await indexListPage(
      this.db,
      {
        index: 'gsi1',
        partition: leadListPartition(options.facet, options.value),
        descending: true,
        check: options.check,
      },
      { limit: options.limit, startKey: options.startKey },
    );
    return { items: page.items.map((i) => i.summary as LeadSummary), lastKey: page.lastKey };
  }

  /** Every lead's id, from the all-leads index (for the report's rebuild). */
  async *allIds(): AsyncGenerator<string> {
    for await (const item of queryAll(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': leadListPartition('all', 'leads') },
      ProjectionExpression: 'summary.id',
    })) {
      yield String((item.summary as { id: string }).id);
    }
  }

  /** Open leads whose next action was due before `today`, the longest overdue first. */
  async overdue(options: {
    today: string;
    check?: SummaryCheck | undefined;
    limit: number;
    startKey?: LastKey | undefined;
  }): Promise<Page<LeadSummary>> {
    const page = await indexListPage(
      this.db,
      { index: 'gsi2', partition: leadDuePartition, sortKeyBelow: options.today, check: options.check },
      { limit: options.limit, startKey: options.startKey },
    );
    return { items: page.items.map((i) => i.summary as LeadSummary), lastKey: page.lastKey };
  }

  private async explain(
    error: unknown,
    legs: TransactLeg[],
    guardLeg: Set<number>,
    currencyLeg: Map<number, string>,
    isUpdate: boolean,
  ): Promise<unknown> {
    const reasons = cancellationReasons(error);
    if (!reasons) return error;
    const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (failed < 0) return error;
    const currency = currencyLeg.get(failed);
    if (currency) {
      return new ValidationError([
        {
          path: 'estimatedValue.currency',
          message: `No ${currency} rate is in force today under the exchange-rate table; an admin adds one first.`,
          reason: ruleReason('noRateToday', { currency }),
        },
      ]);
    }
    if (guardLeg.has(failed)) {
      const guard = legs[failed]!.Put!.Item as Key;
      const holder = await this.leadIdHolding({ pk: guard.pk, sk: guard.sk });
      return new ConflictError(
        `An open lead for these two companies and this topic exists${holder ? `: ${holder}` : ''}.`,
        'topic',
        holder ? { kind: 'lead', id: holder } : undefined,
      );
    }
    if (failed === 0) {
      return isUpdate
        ? new PreconditionFailedError('The lead changed since it was read; fetch it again and retry.')
        : new ConflictError('A lead with this id already exists.');
    }
    return new NotFoundError('The lead changed during the write; retry.');
  }

  private async leadIdHolding(key: Key): Promise<string | undefined> {
    try {
      const result = await this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: key, ConsistentRead: true }),
      );
      return typeof result.Item?.leadId === 'string' ? result.Item.leadId : undefined;
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}

/**
 * How the lead moves issue 4's per-currency usage count (`leadCount` beside members' `memberCount`):
 * an admin cannot take the rate of a currency away while a lead's value is in it.
 */
function currencyDeltas(before: Lead | undefined, after: Lead): { currency: string; delta: number }[] {
  const was = before?.estimatedValue?.currency;
  const is = after.estimatedValue?.currency;
  if (was === is) return [];
  return [...(was ? [{ currency: was, delta: -1 }] : []), ...(is ? [{ currency: is, delta: 1 }] : [])];
}
