import type { SummaryCheck } from './checked-query.ts';
import type { Database } from './dynamo-client.ts';
import { queryPage } from './query-all.ts';

export type LastKey = Record<string, unknown>;

/**
 * How many Queries one search page may take. A company has a capped number of keys, so skipped keys
 * are rare; with read sizes doubling, this still examines 31 pages' worth of index items.
 */
const maxSearchReads = 5;

/**
 * Name search over search index items (gsi1: `<partition>`, `<key>#<id>`, each carrying `summary`):
 * `begins_with` on the normalised key. A company can match through two of its keys ("viet" hits
 * "viet nam viet phat" and "viet phat"), and the two can fall on different pages; so a company is
 * returned only at the first of its keys that matches, in index order, which every page can tell from
 * the company's summary alone (`keysOf`).
 *
 * Skipping those other keys must not leave a page short or empty while a cursor says more follow,
 * so the search reads on until the page is full and one more company is known to follow (the cursor
 * then resumes just before it), or the query is exhausted (no cursor). The first read asks for one
 * page and that one more (queryPage reads one beyond, to tell where the Query ends); each further
 * read, needed only where skipped keys pile up, asks for twice as many, up to `maxSearchReads` reads,
 * after which the page goes out as it is, with a cursor.
 *
 * With a `check` (filters given with the search), DynamoDB keeps only the matches whose summary passes
 * it (FilterExpression): the reads count what they examine, so such a page may go out short, even
 * empty, with a cursor, as a checked list page does (checked-query.ts). A company's keys share its
 * summary, so the check keeps all of them or none, and the first-match rule holds.
 */
export async function prefixSearch<S extends { id: string }>(
  db: Database,
  options: {
    partition: string;
    query: string;
    limit: number;
    startKey?: LastKey | undefined;
    keysOf: (summary: S) => string[];
    check?: SummaryCheck | undefined;
  },
): Promise<{ items: S[]; lastKey: LastKey | undefined }> {
  const { check } = options;
  const items: S[] = [];
  const seen = new Set<string>();
  let startKey = options.startKey;
  let readSize = options.limit + 1;
  let previous: Record<string, unknown> | undefined;
  for (let read = 0; read < maxSearchReads; read++, readSize *= 2) {
    const page = await queryPage(db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': options.partition, ':prefix': options.query, ...check?.values },
      ...(check ? { FilterExpression: check.expression, ExpressionAttributeNames: check.names } : {}),
      Limit: readSize,
      ExclusiveStartKey: startKey,
    });
    for (const item of page.items) {
      const summary = item.summary as S;
      if (isFirstMatch(item, options.keysOf(summary), summary.id, options.query) && !seen.has(summary.id)) {
        // A page is full (so something was kept and `previous` is set) and one more company follows.
        if (items.length === options.limit) {
          return { items, lastKey: previous && searchIndexKeyOf(previous) };
        }
        seen.add(summary.id);
        items.push(summary);
      }
      previous = item;
    }
    if (!page.lastKey) return { items, lastKey: undefined };
    startKey = page.lastKey;
  }
  return { items, lastKey: startKey };
}

/** Whether this search index item is its company's first key that matches the query, in index order. */
function isFirstMatch(item: Record<string, unknown>, keys: string[], id: string, query: string): boolean {
  const first = keys
    .filter((key) => key.startsWith(query))
    .map((key) => `${key}#${id}`)
    .sort()[0];
  return first === undefined || first === item.gsi1sk;
}

/** The ExclusiveStartKey that resumes a gsi1 Query right after this item: its table and index keys. */
function searchIndexKeyOf(item: Record<string, unknown>): LastKey {
  return { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk };
}
