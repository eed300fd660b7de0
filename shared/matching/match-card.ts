import { type CompanyKind, matchEntryKey, matchPartition } from '../data/keys.ts';
import type { Language } from '../domain/languages.ts';
import type { Member } from '../domain/member-schema.ts';
import type { OfferOrNeed } from '../domain/offers-needs.ts';
import type { Partner } from '../domain/partner-schema.ts';
import type { Topic } from '../domain/topics.ts';

/**
 * What a company shows other companies through matchmaking, and all it shows: its names, where it is,
 * its sectors, languages and markets, and what it offers and seeks. Never its contacts, tax id,
 * revenue, tier, notes or anything else of its record. (Its schema, for responses and stored items,
 * is match-card-schema.ts: the directory, which writes cards, need not build it.)
 */
export interface MatchCard {
  kind: CompanyKind;
  id: string;
  name: string;
  latinName?: string | undefined;
  country: string;
  sectors: Topic[];
  languages: Language[];
  targetMarkets: string[];
  offers: OfferOrNeed[];
  needs: OfferOrNeed[];
}

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
      ...matchEntryKey(card.id, card.kind, side, entry.topic),
      type: 'matchEntry',
      gsi1pk: matchPartition(side, entry.topic),
      gsi1sk: `${card.kind}#${card.id}`,
      card,
      ...stamp,
    })),
  );
}
