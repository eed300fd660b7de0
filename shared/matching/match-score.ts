import type { Topic } from '../domain/topics.ts';
import type { MatchCard } from './match-card.ts';

/**
 * Why a company is suggested, each reason with the points it adds:
 * - `they-seek-what-you-offer` (3 per topic): it seeks a topic this company offers;
 * - `they-offer-what-you-seek` (3 per topic): it offers a topic this company seeks;
 * - `both-ways` (2, once): both of the above hold, so each side has something the other wants;
 * - `in-your-target-market` (2): it is based in a market this company wants to reach;
 * - `you-are-in-their-target-market` (2): this company is based in a market it wants to reach;
 * - `common-language` (1 per language): a language both work in, so no interpreter is needed;
 * - `same-sector` (1 per sector): a sector both are in.
 * Topics are what a match rests on: a company without one (either way) is no match, whatever else it
 * shares; the rest orders the matches.
 */
export type MatchReason =
  | { type: 'they-seek-what-you-offer'; topic: Topic; text: string; points: number }
  | { type: 'they-offer-what-you-seek'; topic: Topic; text: string; points: number }
  | { type: 'both-ways'; points: number }
  | { type: 'in-your-target-market'; country: string; points: number }
  | { type: 'you-are-in-their-target-market'; country: string; points: number }
  | { type: 'common-language'; language: string; points: number }
  | { type: 'same-sector'; topic: Topic; points: number };

export const matchPoints = {
  topic: 3,
  bothWays: 2,
  market: 2,
  language: 1,
  sector: 1,
} as const;

export interface ScoredMatch {
  company: MatchCard;
  score: number;
  reasons: MatchReason[];
}

/** How well `other` matches `self`, or undefined when no topic meets either way. Pure. */
export function scoreMatch(self: MatchCard, other: MatchCard): ScoredMatch | undefined {
  if (self.kind === other.kind && self.id === other.id) return undefined;
  const reasons: MatchReason[] = [];
  const offered = new Set(self.offers.map((o) => o.topic));
  const sought = new Set(self.needs.map((n) => n.topic));
  const theySeek = other.needs.filter((need) => offered.has(need.topic));
  const theyOffer = other.offers.filter((offer) => sought.has(offer.topic));
  if (theySeek.length === 0 && theyOffer.length === 0) return undefined;
  for (const need of theySeek) {
    reasons.push({
      type: 'they-seek-what-you-offer',
      topic: need.topic,
      text: need.text,
      points: matchPoints.topic,
    });
  }
  for (const offer of theyOffer) {
    reasons.push({
      type: 'they-offer-what-you-seek',
      topic: offer.topic,
      text: offer.text,
      points: matchPoints.topic,
    });
  }
  if (theySeek.length > 0 && theyOffer.length > 0)
    reasons.push({ type: 'both-ways', points: matchPoints.bothWays });
  if (self.targetMarkets.includes(other.country)) {
    reasons.push({ type: 'in-your-target-market', country: other.country, points: matchPoints.market });
  }
  if (other.targetMarkets.includes(self.country)) {
    reasons.push({
      type: 'you-are-in-their-target-market',
      country: self.country,
      points: matchPoints.market,
    });
  }
  for (const language of self.languages.filter((l) => other.languages.includes(l))) {
    reasons.push({ type: 'common-language', language, points: matchPoints.language });
  }
  for (const topic of self.sectors.filter((s) => other.sectors.includes(s))) {
    reasons.push({ type: 'same-sector', topic, points: matchPoints.sector });
  }
  return { company: other, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

/** The best `limit` matches, highest score first; ties by Latin name, then id, so the order is stable. */
export function rankMatches(self: MatchCard, candidates: Iterable<MatchCard>, limit: number): ScoredMatch[] {
  const scored: ScoredMatch[] = [];
  for (const candidate of candidates) {
    const match = scoreMatch(self, candidate);
    if (match) scored.push(match);
  }
  const nameOf = (card: MatchCard) => card.latinName ?? card.name;
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        nameOf(a.company).localeCompare(nameOf(b.company)) ||
        a.company.id.localeCompare(b.company.id),
    )
    .slice(0, limit);
}
