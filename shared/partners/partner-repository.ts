import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchDelete } from '../data/batch-write.ts';
import { indexListPage, summaryCheck } from '../data/checked-query.ts';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import { guardLegs, itemDiffLegs, itemKeyOf } from '../data/item-diff.ts';
import {
  emailGuardKey,
  formerPartnersPartition,
  type Key,
  type PartnerFacet,
  partnerHistoryPartition,
  partnerIndexKey,
  partnerListPartition,
  partnerNamePartition,
  partnerSearchPartition,
} from '../data/keys.ts';
import { type LastKey, prefixSearch } from '../data/prefix-search.ts';
import { queryAll, queryPage } from '../data/query-all.ts';
import { type TransactLeg, transactWrite } from '../data/transact.ts';
import {
  ConflictError,
  type ExistingRecord,
  NotFoundError,
  PreconditionFailedError,
} from '../domain/errors.ts';
import { searchPartition } from '../domain/name-search.ts';
import type { Partner, PartnerSummary } from '../domain/partner-schema.ts';
import type { Item } from '../members/member-items.ts';
import { decoded } from '../members/stored-item-error.ts';
import { tombstonePartnerHistory } from './former-partners.ts';
import type { PartnerHistoryEntry } from './partner-history.ts';
import {
  partnerContactItems,
  partnerGuardItems,
  partnerHistoryEntryOf,
  partnerHistoryItem,
  partnerIndexItems,
  partnerProfileItem,
  partnerSearchKeys,
} from './partner-items.ts';
import { readPartner } from './partner-read.ts';

export interface PartnerWrite {
  before: Partner | undefined;
  after: Partner;
  history: PartnerHistoryEntry;
  /** Items written in the same transaction, such as suppression entries of an erasure. */
  extraItems?: Item[];
}

export interface Page<T> {
  items: T[];
  lastKey: LastKey | undefined;
}

/** The company a guard item names as its holder. */
function holderOf(item: Record<string, unknown> | undefined): ExistingRecord | undefined {
  if (!item) return undefined;
  if (typeof item.partnerId === 'string') return { kind: 'partner', id: item.partnerId };
  if (typeof item.memberId === 'string') return { kind: 'member', id: item.memberId };
  return undefined;
}

/** A partner combination's facets that each list entry's summary holds, checked as a Query reads. */
export interface PartnerWhere {
  sector?: string;
  country?: string;
}

/** A list's check of its entries' summaries for these filters: a sector among a partner's, its country. */
function partnerCheck(where: PartnerWhere | undefined) {
  const { sector, country } = where ?? {};
  return summaryCheck([
    ...(sector ? [{ attribute: 'sectors', contains: sector }] : []),
    ...(country ? [{ attribute: 'country', equals: country }] : []),
  ]);
}

/**
 * Reads and writes partners. Every write is one transaction holding the profile, its contacts, the
 * uniqueness guards (shared with members), the index items and the history entry.
 */
export class PartnerRepository {
  constructor(private readonly db: Database) {}

  async get(id: string, options: { consistent?: boolean } = {}): Promise<Partner | undefined> {
    return readPartner(this.db, id, options);
  }

