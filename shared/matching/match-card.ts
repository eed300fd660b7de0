import { z } from '@hono/zod-openapi';
import { type CompanyKind, matchEntryKey, matchPartition } from '../data/keys.ts';
import { languageSchema, type Member, topicSchema, ulidSchema } from '../domain/member-schema.ts';
import type { OfferOrNeed } from '../domain/offers-needs.ts';
import type { Partner } from '../domain/partner-schema.ts';

const entrySchema = z.object({ topic: topicSchema, text: z.string().max(500) });

/**
 * What a company shows other companies through matchmaking, and all it shows: its names, where it is,
 * its sectors, languages and markets, and what it offers and seeks. Never its contacts, tax id,
 * revenue, tier, notes or anything else of its record.
 */
export const matchCardSchema = z
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
  });
export type MatchCard = z.infer<typeof matchCardSchema>;

export function memberCard(member: Member): MatchCard {
  return {
    kind: 'member',
    id: member.id,
    name: member.name,
    country: member.country,
    sectors: member.sectors,
    languages: member.languages,
    targetMarkets: member.targetMarkets,
    offers: member.offers,
    needs: member.needs,
  };
}

export function partnerCard(partner: Partner): MatchCard {
  return {
    kind: 'partner',
    id: partner.id,
    name: partner.name,
    latinName: partner.latinName,
    country: partner.country,
    sectors: partner.sectors,
    languages: partner.languages,
    targetMarkets: partner.targetMarkets,
    offers: partner.offers,
    needs: partner.needs,
  };
}

/**
 * The index items that make a company findable by what it offers and seeks: one per topic and side,
 * each carrying its card. Only a company that chose to be shown (`visible`) has any.
 */
export function matchEntries(
  card: MatchCard,
  visible: boolean,
  stamp: Record<string, unknown>,
): (ReturnType<typeof matchEntryKey> & Record<string, unknown>)[] {
  if (!visible) return [];
  const sides: ['offer' | 'need', OfferOrNeed[]][] = [
    ['offer', card.offers],
    ['need', card.needs],
  ];
  return sides.flatMap(([side, entries]) =>
    entries.map((entry) => ({
      ...matchEntryKey(card.id, card.kind as CompanyKind, side, entry.topic),
      type: 'matchEntry',
      gsi1pk: matchPartition(side, entry.topic),
      gsi1sk: `${card.kind}#${card.id}`,
      card,
      ...stamp,
    })),
  );
}
