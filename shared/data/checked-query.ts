import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamo-client.ts';
import { queryPage } from './query-all.ts';

type LastKey = Record<string, unknown>;

/**
 * One condition on an index entry's `summary` map: equal to a value or to any of several, holding it
 * in a list, or null.
 * `attribute` may name a nested one with dots (`counterpart.country`).
 */
export type SummaryCondition =
  | { attribute: string; equals: string }
  | { attribute: string; oneOf: readonly string[] }
  | { attribute: string; contains: string }
  | { attribute: string; isNull: true };

/** A list Query's FilterExpression for conditions on each entry's `summary`, all of which must hold. */
export interface SummaryCheck {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export function summaryCheck(conditions: readonly SummaryCondition[]): SummaryCheck | undefined {
  if (conditions.length === 0) return undefined;
  const names: Record<string, string> = { '#summary': 'summary' };
  const values: Record<string, unknown> = {};
  const terms = conditions.map((condition, i) => {
    const segments = condition.attribute.split('.').map((segment, j) => {
      names[`#a${i}_${j}`] = segment;
      return `#a${i}_${j}`;
    });
    const path = ['#summary', ...segments].join('.');
    if ('isNull' in condition) {
      // Null as written, or no attribute at all (written with undefined values removed).
      values[':null'] = 'NULL';
      return `(attribute_not_exists(${path}) OR attribute_type(${path}, :null))`;
    }
    if ('oneOf' in condition) {
      const listed = condition.oneOf.map((value, j) => {
        values[`:v${i}_${j}`] = value;
        return `:v${i}_${j}`;
      });
      return `${path} IN (${listed.join(', ')})`;
    }
    if ('contains' in condition) {
      values[`:v${i}`] = condition.contains;
      return `contains(${path}, :v${i})`;
    }
    values[`:v${i}`] = condition.equals;
    return `${path} = :v${i}`;
  });
  return { expression: terms.join(' AND '), names, values };
}

/** The most Queries one checked page makes, and the most entries one of them reads. */
const checkedReadsPerPage = 6;
const maxCheckedRead = 1000;

/**
 * One page of a list Query on an index partition. Without `check`, one Query of `limit` entries. With
 * it, its entries are checked as DynamoDB reads them, for the filters of a combination the key does not
 * serve: a Query's Limit counts what it reads, not what the check keeps, so the page reads on, each
 * read twice the one before, until it has `limit` entries, the list ends, or six Queries are made; it
 * may then hold fewer, even none, with a key to go on from. Past `limit`, the next page starts after
 * the last entry returned (the index projects every attribute, so each entry carries its table and
 * index keys).
 */
export async function indexListPage(
  db: Database,
  query: {
    index: 'gsi1' | 'gsi2';
    partition: string;
    /** Only the entries whose sort key is below this one. */
    sortKeyBelow?: string | undefined;
    /** Only the entries whose sort key is above this one (not with `sortKeyBelow`). */
    sortKeyAbove?: string | undefined;
    /** Sort key order, highest first (newest first for a date-led key). */
    descending?: boolean | undefined;
    check?: SummaryCheck | undefined;
  },
  page: { limit: number; startKey: LastKey | undefined },
): Promise<{ items: Record<string, unknown>[]; lastKey: LastKey | undefined }> {
  const { index, partition, sortKeyBelow, sortKeyAbove, check } = query;
  const keyValues: Record<string, unknown> = {
    ':pk': partition,
    ...(sortKeyBelow === undefined ? {} : { ':below': sortKeyBelow }),
    ...(sortKeyAbove === undefined ? {} : { ':above': sortKeyAbove }),
  };
  const sortKeyCondition =
    sortKeyBelow !== undefined
      ? ` AND ${index}sk < :below`
      : sortKeyAbove !== undefined
        ? ` AND ${index}sk > :above`
        : '';
  const keyCondition = {
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk${sortKeyCondition}`,
    ExpressionAttributeValues: keyValues,
    ...(query.descending ? { ScanIndexForward: false } : {}),
  };
  if (!check) return queryPage(db, { ...keyCondition, Limit: page.limit, ExclusiveStartKey: page.startKey });
  const input: Omit<QueryCommandInput, 'TableName'> = {
    ...keyCondition,
    FilterExpression: check.expression,
    ExpressionAttributeNames: check.names,
    ExpressionAttributeValues: { ...keyValues, ...check.values },
  };
  const kept: Record<string, unknown>[] = [];
  let startKey = page.startKey;
  for (let read = 0; read < checkedReadsPerPage; read++) {
    const result = await queryPage(db, {
      ...input,
      Limit: Math.min(maxCheckedRead, page.limit * 2 ** read),
      ExclusiveStartKey: startKey,
    });
    kept.push(...result.items);
    startKey = result.lastKey;
    if (kept.length > page.limit) {
      const items = kept.slice(0, page.limit);
      const last = items.at(-1)!;
      return {
        items,
        lastKey: {
          pk: last.pk,
          sk: last.sk,
          [`${index}pk`]: last[`${index}pk`],
          [`${index}sk`]: last[`${index}sk`],
        },
      };
    }
    if (kept.length === page.limit || !startKey) break;
  }
  return { items: kept, lastKey: startKey };
}
