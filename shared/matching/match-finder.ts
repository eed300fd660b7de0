import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { matchPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { readStored } from '../members/stored-item-error.ts';
import type { MatchCard } from './match-card.ts';
import { matchCardSchema } from './match-card-schema.ts';
import { rankMatches, type ScoredMatch } from './match-score.ts';

const storedMatchSchema = onFirstUse(() => z.object({ card: matchCardSchema }));

/**
 * The companies to suggest to `self`: those seeking a topic it offers and those offering a topic it
 * seeks, read from the match items of each of its topics (one Query per topic and side, never a Scan),
 * ranked by `scoreMatch`. Each Query reads its topic's visible companies whole: a few hundred even
 * for a common topic, which the ranking must all see to pick the best.
 */
export async function findMatches(db: Database, self: MatchCard, limit: number): Promise<ScoredMatch[]> {
  const partitions = [
    ...self.offers.map((offer) => matchPartition('need', offer.topic)),
    ...self.needs.map((need) => matchPartition('offer', need.topic)),
  ];
  const candidates = new Map<string, MatchCard>();
  // The topics' Queries at once: each is independent, and a company with many topics waits for one.
  const pages = await Promise.all(
    partitions.map(async (partition) => {
      const cards: MatchCard[] = [];
      for await (const item of queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ProjectionExpression: 'pk, sk, card',
      })) {
        cards.push(readStored(storedMatchSchema, item).card);
      }
      return cards;
    }),
  );
  for (const card of pages.flat()) candidates.set(`${card.kind}#${card.id}`, card);
  return rankMatches(self, candidates.values(), limit);
}
