import { z } from '@hono/zod-openapi';
import { languageSchema, topicSchema, ulidSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { MatchCard } from './match-card.ts';

const entrySchema = onFirstUse(() => z.object({ topic: topicSchema, text: z.string().max(500) }));

/**
 * What a company shows other companies through matchmaking, and all it shows: its names, where it is,
 * its sectors, languages and markets, and what it offers and seeks. Never its contacts, tax id,
 * revenue, tier, notes or anything else of its record.
 */
export const matchCardSchema = onFirstUse(
  () =>
    z
      .object({
        kind: z.enum(['member', 'partner']),
        id: ulidSchema,
        name: z.string().max(200),
        latinName: z
          .string()
          .max(200)
          .optional()
          .openapi({ description: "A partner's name in the Latin script." }),
        country: z.string().max(2),
        sectors: z.array(topicSchema).max(4),
        languages: z.array(languageSchema).max(3),
        targetMarkets: z.array(z.string().max(2)).max(10),
        offers: z.array(entrySchema).max(10),
        needs: z.array(entrySchema).max(10),
      })
      .openapi('MatchCard', {
        description:
          'The fields of a company that matchmaking shows: names, country, sectors, languages, target ' +
          'markets, offers and needs. Never contacts, tax id, revenue, tier or notes.',
      }) satisfies z.ZodType<MatchCard>,
);
