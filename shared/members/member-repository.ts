import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchPut } from '../data/batch-write.ts';
import { indexListPage, type SummaryCondition, summaryCheck } from '../data/checked-query.ts';
import { currencyUsageLeg } from '../data/currency-usage.ts';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import { type GuardOwner, guardLegs, itemDiffLegs, itemKeyOf } from '../data/item-diff.ts';
import {
  addressConfirmationKey,
  type DirectoryFacet,
  directoryPartition,
  directoryStatusPartition,
  emailConflictsPartition,
  emailGuardKey,
  type Key,
  memberHistoryPartition,
  memberKey,
  searchPartitionKey,
  taxIdGuardKey,
  tierAggregateKey,
} from '../data/keys.ts';
import { mergedIndexListPage } from '../data/merged-index-page.ts';
import { prefixSearch } from '../data/prefix-search.ts';
import { queryPage } from '../data/query-all.ts';
import { maxTransactionItems, type TransactLeg, transactWrite } from '../data/transact.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { ruleReason } from '../domain/issue-rules.ts';
import type { Member, MemberSummary } from '../domain/member-schema.ts';
import { searchKeys, searchPartition } from '../domain/name-search.ts';
import { unassessedTier } from '../domain/tiers.ts';
import { readTierAggregates } from '../reports/tier-aggregates-read.ts';
import type { TierAggregate } from '../reports/tier-report.ts';
import {
  ConfirmationSpentError,
  confirmationCountUpdate,
  tooManyConfirmations,
} from './address-confirmation.ts';
import type { DirectoryWhere } from './directory-query.ts';
import type { HistoryEntry } from './history-entry.ts';
import { tombstoned } from './history-tombstones.ts';
import {
  contactItem,
  emailGuardItems,
  historyEntryOf,
  historyItem,
  type Item,
  indexItems,
  profileItem,
  storedIndexItems,
  taxIdGuardItem,
} from './member-items.ts';
import { readMember } from './member-read.ts';
import { decoded } from './stored-item-error.ts';
import { currencyUsageDeltas, tierDeltas } from './tier-aggregates.ts';

export type LastKey = Record<string, unknown>;

/** A contact whose confirmed address another member holds. */
export interface EmailConflict {
  memberId: string;
  memberName: string;
  contactId: string;
  contactName: string;
  email: string;
}

export interface Page<T> {
  items: T[];
  lastKey: LastKey | undefined;
}

/**
 * `consistent` makes a read strongly consistent: for every read a conditional write is based on, which
 * an eventually consistent read could serve from before the caller's own previous write (a spurious 412).
 */
export interface ReadOptions {
  consistent?: boolean;
}

export interface MemberWrite {
  before: Member | undefined;
  after: Member;
  history: HistoryEntry;
  /** Items written in the same transaction, such as suppression entries of an erasure. */
  extraItems?: Item[];
  /** Items deleted in the same transaction whether or not they exist (an erasure's pending confirmations). */
  alsoDelete?: Key[];
  /**
   * Confirmation emails the write causes for a member's own new addresses, counted against its daily
   * limit in the same transaction: over the limit, nothing is written (429).
   */
  confirmations?: { count: number; at: Date };
  /** The confirmation link the write spends: only while it is the contact's pending one (single use). */
  spendsConfirmation?: { contactId: string; secretHash: string };
  /** A partner joining as this member: the guards it holds pass to the member in the same transaction. */
  takesGuardsFrom?: GuardOwner;
  /**
   * Legs of the same transaction beyond the member's own (the joining partner's items), each with
   * what its failed condition means (a 412's detail).
   */
  alsoLegs?: { leg: TransactLeg; staleDetail?: string }[];
}

/** What each transaction leg guards, so a cancelled transaction can name the field that blocked it. */
type LegMeaning = (
  | { kind: 'profile' }
  | { kind: 'unique'; field: string }
  | { kind: 'rate'; currency: string; day: string; members?: number[] }
  | { kind: 'condition' }
  | { kind: 'confirmationLimit'; at: Date }
  | { kind: 'confirmationSpent' }
  | { kind: 'stale'; detail: string }
  | { kind: 'other' }
) & {
  /** The member write the leg belongs to, by position in its transaction (createMany). */
  member?: number;
};

