import { describe, expect, it } from 'vitest';
import { classify, inSegment, languageFor } from '../../shared/campaigns/audience.ts';
import type { AudienceEntry } from '../../shared/members/audience-entry.ts';

const entry = (overrides: Partial<AudienceEntry> = {}): AudienceEntry => ({
  companyKind: 'member',
  memberId: 'm',
  contactId: 'c',
  email: 'a@example.ru',
  contactName: 'Анна',
  contactLanguage: 'ru',
  outreach: true,
  verified: true,
  memberName: 'ООО «Тест»',
  memberLanguages: ['ru', 'en'],
  status: 'active',
  tier: 'small',
  country: 'RU',
  region: 'RU-VLA',
  sectors: ['fisheries', 'logistics'],
  interests: [],
  targetMarkets: ['VN'],
  website: null,
  ...overrides,
});

describe('campaign audiences', () => {
  it('matches a segment: fields with AND, values within a field with OR, empty fields ignored', () => {
    expect(inSegment(entry(), {})).toBe(true);
    expect(inSegment(entry(), { sectors: ['energy', 'logistics'] })).toBe(true);
    expect(inSegment(entry(), { sectors: ['logistics'], countries: ['VN'] })).toBe(false);
    expect(inSegment(entry(), { targetMarkets: ['TH', 'VN'], tiers: ['small'] })).toBe(true);
    expect(inSegment(entry({ tier: null }), { tiers: ['small'] })).toBe(false);
    expect(inSegment(entry({ tier: null }), { tiers: ['unassessed'] })).toBe(true);
    expect(inSegment(entry({ region: null }), { regions: ['RU-VLA'] })).toBe(false);
    expect(inSegment(entry(), { interests: [] })).toBe(true);
  });

  it('reaches the members of the provinces merged in 2025 through the province they joined', () => {
    const inBinhDuong = entry({ country: 'VN', region: 'VN-57' });
    expect(inSegment(inBinhDuong, { regions: ['VN-SG'] })).toBe(true);
    expect(inSegment(inBinhDuong, { regions: ['VN-57'] })).toBe(true);
    expect(inSegment(inBinhDuong, { regions: ['VN-43', 'VN-HN'] })).toBe(false);
    // The other way round it does not: a segment of the merged province leaves out the city's own members.
    expect(inSegment(entry({ country: 'VN', region: 'VN-SG' }), { regions: ['VN-57'] })).toBe(false);
  });

  it("picks the contact's own language, then its member's languages in order", () => {
    expect(languageFor(entry({ contactLanguage: 'vi' }), ['ru', 'vi'])).toBe('vi');
    expect(languageFor(entry({ contactLanguage: 'vi', memberLanguages: ['en', 'ru'] }), ['ru', 'en'])).toBe(
      'en',
    );
    expect(
      languageFor(entry({ contactLanguage: 'vi', memberLanguages: ['vi'] }), ['ru', 'en']),
    ).toBeUndefined();
  });

  it('excludes for the first reason that applies', () => {
    expect(classify(entry({ status: 'suspended', outreach: false }), ['ru'])).toEqual({
      excluded: 'member-not-active',
    });
    expect(classify(entry({ email: null, outreach: false }), ['ru'])).toEqual({ excluded: 'no-email' });
    expect(classify(entry({ verified: false, outreach: false }), ['ru'])).toEqual({ excluded: 'unverified' });
    expect(
      classify(entry({ outreach: false, contactLanguage: 'vi', memberLanguages: ['vi'] }), ['ru']),
    ).toEqual({
      excluded: 'no-consent',
    });
    expect(classify(entry({ contactLanguage: 'vi', memberLanguages: ['vi'] }), ['ru'])).toEqual({
      excluded: 'no-variant',
    });
    expect(classify(entry(), ['en', 'ru'])).toEqual({ language: 'ru' });
  });
});
