/**
 * Several index partitions paged as one list (a Vietnamese province with the provinces merged into it)
 * on DynamoDB Local: every entry once (an entity under two of the lists too), in DynamoDB's own sort
 * key order, whatever the page size, with a check on each entry too, and when one partition's checked
 * read stops short of its page.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryCheck } from '../../shared/data/checked-query.ts';
import type { Database } from '../../shared/data/dynamo-client.ts';
import { mergedIndexListPage } from '../../shared/data/merged-index-page.ts';
import { createTestTable } from '../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
let db: Database;

interface Entry {
  partition: string;
  sortKey: string;
  kept: boolean;
}

// Sort keys DynamoDB orders by UTF-8 bytes: 'é' and the emoji (a surrogate pair in JavaScript) sort
// differently by UTF-16 code units than by bytes ('\u{1F30F}' before '\uFF5E' there, after it here).
const words = ['a', 'B', 'é', 'z', '\uFF5E', '\u{1F30F}', 'Ж', '0'];
const entries: Entry[] = [];
const partitions = ['MERGED#one', 'MERGED#two', 'MERGED#three'];

beforeAll(async () => {
  table = await createTestTable();
  db = table.db;
  words.forEach((word, i) => {
    for (const [p, partition] of partitions.entries()) {
      // Two of three entries of each partition pass the check.
      entries.push({ partition, sortKey: `${word}${i}#${p}`, kept: (i + p) % 3 !== 0 });
    }
  });
  // One entity under two lists at once (a member moving between merged provinces): listed once.
  for (const partition of partitions.slice(0, 2))
    entries.push({ partition, sortKey: 'moving#1', kept: true });
  // Partition three also holds 70 entries before all of its others, and the check refuses all but
  // the 66th: a checked page of one reads 63 of them in its six Queries and stops short of it, and a
  // page that then went on past the other partitions' first entries would skip it.
  for (let i = 0; i < 70; i++) {
    entries.push({ partition: partitions[2]!, sortKey: `!${String(i).padStart(3, '0')}`, kept: i === 65 });
  }
  const items = entries.map((e) => ({
    pk: `ENTRY#${e.partition}#${e.sortKey}`,
    sk: 'E',
    gsi1pk: e.partition,
    gsi1sk: e.sortKey,
    summary: { kept: e.kept ? 'yes' : 'no' },
  }));
  for (let i = 0; i < items.length; i += 25) {
    await db.doc.send(
      new BatchWriteCommand({
        RequestItems: { [db.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
});
afterAll(() => table.drop());

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

async function everyPage(limit: number, checked: boolean) {
  const check = checked ? summaryCheck([{ attribute: 'kept', equals: 'yes' }]) : undefined;
  const pages: string[][] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await mergedIndexListPage(db, { index: 'gsi1', partitions, check }, { limit, startKey });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page.items.map((item) => String(item.gsi1sk)));
    startKey = page.lastKey;
    expect(pages.length).toBeLessThan(200);
  } while (startKey);
  return pages;
}

describe('merged index pages', () => {
  it('list every entry of every partition once, in byte order, each page full until the last', async () => {
    const expected = [...new Set(entries.map((e) => e.sortKey))].sort(byBytes);
    for (const limit of [1, 2, 5, 24, 100]) {
      const pages = await everyPage(limit, false);
      expect(pages.flat(), `limit ${limit}`).toEqual(expected);
      // Unchecked, each partition reads a whole page, so only the last page is short and none is empty.
      for (const page of pages.slice(0, -1)) expect(page, `limit ${limit}`).toHaveLength(limit);
      expect(pages.at(-1)!.length, `limit ${limit}`).toBeGreaterThan(0);
    }
  });

  it('with a check, list every kept entry once in order, also past a partition whose read stopped short', async () => {
    const expected = [...new Set(entries.filter((e) => e.kept).map((e) => e.sortKey))].sort(byBytes);
    for (const limit of [1, 3, 100]) {
      expect((await everyPage(limit, true)).flat(), `limit ${limit}`).toEqual(expected);
    }
    // The first page of one: partition three's read stopped 63 entries in, and the others' entries past
    // that point wait for a later page.
    const [first, second] = await everyPage(1, true);
    expect([first, second]).toEqual([[], ['!065']]);
  });
});