  /** The first partner other than `except` listed under one of these names in the country. */
  async sameName(
    country: string,
    nameKeys: readonly string[],
    except?: string,
  ): Promise<PartnerSummary | undefined> {
    for (const key of nameKeys) {
      const page = await queryPage(this.db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': partnerNamePartition(country, key) },
        Limit: 2,
      });
      const other = page.items.map((i) => i.summary as PartnerSummary).find((s) => s.id !== except);
      if (other) return other;
    }
    return undefined;
  }

  async write(write: PartnerWrite): Promise<void> {
    const { legs, uniqueFields } = this.legs(write);
    try {
      await transactWrite(this.db, legs);
    } catch (error) {
      throw await this.explainCancellation(error, legs, uniqueFields, write);
    }
  }

  /**
   * The legs of a partner write, for its own transaction or (a partner joining the association) the
   * member's: `uniqueFields` names the field each guard-claiming leg stands for, by leg index.
   */
  legs(
    write: PartnerWrite,
    options: { guards?: boolean } = {},
  ): { legs: TransactLeg[]; uniqueFields: Map<number, string> } {
    const table = this.db.tableName;
    const { before, after } = write;
    const legs: TransactLeg[] = [
      {
        Put: {
          TableName: table,
          Item: partnerProfileItem(after),
          ...(before
            ? {
                ConditionExpression: 'attribute_exists(pk) AND version = :expected',
                ExpressionAttributeValues: { ':expected': before.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...itemDiffLegs(table, before ? partnerContactItems(before) : [], partnerContactItems(after)),
    ];
    const uniqueFields = new Map<number, string>();
    if (options.guards !== false) {
      const fieldOf = new Map<string, string>();
      after.contacts.forEach((c, i) => {
        if (c.email) fieldOf.set(itemKeyOf(emailGuardKey(c.email)), `contacts.${i}.email`);
      });
      for (const { leg, claims } of guardLegs(
        table,
        before ? partnerGuardItems(before) : [],
        partnerGuardItems(after),
        { attribute: 'partnerId', id: after.id },
      )) {
        if (claims) uniqueFields.set(legs.length, fieldOf.get(itemKeyOf(claims)) ?? 'taxId');
        legs.push(leg);
      }
    }
    legs.push(...itemDiffLegs(table, before ? partnerIndexItems(before) : [], partnerIndexItems(after)));
    legs.push({
      Put: {
        TableName: table,
        Item: partnerHistoryItem(write.history),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    for (const item of write.extraItems ?? []) legs.push({ Put: { TableName: table, Item: item } });
    return { legs, uniqueFields };
  }

  /**
   * The legs that mark a partner joined, for the member's transaction: its profile (conditioned on
   * the version read) and its history entry. Its contacts and index items go afterwards
   * (`removeJoined`): with them, the transaction could pass DynamoDB's 100 items.
   */
  joinLegs(before: Partner, after: Partner, history: PartnerHistoryEntry): TransactLeg[] {
    const table = this.db.tableName;
    return [
      {
        Put: {
          TableName: table,
          Item: partnerProfileItem(after),
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ExpressionAttributeValues: { ':expected': before.version },
        },
      },
      {
        Put: {
          TableName: table,
          Item: partnerHistoryItem(history),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: table,
          Item: {
            ...partnerIndexKey(after.id, 'JOINED'),
            type: 'partnerJoined',
            gsi1pk: formerPartnersPartition(after.joinedAs!),
            gsi1sk: after.id,
            partnerId: after.id,
          },
        },
      },
    ];
  }

  /**
   * Deletes what a joined partner no longer has: its contact items (the member holds its contacts)
   * and its index items (lists, search, audiences, matches). Idempotent, so a join cut short is
   * finished by any later attempt.
   */
  async removeJoined(partner: Partner): Promise<void> {
    const items = [
      ...partnerContactItems(partner),
      ...partnerIndexItems({ ...partner, joinedAs: undefined }),
    ];
    await batchDelete(
      this.db,
      items.map((item) => ({ pk: item.pk, sk: item.sk })),
    );
  }

  /** One page of a facet's list; a combination's other facets (`where`) checked as it reads (indexListPage). */
  async listByFacet(options: {
    facet: PartnerFacet;
    value: string;
    where?: PartnerWhere | undefined;
    limit: number;
    startKey?: LastKey | undefined;
  }): Promise<Page<PartnerSummary>> {
    const partition = partnerListPartition(options.facet, options.value);
    const page = await indexListPage(
      this.db,
      { index: 'gsi1', partition, check: partnerCheck(options.where) },
      { limit: options.limit, startKey: options.startKey },
    );
    return { items: page.items.map((i) => i.summary as PartnerSummary), lastKey: page.lastKey };
  }

  /**
   * Name search in either of its names (prefixSearch), the filters given with it (`where`) checked
   * against each match's summary as DynamoDB reads it.
   */
  search(options: {
    query: string;
    where?: PartnerWhere | undefined;
    limit: number;
    startKey?: LastKey | undefined;
  }): Promise<Page<PartnerSummary>> {
    const { where, ...page } = options;
    return prefixSearch<PartnerSummary>(this.db, {
      ...page,
      partition: partnerSearchPartition(searchPartition(options.query)),
      keysOf: partnerSearchKeys,
      check: partnerCheck(where),
    });
  }

  async history(
    partnerId: string,
    limit: number,
    startKey?: LastKey,
    options: { consistent?: boolean } = {},
  ): Promise<Page<PartnerHistoryEntry>> {
    const page = await queryPage(this.db, {
      ...(options.consistent ? { ConsistentRead: true } : {}),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partnerHistoryPartition(partnerId) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return { items: decoded(() => page.items.map(partnerHistoryEntryOf)), lastKey: page.lastKey };
  }

  async allHistory(
    partnerId: string,
    options: { consistent?: boolean } = {},
  ): Promise<PartnerHistoryEntry[]> {
    const entries: PartnerHistoryEntry[] = [];
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partnerHistoryPartition(partnerId) },
      ScanIndexForward: false,
      ...(options.consistent ? { ConsistentRead: true } : {}),
    })) {
      entries.push(decoded(() => partnerHistoryEntryOf(item)));
    }
    return entries;
  }

  /** Every recorded value of the partner's contacts becomes a tombstone (former-partners.ts); idempotent. */
  tombstoneHistory(partnerId: string): Promise<number> {
    return tombstonePartnerHistory(this.db, partnerId);
  }

  private async getItem(key: Key): Promise<Record<string, unknown> | undefined> {
    try {
      const result = await this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: key, ConsistentRead: true }),
      );
      return result.Item;
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  /** A cancelled write as the caller's error: the guard another company holds (named), or a stale read. */
  private async explainCancellation(
    error: unknown,
    legs: TransactLeg[],
    uniqueFields: Map<number, string>,
    write: PartnerWrite,
  ): Promise<unknown> {
    const reasons = cancellationReasons(error);
    if (!reasons) return error;
    const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (failed < 0) return error;
    const field = uniqueFields.get(failed);
    if (field !== undefined) {
      const guard = legs[failed]!.Put!.Item as Key;
      const holder = holderOf(await this.getItem({ pk: guard.pk, sk: guard.sk }));
      const what = field === 'taxId' ? 'tax id' : 'contact email';
      return new ConflictError(
        `${holder?.kind === 'member' ? 'A member' : 'Another partner'} already holds this ${what}.`,
        field,
        holder,
      );
    }
    if (failed === 0) {
      return write.before
        ? new PreconditionFailedError('The partner changed since it was read; fetch it again and retry.')
        : new ConflictError('A partner with this id already exists.');
    }
    return new NotFoundError('The partner changed or disappeared during the write; retry.');
  }
}
