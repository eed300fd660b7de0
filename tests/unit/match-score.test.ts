import { describe, expect, it } from 'vitest';
import type { MatchCard } from '../../shared/matching/match-card.ts';
import { matchPoints, rankMatches, scoreMatch } from '../../shared/matching/match-score.ts';

const card = (overrides: Partial<MatchCard>): MatchCard => ({
  kind: 'member',
  id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
  name: 'ООО «Владкон»',
  country: 'RU',
  sectors: ['industrial-water-treatment'],
  languages: ['ru', 'en'],
  targetMarkets: ['VN'],
  offers: [{ topic: 'industrial-water-treatment', text: 'Очистные сооружения' }],
  needs: [{ topic: 'industrial-parks', text: 'Площадка во Вьетнаме' }],
  ...overrides,
});

const vladkon = card({});
const park = card({
  kind: 'partner',
  id: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
  name: 'Công ty CP KCN Sài Gòn',
  latinName: 'Saigon Industrial Park JSC',
  country: 'VN',
  sectors: ['industrial-parks'],
  languages: ['vi', 'en'],
  targetMarkets: ['RU'],
  offers: [{ topic: 'industrial-parks', text: 'Serviced plots' }],
  needs: [{ topic: 'industrial-water-treatment', text: 'A treatment plant' }],
});

describe('scoreMatch', () => {
  it('adds every reason with its points: topics both ways, markets both ways, a language', () => {
    const match = scoreMatch(vladkon, park)!;
    expect(match.reasons.map((r) => r.type)).toEqual([
      'they-seek-what-you-offer',
      'they-offer-what-you-seek',
      'both-ways',
      'in-your-target-market',
      'you-are-in-their-target-market',
      'common-language',
    ]);
    expect(match.score).toBe(
      2 * matchPoints.topic + matchPoints.bothWays + 2 * matchPoints.market + matchPoints.language,
    );
    expect(match.reasons[0]).toMatchObject({
      topic: 'industrial-water-treatment',
      text: 'A treatment plant',
    });
  });

  it('is no match without a topic either way, whatever else the two share', () => {
    const twin = card({ id: '01JD5Z7Q8N3V2K4M6P8R0T2W51', offers: [], needs: [] });
    expect(scoreMatch(vladkon, twin)).toBeUndefined();
    expect(scoreMatch(vladkon, vladkon)).toBeUndefined();
  });

  it('scores one way only without the both-ways bonus, and counts sectors in common', () => {
    const buyer = card({
      id: '01JD5Z7Q8N3V2K4M6P8R0T2W52',
      country: 'KZ',
      languages: ['vi'],
      targetMarkets: [],
      offers: [],
      needs: [{ topic: 'industrial-water-treatment', text: 'Need a plant' }],
    });
    const match = scoreMatch(vladkon, buyer)!;
    expect(match.reasons.map((r) => r.type)).toEqual(['they-seek-what-you-offer', 'same-sector']);
    expect(match.score).toBe(matchPoints.topic + matchPoints.sector);
  });
});

describe('rankMatches', () => {
  it('orders by score, then Latin name, then id, and keeps the best `limit`', () => {
    const weak = card({
      ...park,
      id: '01JD5Z7Q8N3V2K4M6P8R0T2W53',
      latinName: 'Alpha',
      targetMarkets: [],
      languages: [],
    });
    const tieA = card({ ...park, id: '01JD5Z7Q8N3V2K4M6P8R0T2W54', latinName: 'Beta' });
    const tieB = card({ ...park, id: '01JD5Z7Q8N3V2K4M6P8R0T2W55', latinName: 'Aaron' });
    const ranked = rankMatches(vladkon, [weak, tieA, tieB, vladkon], 10);
    expect(ranked.map((m) => m.company.latinName)).toEqual(['Aaron', 'Beta', 'Alpha']);
    expect(rankMatches(vladkon, [weak, tieA, tieB], 2).map((m) => m.company.latinName)).toEqual([
      'Aaron',
      'Beta',
    ]);
  });
});
