import { describe, expect, it } from 'vitest';
import { type MergeFacts, mergeValuesOf, type TierNames } from '../../shared/campaigns/merge-values.ts';
import { sampleValues } from '../../shared/campaigns/test-send.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';

/** The association's labels: `large` has only a Russian one, so Vietnamese and English fall back. */
const tiers: TierNames = [
  { name: 'small', label: 'Small enterprise', labels: { ru: 'Малое предприятие', vi: 'Doanh nghiệp nhỏ' } },
  { name: 'large', label: 'Large enterprise (SME+)', labels: { ru: 'Крупное предприятие' } },
];

const member = (overrides: Partial<MergeFacts>): MergeFacts => ({
  companyKind: 'member',
  memberName: 'ООО «Пример»',
  contactName: 'Иван Петров',
  tier: 'small',
  country: 'RU',
  region: 'RU-VLA',
  website: 'https://example.ru',
  ...overrides,
});

describe('a recipient’s merge values', () => {
  it('names the tier, country and region in the letter’s language, and keeps names and the website', () => {
    const facts = member({});
    expect(mergeValuesOf(facts, 'ru', tiers)).toEqual({
      companyName: 'ООО «Пример»',
      contactName: 'Иван Петров',
      tier: 'Малое предприятие',
      country: 'Россия',
      region: 'Владимирская область',
      website: 'https://example.ru',
    });
    expect(mergeValuesOf(facts, 'vi', tiers)).toMatchObject({
      companyName: 'ООО «Пример»',
      contactName: 'Иван Петров',
      tier: 'Doanh nghiệp nhỏ',
      country: 'Nga',
      region: 'Tỉnh Vladimir',
    });
    // No English label: the tier's one label, as the console shows it.
    expect(mergeValuesOf(facts, 'en', tiers)).toMatchObject({
      tier: 'Small enterprise',
      country: 'Russia',
      region: 'Vladimir Oblast',
    });
  });

  it('names a Vietnamese member’s province in each language, falling back to the label where one is missing', () => {
    const facts = member({ tier: 'large', country: 'VN', region: 'VN-HN' });
    expect(mergeValuesOf(facts, 'ru', tiers)).toMatchObject({
      tier: 'Крупное предприятие',
      country: 'Вьетнам',
      region: 'Ханой',
    });
    expect(mergeValuesOf(facts, 'vi', tiers)).toMatchObject({
      tier: 'Large enterprise (SME+)',
      country: 'Việt Nam',
      region: 'Hà Nội',
    });
    expect(mergeValuesOf(facts, 'en', tiers)).toMatchObject({
      tier: 'Large enterprise (SME+)',
      country: 'Vietnam',
      region: 'Hanoi',
    });
  });

  it('keeps a region we do not list as its code, and leaves the tier of a member without verified revenue empty', () => {
    for (const tier of [null, 'unassessed']) {
      const facts = member({ tier, country: 'DE', region: 'DE-BY', website: null });
      expect(mergeValuesOf(facts, 'ru', tiers)).toMatchObject({
        tier: '',
        country: 'Германия',
        region: 'DE-BY',
        website: '',
      });
      expect(mergeValuesOf(facts, 'vi', tiers)).toMatchObject({
        tier: '',
        country: 'Đức',
        region: 'DE-BY',
      });
      expect(mergeValuesOf(facts, 'en', tiers)).toMatchObject({
        tier: '',
        country: 'Germany',
        region: 'DE-BY',
      });
    }
  });

  it('leaves empty what a contact does not have: a partner’s tier, a region not given', () => {
    const partner = member({ companyKind: 'partner', tier: null, country: 'SG', region: null });
    expect(mergeValuesOf(partner, 'en', tiers)).toMatchObject({ tier: '', country: 'Singapore', region: '' });
    expect(mergeValuesOf(partner, 'ru', tiers)).toMatchObject({ tier: '', country: 'Сингапур', region: '' });
  });

  it('leaves a tier no longer in the table empty: its bare code is no word for a letter', () => {
    expect(mergeValuesOf(member({ tier: 'medium' }), 'ru', tiers).tier).toBe('');
  });

  it('gives the test emails’ samples names too, the table’s highest tier by its label', () => {
    expect(sampleValues('ru', seedTierTable.tiers)).toMatchObject({
      contactName: 'Иван Петров',
      tier: 'Крупное предприятие',
      country: 'Россия',
      region: 'Москва',
    });
    expect(sampleValues('vi', seedTierTable.tiers)).toMatchObject({
      tier: 'Doanh nghiệp lớn',
      country: 'Việt Nam',
      region: 'Hà Nội',
    });
    expect(sampleValues('en', seedTierTable.tiers)).toMatchObject({
      tier: 'Large enterprise',
      country: 'Singapore',
      region: '',
    });
    expect(sampleValues('ru', tiers).tier).toBe('Крупное предприятие');
    expect(sampleValues('en', tiers).tier).toBe('Large enterprise (SME+)');
  });
});
