/**
 * Name search pages on DynamoDB Local, through the HTTP API: a member that matches through two of its
 * keys is listed once, and the index items skipped for it never leave a page short or empty while a
 * cursor says that more follow.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface Page {
  items: { id: string; name: string }[];
  nextCursor: string | null;
}

let t: TestApp;
let staff: string;
const created: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  // "ro" matches "roka rosa <word>" and, later in the index, "rosa <word>" of the same member: every
  // second index item of the query is one to skip. "Rosa <word>" members match once.
  const names = [
    ...['Alfa', 'Bravo', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India'].map((w) => `Roka Rosa ${w}`),
    ...['Juliett', 'Kilo', 'Lima'].map((w) => `Rosa ${w}`),
  ];
  let inn = 520_000_000;
  for (const name of names) {
    const taxId = withInnCheckDigits(String(inn++));
    const response = await t.call('POST', '/v1/members', {
      token: staff,
      body: { name, country: 'RU', taxId, sectors: ['manufacturing'], contacts: [] },
    });
    expect(response.status).toBe(201);
    created.push(((await response.json()) as { id: string }).id);
  }
});
afterAll(() => t.drop());

async function pages(limit: number): Promise<Page[]> {
  const all: Page[] = [];
  let cursor: string | null = null;
  do {
    const response = await t.call(
      'GET',
      `/v1/members?q=ro&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: staff },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    all.push(page);
    cursor = page.nextCursor;
    expect(all.length).toBeLessThanOrEqual(created.length + 1);
  } while (cursor);
  return all;
}

it('pages through every match once, each page full until the last, which has no cursor', async () => {
  const [everything] = await pages(100);
  const order = everything!.items.map((m) => m.id);
  expect([...order].sort()).toEqual([...created].sort());
  for (const limit of [1, 2, 3, 5, created.length, created.length + 1]) {
    const got = await pages(limit);
    expect(
      got.flatMap((p) => p.items.map((m) => m.id)),
      `limit ${limit}`,
    ).toEqual(order);
    expect(got.at(-1)!.nextCursor, `limit ${limit}`).toBeNull();
    for (const page of got.slice(0, -1)) expect(page.items, `limit ${limit}`).toHaveLength(limit);
    expect(got.at(-1)!.items.length, `limit ${limit}`).toBeGreaterThan(0);
  }
});
