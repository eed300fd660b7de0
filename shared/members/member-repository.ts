import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchPut } from '../data/batch-write.ts';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import {
  type DirectoryFacet,
  directoryPartition,
  directorySortKey,
  directoryStatusPartition,
  memberHistoryKey,
  memberHistoryPartition,
  memberKey,
  memberPartition,
  searchPartitionKey,
  taxIdGuardKey,
  tierAggregateKey,
  tierAggregatePartition,
} from '../data/keys.ts';
import { type TransactLeg, transactWrite } from '../data/transact.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.ts';
import type { Member, MemberSummary } from '../domain/member-schema.ts';
import { searchKeys, searchPartition } from '../domain/name-search.ts';
import type { Actor } from './actor.ts';
import type { FieldChange } from './member-changes.ts';
import {
  contactItem,
  emailGuardItems,
  type Item,
  indexItems,
  memberFromItems,
  profileItem,
  taxIdGuardItem,
} from './member-items.ts';
import { tierDeltas } from './tier-aggregates.ts';

export type LastKey = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  lastKey: LastKey | undefined;
}

export interface HistoryEntry {
  id: string;
  memberId: string;
  at: string;
  actor: Actor;
  action: 'create' | 'update' | 'resign' | 'erase' | 'retier' | 'import';
  changes: FieldChange[];
}

export interface MemberWrite {
  before: Member | undefined;
  after: Member;
  history: HistoryEntry;
  /** Items written in the same transaction, such as suppression entries of an erasure. */
  extraItems?: Item[];
}

/** What each transaction leg guards, so a cancelled transaction can name the field that blocked it. */
type LegMeaning = { kind: 'profile' } | { kind: 'unique'; field: string } | { kind: 'other' };

const keyOf = (item: { pk: unknown; sk: unknown }) => `${item.pk}\u0000${item.sk}`;
const sameItem = (a: Item, b: Item) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Reads and writes members. Every write is one transaction holding the profile, its contacts, the
 * uniqueness guards, the index items, the history entry and the tier aggregates, so none of them can
 * disagree with another.
 */
