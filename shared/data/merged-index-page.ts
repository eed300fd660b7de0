import { indexListPage, type SummaryCheck } from './checked-query.ts';
import type { Database } from './dynamo-client.ts';

type LastKey = Record<string, unknown>;

/** DynamoDB orders string sort keys by their UTF-8 bytes, which is not JavaScript's UTF-16 order. */
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * One page of several index partitions listed as one, in the order of the sort key they share (a
 * region's members with those of the provinces merged into it). Each partition's page is read at once
 * (indexListPage, so a check works as it does there), from after the sort key the page before ended
 * on; the key handed back holds only that. A partition with more to read bounds the page: past its last
 * read key may come entries of its own that sort before another partition's, so the page keeps nothing
 * beyond it and may hold fewer than `limit` with a key to go on from, as a checked page may.
 */
export async function mergedIndexListPage(
  db: Database,
  query: { index: 'gsi1' | 'gsi2'; partitions: readonly string[]; check?: SummaryCheck | undefined },
  page: { limit: number; startKey: LastKey | undefined },
): Promise<{ items: Record<string, unknown>[]; lastKey: LastKey | undefined }> {
  const sortKey = `${query.index}sk`;
  const keyOf = (item: LastKey): string => String(item[sortKey]);
  const after = page.startKey === undefined ? undefined : keyOf(page.startKey);
  const reads = await Promise.all(
    query.partitions.map((partition) =>
      indexListPage(
        db,
        { index: query.index, partition, sortKeyAbove: after, check: query.check },
        { limit: page.limit, startKey: undefined },
      ),
    ),
  );
  const [bound] = reads.flatMap((read) => (read.lastKey ? [keyOf(read.lastKey)] : [])).sort(byteOrder);
  const merged = reads
    .flatMap((read) => read.items)
    .filter((item) => bound === undefined || byteOrder(keyOf(item), bound) <= 0)
    .sort((a, b) => byteOrder(keyOf(a), keyOf(b)))
    // One entity under two of the lists for a moment (a member moving between merged provinces, its
    // old entry not yet gone) is listed once.
    .filter((item, i, sorted) => i === 0 || keyOf(sorted[i - 1]!) !== keyOf(item));
  const items = merged.slice(0, page.limit);
  if (merged.length > page.limit) return { items, lastKey: { [sortKey]: keyOf(items.at(-1)!) } };
  return { items, lastKey: bound === undefined ? undefined : { [sortKey]: bound } };
}
