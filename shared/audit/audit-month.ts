import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CursorCodec } from '../data/cursor.ts';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { auditPartition } from '../data/keys.ts';
import { type AuditAction, type AuditEntry, auditEntrySchema } from './audit-log.ts';

/** Which of a month's entries a page shows: one action's, one actor's, or both; neither: all. */
export interface AuditFilter {
  action?: AuditAction | undefined;
  /** Who acted: their token's subject. */
  actorSub?: string | undefined;
}

/**
 * A filtered page's Query reads this many times the page's size per round, for at most
 * `filteredRounds` rounds: a rare action among a month of sign-ins is found in a few Queries, and no
 * page reads more than 50 times its size, however rare its matches.
 */
const filteredRoundFactor = 10;
const filteredRounds = 5;

/** The filter as a Query's FilterExpression, and the words that tell its cursors apart; none: all. */
function filterOf(filter: AuditFilter | undefined) {
  const { action, actorSub } = filter ?? {};
  if (!action && !actorSub) return undefined;
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (action) {
    parts.push('#action = :action');
    names['#action'] = 'action';
    values[':action'] = action;
  }
  if (actorSub) {
    parts.push('#actor.#sub = :sub');
    names['#actor'] = 'actor';
    names['#sub'] = 'sub';
    values[':sub'] = actorSub;
  }
  return {
    expression: parts.join(' AND '),
    names,
    values,
    scope: JSON.stringify([action ?? null, actorSub ?? null]),
  };
}

/**
 * A page of a month of the audit log (one Query of its partition, never a Scan), newest first: every
 * entry, or those `filter` keeps. A filtered page reads the month in rounds until it has `limit`
 * entries or has read `filteredRounds` rounds; `next` then continues after the last entry it shows,
 * or after the last one it read: a page may be short (or empty) and still offer more.
 */
export async function listAuditMonth(
  db: Database,
  month: string,
  options: { limit: number; cursor?: string | undefined; cursors: CursorCodec; filter?: AuditFilter },
): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const filter = filterOf(options.filter);
  // A cursor is a place in one listing: a filtered one's does not serve another filter's pages.
  const scope = filter ? `audit:${month}:${filter.scope}` : `audit:${month}`;
  const entries: AuditEntry[] = [];
  let startKey = options.cursors.decode(scope, options.cursor);
  try {
    for (let round = 0; round < (filter ? filteredRounds : 1); round++) {
      const { Items = [], LastEvaluatedKey } = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': auditPartition(month), ...filter?.values },
          ScanIndexForward: false,
          // A filter applies after the limit: a round reads enough entries to likely fill the page.
          // Unfiltered, one more than the page: a page that ends with the month says so (no cursor).
          Limit: filter ? options.limit * filteredRoundFactor : options.limit + 1,
          ExclusiveStartKey: startKey,
          ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names } : {}),
        }),
      );
      const room = Math.min(Items.length, options.limit - entries.length);
      for (const item of Items.slice(0, room)) {
        const parsed = auditEntrySchema.safeParse(item);
        if (parsed.success) entries.push(parsed.data);
      }
      // Matches beyond the page's room are the next page's: it starts after the last one shown.
      const last = Items[room - 1];
      startKey = room < Items.length && last ? { pk: last.pk, sk: last.sk } : LastEvaluatedKey;
      if (!startKey || entries.length >= options.limit) break;
    }
  } catch (error) {
    throw mapDynamoError(error);
  }
  return { entries, next: options.cursors.encode(scope, startKey) };
}