export class MemberRepository {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Member | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': memberPartition(id) },
    });
    return memberFromItems(items);
  }

  async memberIdByTaxId(country: string, taxId: string): Promise<string | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(new GetCommand({ TableName: this.db.tableName, Key: taxIdGuardKey(country, taxId) })),
    );
    return result.Item?.memberId as string | undefined;
  }

  async write({ before, after, history, extraItems = [] }: MemberWrite): Promise<void> {
    const legs: TransactLeg[] = [];
    const meanings: LegMeaning[] = [];
    const table = this.db.tableName;
    const push = (leg: TransactLeg, meaning: LegMeaning = { kind: 'other' }) => {
      legs.push(leg);
      meanings.push(meaning);
    };

    push(
      {
        Put: {
          TableName: table,
          Item: profileItem(after),
          ...(before
            ? {
                ConditionExpression: 'attribute_exists(pk) AND version = :expected',
                ExpressionAttributeValues: { ':expected': before.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      { kind: 'profile' },
    );

    const oldContacts = new Map(
      (before?.contacts ?? []).map((c) => [c.id, contactItem(after.id, c, before!)]),
    );
    for (const contact of after.contacts) {
      const item = contactItem(after.id, contact, after);
      const old = oldContacts.get(contact.id);
      if (!old || JSON.stringify({ ...old, ...stampOf(item) }) !== JSON.stringify(item)) {
        push({ Put: { TableName: table, Item: item } });
      }
      oldContacts.delete(contact.id);
    }
    for (const removed of oldContacts.values()) {
      push({ Delete: { TableName: table, Key: { pk: removed.pk, sk: removed.sk } } });
    }

    const guardPaths = new Map<string, string>();
    guardPaths.set(keyOf(taxIdGuardItem(after)), 'taxId');
    after.contacts.forEach((c, i) => {
      if (c.email)
        guardPaths.set(keyOf(emailGuardItems({ ...after, contacts: [c] })[0]!), `contacts.${i}.email`);
    });
    const oldGuards = before ? [taxIdGuardItem(before), ...emailGuardItems(before)] : [];
    const newGuards = [taxIdGuardItem(after), ...emailGuardItems(after)];
    const oldGuardKeys = new Map(oldGuards.map((g) => [keyOf(g), g]));
    for (const guard of newGuards) {
      const old = oldGuardKeys.get(keyOf(guard));
      oldGuardKeys.delete(keyOf(guard));
      if (old && old.contactId === guard.contactId) continue;
      push(
        {
          Put: {
            TableName: table,
            Item: guard,
            // The guard may already be ours (an email moving between two of our contacts), never another's.
            ConditionExpression: 'attribute_not_exists(pk) OR memberId = :self',
            ExpressionAttributeValues: { ':self': after.id },
          },
        },
        { kind: 'unique', field: guardPaths.get(keyOf(guard)) ?? 'taxId' },
      );
    }
    for (const released of oldGuardKeys.values()) {
      push({
        Delete: {
          TableName: table,
          Key: { pk: released.pk, sk: released.sk },
          ConditionExpression: 'memberId = :self',
          ExpressionAttributeValues: { ':self': after.id },
        },
      });
    }

    const oldIndex = new Map((before ? indexItems(before) : []).map((i) => [keyOf(i), i]));
    for (const item of indexItems(after)) {
      const old = oldIndex.get(keyOf(item));
      oldIndex.delete(keyOf(item));
      if (old && sameItem({ ...old, ...stampOf(item) }, item)) continue;
      push({ Put: { TableName: table, Item: item } });
    }
    for (const removed of oldIndex.values()) {
      push({ Delete: { TableName: table, Key: { pk: removed.pk, sk: removed.sk } } });
    }

    push({
      Put: {
        TableName: table,
        Item: { ...memberHistoryKey(after.id, history.id), type: 'auditEntry', ...history },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });

    for (const item of extraItems) push({ Put: { TableName: table, Item: item } });

    for (const delta of tierDeltas(before, after)) {
      push({
        Update: {
          TableName: table,
          Key: tierAggregateKey(delta.tier),
          UpdateExpression: 'ADD memberCount :count, revenue :revenue SET #type = :type, tier = :tier',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':count': delta.memberCount,
            ':revenue': delta.revenue,
            ':type': 'tierAggregate',
            ':tier': delta.tier,
          },
        },
      });
    }

    try {
      await transactWrite(this.db, legs);
    } catch (error) {
      throw explainCancellation(error, meanings, before !== undefined);
    }
  }

  async listByFacet(options: {
    facet: DirectoryFacet;
    value: string;
    status?: string;
    limit: number;
    startKey?: LastKey;
  }): Promise<Page<MemberSummary>> {
    const byStatus = options.status !== undefined && options.facet !== 'status';
    const page = await this.queryPage({
      IndexName: byStatus ? 'gsi2' : 'gsi1',
      KeyConditionExpression: byStatus ? 'gsi2pk = :pk' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': byStatus
          ? directoryStatusPartition(options.facet, options.value, options.status!)
          : directoryPartition(options.facet, options.value),
      },
      Limit: options.limit,
      ExclusiveStartKey: options.startKey,
    });
    return { items: page.items.map((i) => i.summary as MemberSummary), lastKey: page.lastKey };
  }

  /**
   * Name search: the query's two-letter shard, then `begins_with` on the normalised key. A member can
   * match through two of its keys ("viet" hits "viet nam viet phat" and "viet phat"), and the two can
   * fall on different pages; so a member is returned only at the first of its keys that matches, in
   * index order, which every page can tell from the member's name alone.
   */
  async search(options: { query: string; limit: number; startKey?: LastKey }): Promise<Page<MemberSummary>> {
    const page = await this.queryPage({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': searchPartitionKey(searchPartition(options.query)),
        ':prefix': options.query,
      },
      Limit: options.limit,
      ExclusiveStartKey: options.startKey,
    });
    const seen = new Set<string>();
    const items: MemberSummary[] = [];
    for (const item of page.items) {
      const summary = item.summary as MemberSummary;
      const first = searchKeys(summary.name)
        .filter((key) => key.startsWith(options.query))
        .map((key) => directorySortKey(key, summary.id))
        .sort()[0];
      if (first !== undefined && first !== item.gsi1sk) continue;
      if (seen.has(summary.id)) continue;
      seen.add(summary.id);
      items.push(summary);
    }
    return { items, lastKey: page.lastKey };
  }

  async history(memberId: string, limit: number, startKey?: LastKey): Promise<Page<HistoryEntry>> {
    const page = await this.queryPage({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': memberHistoryPartition(memberId) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return {
      items: page.items.map(
        ({ pk: _pk, sk: _sk, type: _type, ...entry }) => entry as unknown as HistoryEntry,
      ),
      lastKey: page.lastKey,
    };
  }

  async allHistory(memberId: string): Promise<HistoryEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': memberHistoryPartition(memberId) },
      ScanIndexForward: false,
    });
    return items.map(({ pk: _pk, sk: _sk, type: _type, ...entry }) => entry as unknown as HistoryEntry);
  }

  /**
   * Replaces every recorded value that belonged to the given contacts with a tombstone; `'all'` means
   * every contact the member has ever had, including ones removed before the erasure.
   */
  async tombstoneHistory(memberId: string, contactIds: Set<string> | 'all', marker: string): Promise<number> {
    const belongs = (field: string) =>
      contactIds === 'all'
        ? field.startsWith('contacts.')
        : [...contactIds].some((id) => field === `contacts.${id}` || field.startsWith(`contacts.${id}.`));
    const rewritten = (await this.allHistory(memberId))
      .filter((entry) => entry.changes.some((c) => belongs(c.field) && !c.field.endsWith('.erasedAt')))
      .map((entry) => ({
        ...memberHistoryKey(memberId, entry.id),
        type: 'auditEntry',
        ...entry,
        changes: entry.changes.map((c) =>
          belongs(c.field) && !c.field.endsWith('.erasedAt')
            ? { field: c.field, old: c.old === null ? null : marker, new: c.new === null ? null : marker }
            : c,
        ),
      }));
    await batchPut(this.db, rewritten);
    return rewritten.length;
  }

  async tierAggregates(): Promise<{ tier: string; memberCount: number; revenue: number }[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': tierAggregatePartition },
    });
    return items.map((i) => ({
      tier: i.tier as string,
      memberCount: Number(i.memberCount ?? 0),
      revenue: Number(i.revenue ?? 0),
    }));
  }

  exists(id: string): Promise<boolean> {
    return this.send(() =>
      this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: memberKey(id), ProjectionExpression: 'pk' }),
      ),
    ).then((r) => r.Item !== undefined);
  }

  private async queryPage(input: Omit<QueryCommandInput, 'TableName'>) {
    const result = await this.send(() =>
      this.db.doc.send(new QueryCommand({ TableName: this.db.tableName, ...input })),
    );
    return { items: (result.Items ?? []) as Record<string, unknown>[], lastKey: result.LastEvaluatedKey };
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let startKey: LastKey | undefined;
    do {
      const page = await this.queryPage({ ...input, ExclusiveStartKey: startKey });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}

function stampOf(item: Item) {
  return { createdAt: item.createdAt, updatedAt: item.updatedAt, version: item.version };
}

function explainCancellation(error: unknown, meanings: LegMeaning[], isUpdate: boolean): unknown {
  const reasons = cancellationReasons(error);
  if (!reasons) return error;
  const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  const meaning = meanings[failed];
  if (!meaning) return error;
  if (meaning.kind === 'unique') {
    const what = meaning.field === 'taxId' ? 'tax id' : 'contact email';
    return new ConflictError(`Another member already holds this ${what}.`, meaning.field);
  }
  if (meaning.kind === 'profile') {
    return isUpdate
      ? new PreconditionFailedError('The member changed since it was read; fetch it again and retry.')
      : new ConflictError('A member with this id already exists.');
  }
  return new NotFoundError('The member changed or disappeared during the write; retry.');
}
