import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory, type PRNG } from 'ulid';
import { batchPut } from '../../../shared/data/batch-write.ts';
import type { Database } from '../../../shared/data/dynamo-client.ts';
import { tierAggregateKey } from '../../../shared/data/keys.ts';
import { PreconditionFailedError } from '../../../shared/domain/errors.ts';
import { defaultRateTable } from '../../../shared/domain/exchange-rates.ts';
import { memberCreateSchema } from '../../../shared/domain/member-schema.ts';
import { seedTierTable } from '../../../shared/domain/tiers.ts';
import type { Actor } from '../../../shared/members/actor.ts';
import { memberChanges } from '../../../shared/members/member-changes.ts';
import { allItems, historyItem } from '../../../shared/members/member-items.ts';
import { applyProfile } from '../../../shared/members/member-state.ts';
import { tierDeltas } from '../../../shared/members/tier-aggregates.ts';
import { SettingsRepository } from '../../../shared/settings/settings-repository.ts';
import { generateDemoMembers } from './demo-members.ts';

const seedMarkerKey = { pk: 'SETTINGS', sk: 'SEED' };
const seedActor: Actor = { sub: 'seed', role: 'admin' };

export interface SeedOptions {
  seed: number;
  count: number;
  /** The demo's "today"; fixed so the same seed always gives the same data. */
  now: Date;
  onProgress?: (written: number, total: number) => void;
}

/** A seeded generator for ids, so the same seed gives the same member ids run after run. */
function seededPrng(seed: number): PRNG {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function putIfAbsent(put: () => Promise<unknown>): Promise<void> {
  try {
    await put();
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
  }
}

export async function isSeeded(db: Database): Promise<boolean> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: seedMarkerKey }));
  return result.Item !== undefined;
}

/**
 * Writes the demo association: settings, then every member as exactly the items the API would write
 * (profile, contacts, guards, index items, a `create` history entry), in 25-item batches, then the
 * tier aggregates as totals. Batches are not transactions, which is why this runs only into an empty
 * table; the marker item written last says the seed completed.
 */
export async function seedDatabase(
  db: Database,
  options: SeedOptions,
): Promise<{ members: number; items: number }> {
  const settings = new SettingsRepository(db);
  // A seed cut short (Ctrl-C) runs again on the next start: settings already written stay as they are.
  await putIfAbsent(() => settings.put('tiers', seedTierTable, 0, options.now));
  await putIfAbsent(() => settings.put('rates', defaultRateTable, 0, options.now));
  const context = { tiers: seedTierTable, rates: defaultRateTable };

  const nextId = monotonicFactory(seededPrng(options.seed));
  const idTime = options.now.getTime();
  const newId = () => nextId(idTime);
  const items: Record<string, unknown>[] = [];
  const totals = new Map<string, { memberCount: number; revenue: number }>();
  const inputs = generateDemoMembers({ seed: options.seed, count: options.count, now: options.now });
  for (const input of inputs) {
    const member = applyProfile(undefined, memberCreateSchema.parse(input), context, {
      now: options.now,
      consentSource: 'seed',
      actorSub: seedActor.sub,
      newId,
    });
    items.push(
      ...allItems(member),
      historyItem({
        id: newId(),
        memberId: member.id,
        at: options.now.toISOString(),
        actor: seedActor,
        action: 'create',
        changes: memberChanges(undefined, member),
      }),
    );
    for (const delta of tierDeltas(undefined, member)) {
      const total = totals.get(delta.tier) ?? { memberCount: 0, revenue: 0 };
      total.memberCount += delta.memberCount;
      total.revenue += delta.revenue;
      totals.set(delta.tier, total);
    }
  }
  for (const [tier, total] of totals) {
    items.push({ ...tierAggregateKey(tier), type: 'tierAggregate', tier, ...total });
  }
  // A few batches in flight keep DynamoDB Local busy while the next batch is marshalled.
  await batchPut(db, items, {
    concurrency: 4,
    onProgress: (written) => options.onProgress?.(written, items.length),
  });
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...seedMarkerKey,
        type: 'seedMarker',
        seed: options.seed,
        members: inputs.length,
        at: options.now.toISOString(),
      },
    }),
  );
  return { members: inputs.length, items: items.length };
}
