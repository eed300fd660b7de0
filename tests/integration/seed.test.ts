import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSeeded, seedDatabase } from '../../infra/local/seed/seed-database.ts';
import type { Database } from '../../shared/data/dynamo-client.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { createTestTable } from '../support/test-table.ts';

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestTable());
});
afterAll(() => drop());

const options = { seed: 7, count: 60, now: new Date('2026-01-15T09:00:00.000Z') };

describe('the demo seed', () => {
  it('writes members the API can read, and marks itself complete', async () => {
    expect(await isSeeded(db)).toBe(false);
    const result = await seedDatabase(db, options);
    expect(result.members).toBe(60);
    expect(await isSeeded(db)).toBe(true);
    const page = await new MemberRepository(db).listByFacet({ facet: 'all', value: 'members', limit: 100 });
    expect(page.items).toHaveLength(60);
  });

  it('runs again to completion after being cut short, with the same data and the same report', async () => {
    const repository = new MemberRepository(db);
    const before = await repository.tierAggregates();
    // An interrupted first start leaves everything but the completion marker.
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: { pk: 'SETTINGS', sk: 'SEED' } }));
    await seedDatabase(db, options);
    expect(await isSeeded(db)).toBe(true);
    expect(await repository.tierAggregates()).toEqual(before);
    const page = await repository.listByFacet({ facet: 'all', value: 'members', limit: 100 });
    expect(page.items).toHaveLength(60);
  });
});
