import type { Database } from '../../../shared/data/dynamo-client.ts';
import { isSeeded, seedDatabase } from './seed-database.ts';

/** The demo association every fresh `npm start` gets: same seed, same data. */
export const demoSeed = {
  seed: 20_260_115,
  count: Number(process.env.SEED_MEMBERS ?? 3_200),
  now: new Date('2026-01-15T09:00:00.000Z'),
};

export async function seedDemo(db: Database, onProgress?: (written: number, total: number) => void) {
  if (await isSeeded(db)) return undefined;
  return seedDatabase(db, { ...demoSeed, onProgress });
}
