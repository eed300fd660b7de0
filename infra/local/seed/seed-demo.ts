import type { Database } from '../../../shared/data/dynamo-client.ts';
import { demoSeed } from './demo-seed.ts';
import { isSeeded, seedDatabase } from './seed-database.ts';

export async function seedDemo(db: Database, onProgress?: (written: number, total: number) => void) {
  if (await isSeeded(db)) return undefined;
  return seedDatabase(db, { ...demoSeed, onProgress });
}
