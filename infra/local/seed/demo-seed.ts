/**
 * The demo association every fresh `npm start` gets: same seed, same data. Apart from the seed code,
 * so that the start can key its seed cache (seed-cache.ts) before loading the app.
 */
export const demoSeed = {
  seed: 20_260_115,
  count: Number(process.env.SEED_MEMBERS ?? 3_200),
  now: new Date('2026-01-15T09:00:00.000Z'),
};