/**
 * Reads and writes members. Every write is one transaction holding the profile, its contacts, the
 * uniqueness guards, the index items, the history entry and the tier aggregates, so none of them can
 * disagree with another.
 */
export class MemberRepository {
  constructor(private readonly db: Database) {}

  async get(id: string, options: ReadOptions = {}): Promise<Member | undefined> {
    return readMember(this.db, id, options);
  }

  async memberIdByTaxId(
    country: string,
    taxId: string,
    options: ReadOptions = {},
  ): Promise<string | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(
        new GetCommand({
          TableName: this.db.tableName,
          Key: taxIdGuardKey(country, taxId),
          ...consistency(options),
        }),
      ),
    );
    return result.Item?.memberId as string | undefined;
  }

  /** Which member's or partner's contact holds a verified address (its guard), if any. */
  async holderOfEmail(
    email: string,
  ): Promise<(({ memberId: string } | { partnerId: string }) & { contactId: string }) | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(new GetCommand({ TableName: this.db.tableName, Key: emailGuardKey(email) })),
    );
    const item = result.Item;
    if (!item) return undefined;
    const contactId = String(item.contactId);
    return typeof item.partnerId === 'string'
      ? { partnerId: item.partnerId, contactId }
      : { memberId: String(item.memberId), contactId };
  }

  /** Contacts whose confirmed address another member holds, by member: staff resolve each. */
  async emailConflicts(limit: number, startKey: LastKey | undefined): Promise<Page<EmailConflict>> {
    const page = await queryPage(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': emailConflictsPartition },
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return {
      items: page.items.map((i) => ({
        memberId: String(i.memberId),
        memberName: String(i.memberName),
        contactId: String(i.contactId),
        contactName: String(i.contactName),
        email: String(i.email),
      })),
      lastKey: page.lastKey,
    };
  }

  async write(write: MemberWrite): Promise<void> {
    const legs = new WriteLegs(this.db.tableName);
    legs.addMember(write);
    try {
      await transactWrite(this.db, legs.done());
    } catch (error) {
      throw explainCancellation(error, legs.meanings, write.before !== undefined);
    }
  }

  /**
   * Creates new members in as few transactions as fit, for the demo seed that fills a table users may
   * already be writing to. Each member is written with all its items only if its id, its tax id and its
   * emails are all free; the aggregates it adds are merged per item and added (ADD), so they commute
   * with the deltas of concurrent member writes. `conditions` (e.g. that the settings the members were
   * computed with are unchanged) join every transaction: once one fails, the rest are not written and
   * `conditionsChanged` says so.
   */
  async createMany(
    creates: readonly Omit<MemberWrite, 'before'>[],
    conditions: readonly TransactLeg[] = [],
  ): Promise<CreateManyResult> {
    const result: CreateManyResult = { written: [], refused: [], conditionsChanged: false };
    let pending = creates.map((create, index) => ({ ...create, index }));
    while (pending.length > 0) {
      const legs = new WriteLegs(this.db.tableName);
      for (const leg of conditions) legs.push(leg, { kind: 'condition' });
      const batch: typeof pending = [];
      for (const create of pending) {
        const fits = legs.wouldFit({ before: undefined, ...create });
        if (!fits && batch.length > 0) break;
        legs.addMember({ before: undefined, ...create }, batch.length);
        batch.push(create);
      }
      try {
        await transactWrite(this.db, legs.done());
        result.written.push(...batch.map((create) => create.after));
        pending = pending.slice(batch.length);
      } catch (error) {
        const refused = refusedMembers(error, legs.meanings);
        if (!refused) throw error;
        if (refused === 'conditions') return { ...result, conditionsChanged: true };
        for (const [position, reason] of refused)
          result.refused.push({ member: batch[position]!.after, reason });
        // Retried without the refused: their legs are gone, and so are their aggregate deltas.
        pending = pending.filter((_, position) => !refused.has(position) || position >= batch.length);
      }
    }
    return result;
  }

  /**
   * One page of a facet's list (access pattern 4); a combination's other facets (`where`) are checked
   * against each entry's summary as DynamoDB reads it (indexListPage).
   */
  async listByFacet(options: {
    facet: DirectoryFacet;
    value: string;
    /** The values whose lists are merged into one, when more than `value` (DirectoryPlan). */
    within?: readonly string[];
    status?: string;
    where?: DirectoryWhere;
    limit: number;
    startKey?: LastKey;
  }): Promise<Page<MemberSummary>> {
    const { status } = options;
    const index = status === undefined ? 'gsi1' : 'gsi2';
    const partitionOf = (value: string) =>
      status === undefined
        ? directoryPartition(options.facet, value)
        : directoryStatusPartition(options.facet, value, status);
    const check = summaryCheck(whereConditions(options.where ?? {}));
    const page = { limit: options.limit, startKey: options.startKey };
    const read = options.within
      ? await mergedIndexListPage(
          this.db,
          { index, partitions: options.within.map(partitionOf), check },
          page,
        )
      : await indexListPage(this.db, { index, partition: partitionOf(options.value), check }, page);
    return { items: read.items.map((i) => i.summary as MemberSummary), lastKey: read.lastKey };
  }

  /**
   * Name search: the query's two-letter shard, then `begins_with` on the normalised key (prefixSearch);
   * the filters given with it (`where`) checked against each match's summary as DynamoDB reads it.
   */
  search(options: {
    query: string;
    where?: DirectoryWhere | undefined;
    limit: number;
    startKey?: LastKey | undefined;
  }): Promise<Page<MemberSummary>> {
    const { where, ...page } = options;
    return prefixSearch<MemberSummary>(this.db, {
      ...page,
      partition: searchPartitionKey(searchPartition(options.query)),
      keysOf: (summary) => searchKeys(summary.name),
      check: summaryCheck(whereConditions(where ?? {})),
    });
  }

  async history(
    memberId: string,
    limit: number,
    startKey?: LastKey,
    options: ReadOptions = {},
  ): Promise<Page<HistoryEntry>> {
    const page = await queryPage(this.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': memberHistoryPartition(memberId) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
      ...consistency(options),
    });
    return { items: decoded(() => page.items.map(historyEntryOf)), lastKey: page.lastKey };
  }

  async allHistory(memberId: string, options: ReadOptions = {}): Promise<HistoryEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': memberHistoryPartition(memberId) },
      ScanIndexForward: false,
      ...consistency(options),
    });
    return decoded(() => items.map(historyEntryOf));
  }

  /**
   * Replaces every recorded value that belonged to the given contacts with a tombstone; `'all'` means
   * every contact the member has ever had, including ones removed before the erasure. Idempotent, and
   * reads the history consistently so an entry written just before is not missed.
   */
  async tombstoneHistory(memberId: string, contactIds: Set<string> | 'all', marker: string): Promise<number> {
    const rewritten = tombstoned(
      await this.allHistory(memberId, { consistent: true }),
      contactIds,
      marker,
    ).map(historyItem);
    await batchPut(this.db, rewritten);
    return rewritten.length;
  }

  /** The per-tier aggregate lines (tier-aggregates-read.ts). */
  tierAggregates(): Promise<TierAggregate[]> {
    return readTierAggregates(this.db);
  }

  exists(id: string): Promise<boolean> {
    return this.send(() =>
      this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: memberKey(id), ProjectionExpression: 'pk' }),
      ),
    ).then((r) => r.Item !== undefined);
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let startKey: LastKey | undefined;
    do {
      const page = await queryPage(this.db, { ...input, ExclusiveStartKey: startKey });
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

/** Why the demo seed did not write a member: it exists already, its tax id or an email is held, or no rate. */
export type CreateRefusal = 'exists' | 'held' | 'rate';

export interface CreateManyResult {
  written: Member[];
  refused: { member: Member; reason: CreateRefusal }[];
  /** A condition passed in stopped holding; the members neither written nor refused were not tried. */
  conditionsChanged: boolean;
}

/**
 * The legs of one transaction: each member write's own legs, then the aggregates they move, merged
 * per aggregate item (a transaction may touch an item once), each leg with what it guards.
 */
class WriteLegs {
  readonly legs: TransactLeg[] = [];
  readonly meanings: LegMeaning[] = [];
  private readonly tierLines = new Map<string, { memberCount: number; revenue: number }>();
  private readonly usage = new Map<string, { memberCount: number; day: string; members: number[] }>();
  private member: number | undefined;

  constructor(private readonly table: string) {}

  push(leg: TransactLeg, meaning: LegMeaning = { kind: 'other' }): void {
    this.legs.push(leg);
    this.meanings.push(this.member === undefined ? meaning : { ...meaning, member: this.member });
  }

  /** Whether adding this write keeps the transaction within DynamoDB's limit. */
  wouldFit(write: MemberWrite): boolean {
    const probe = new WriteLegs(this.table);
    probe.addMember(write);
    const aggregates = new Set([
      ...this.tierLines.keys(),
      ...tierDeltas(write.before, write.after).map((d) => d.tier),
    ]);
    const currencies = new Set([
      ...this.usage.keys(),
      ...currencyUsageDeltas(write.before, write.after).map((d) => d.currency),
    ]);
    return this.legs.length + probe.legs.length + aggregates.size + currencies.size <= maxTransactionItems;
  }

  addMember(write: MemberWrite, member?: number): void {
    this.member = member;
    const { before, after, history, extraItems = [] } = write;
    const table = this.table;
    this.push(
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

    const contactItems = (member: Member) => member.contacts.map((c) => contactItem(member.id, c, member));
    for (const leg of itemDiffLegs(table, before ? contactItems(before) : [], contactItems(after))) {
      this.push(leg);
    }

    const guardPaths = new Map<string, string>();
    guardPaths.set(itemKeyOf(taxIdGuardItem(after)), 'taxId');
    after.contacts.forEach((c, i) => {
      const [guard] = emailGuardItems({ ...after, contacts: [c] });
      if (guard) guardPaths.set(itemKeyOf(guard), `contacts.${i}.email`);
    });
    const guards = (member: Member) => [taxIdGuardItem(member), ...emailGuardItems(member)];
    for (const { leg, claims } of guardLegs(
      table,
      before ? guards(before) : [],
      guards(after),
      { attribute: 'memberId', id: after.id },
      write.takesGuardsFrom,
    )) {
      this.push(leg, claims && { kind: 'unique', field: guardPaths.get(itemKeyOf(claims)) ?? 'taxId' });
    }

    for (const leg of itemDiffLegs(table, before ? storedIndexItems(before) : [], indexItems(after))) {
      this.push(leg);
    }

    this.push({
      Put: { TableName: table, Item: historyItem(history), ConditionExpression: 'attribute_not_exists(pk)' },
    });

    for (const item of extraItems) this.push({ Put: { TableName: table, Item: item } });
    for (const key of write.alsoDelete ?? []) this.push({ Delete: { TableName: table, Key: key } });
    for (const { leg, staleDetail } of write.alsoLegs ?? []) {
      this.push(leg, staleDetail === undefined ? { kind: 'other' } : { kind: 'stale', detail: staleDetail });
    }
    if (write.confirmations && write.confirmations.count > 0) {
      const { count, at } = write.confirmations;
      this.push(
        {
          Update: {
            TableName: table,
            ...confirmationCountUpdate(after.id, at, count),
          },
        },
        { kind: 'confirmationLimit', at },
      );
    }
    if (write.spendsConfirmation) {
      this.push(
        {
          Delete: {
            TableName: table,
            Key: addressConfirmationKey(after.id, write.spendsConfirmation.contactId),
            ConditionExpression: 'secretHash = :secret',
            ExpressionAttributeValues: { ':secret': write.spendsConfirmation.secretHash },
          },
        },
        { kind: 'confirmationSpent' },
      );
    }

    for (const delta of tierDeltas(before, after)) {
      const line = this.tierLines.get(delta.tier) ?? { memberCount: 0, revenue: 0 };
      line.memberCount += delta.memberCount;
      line.revenue += delta.revenue;
      this.tierLines.set(delta.tier, line);
    }
    // The day the write converted its revenue on, to check against the rate table it did not read.
    const day = after.updatedAt.slice(0, 10);
    for (const delta of currencyUsageDeltas(before, after)) {
      const line = this.usage.get(delta.currency) ?? { memberCount: 0, day, members: [] };
      line.memberCount += delta.memberCount;
      if (day < line.day) line.day = day;
      if (delta.memberCount > 0 && member !== undefined) line.members.push(member);
      this.usage.set(delta.currency, line);
    }
    this.member = undefined;
  }

  /** The legs, with the merged aggregate legs appended. */
  done(): TransactLeg[] {
    const table = this.table;
    for (const [tier, delta] of this.tierLines) {
      if (delta.memberCount === 0 && delta.revenue === 0) continue;
      // No ceiling: a line is a sum that DynamoDB holds exactly (38 digits) and the report reads as a
      // bigint, so a line beyond Number.MAX_SAFE_INTEGER is reported, not refused.
      this.push({
        Update: {
          TableName: table,
          Key: tierAggregateKey(tier),
          UpdateExpression: 'ADD memberCount :count, revenue :revenue SET #type = :type, tier = :tier',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':count': delta.memberCount,
            ':revenue': delta.revenue,
            ':type': 'tierAggregate',
            ':tier': tier,
          },
        },
      });
    }
    for (const [currency, { memberCount, day, members }] of this.usage) {
      if (memberCount === 0) continue;
      const joins = memberCount > 0;
      this.push(
        currencyUsageLeg(table, currency, 'memberCount', memberCount, day),
        joins ? { kind: 'rate', currency, day, members } : { kind: 'other' },
      );
    }
    return this.legs;
  }
}

/**
 * For createMany: the members (by position in the transaction) a cancelled transaction refused and
 * why, 'conditions' when a caller's condition failed, or undefined when it was not a condition failure.
 */
function refusedMembers(
  error: unknown,
  meanings: LegMeaning[],
): Map<number, CreateRefusal> | 'conditions' | undefined {
  const reasons = cancellationReasons(error);
  if (!reasons) return undefined;
  const refused = new Map<number, CreateRefusal>();
  for (const [leg, reason] of reasons.entries()) {
    if (reason.Code !== 'ConditionalCheckFailed') continue;
    const meaning = meanings[leg];
    if (!meaning) return undefined;
    if (meaning.kind === 'condition') return 'conditions';
    if (meaning.kind === 'rate') {
      for (const member of meaning.members ?? []) refused.set(member, 'rate');
    } else if (meaning.member !== undefined) {
      refused.set(meaning.member, meaning.kind === 'profile' ? 'exists' : 'held');
    }
  }
  return refused.size > 0 ? refused : undefined;
}

function consistency(options: ReadOptions): { ConsistentRead?: true } {
  return options.consistent ? { ConsistentRead: true } : {};
}

function explainCancellation(error: unknown, meanings: LegMeaning[], isUpdate: boolean): unknown {
  const reasons = cancellationReasons(error);
  if (!reasons) return error;
  const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  const meaning = meanings[failed];
  if (!meaning) return error;
  if (meaning.kind === 'unique') {
    const what = meaning.field === 'taxId' ? 'tax id' : 'contact email';
    return new ConflictError(`Another member or partner already holds this ${what}.`, meaning.field);
  }
  if (meaning.kind === 'rate') {
    return new ValidationError([
      {
        path: 'verifiedRevenue',
        message: `No ${meaning.currency} rate is in force on ${meaning.day} under the exchange-rate table saved meanwhile.`,
        reason: ruleReason('noRateOnDay', { currency: meaning.currency, day: meaning.day }),
      },
    ]);
  }
  if (meaning.kind === 'confirmationLimit') return tooManyConfirmations(meaning.at);
  if (meaning.kind === 'stale') return new PreconditionFailedError(meaning.detail);
  if (meaning.kind === 'confirmationSpent') {
    return new ConfirmationSpentError('The confirmation link was used or replaced meanwhile.');
  }
  if (meaning.kind === 'profile') {
    return isUpdate
      ? new PreconditionFailedError('The member changed since it was read; fetch it again and retry.')
      : new ConflictError('A member with this id already exists.');
  }
  return new NotFoundError('The member changed or disappeared during the write; retry.');
}

/** A combination's other facets as conditions on a directory entry's summary (summaryOf). */
function whereConditions(where: DirectoryWhere): SummaryCondition[] {
  const { region, ...others } = where;
  return [
    ...(region ? [{ attribute: 'region', oneOf: region }] : []),
    ...Object.entries(others).map(([facet, value]): SummaryCondition => {
      if (facet === 'sector') return { attribute: 'sectors', contains: value };
      // An unassessed member's summary holds its tier as null.
      if (facet === 'tier' && value === unassessedTier) return { attribute: 'tier', isNull: true };
      return { attribute: facet, equals: value };
    }),
  ];
}
