import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_REVENUE_TOTAL_USD,
  demoRevenueTotalUsd,
  generateDemoMembers,
} from '../../infra/local/seed/demo-members.ts';
import { type MemberCreate, memberCreateSchema } from '../../shared/domain/member-schema.ts';
import { isKnownRegion, regionsHolding, regionsWithin } from '../../shared/domain/region-codes.ts';
import { regionsOf } from '../../shared/domain/regions.ts';
import { isValidInn } from '../../shared/domain/tax-id.ts';
import { type Topic, topics } from '../../shared/domain/topics.ts';

const now = new Date('2026-03-01T00:00:00Z');
const options = { seed: 20_260_301, count: 3200, now };

let members: MemberCreate[];

// How long generation takes is printed by `npm run bench:first-start`, not asserted here.
beforeAll(() => {
  members = generateDemoMembers(options);
});

const cyrillic = /\p{Script=Cyrillic}/u;
// Letters that exist only in Vietnamese among the scripts the demo uses.
const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
const plainEnglish = /^[A-Za-z0-9 .,&'-]+$/;
// Latin letters (with or without Vietnamese diacritics), digits, spaces, punctuation and symbols (m³).
const latinText = /^[\p{Script=Latin}\p{N}\p{Zs}\p{P}\p{S}]+$/u;

describe('regions', () => {
  it('lists the ISO 3166-2 subdivisions of RU and VN', () => {
    expect(regionsOf('RU')).toHaveLength(83);
    expect(regionsOf('VN')).toHaveLength(63);
    expect(regionsOf('FR')).toEqual([]);
    for (const code of ['RU-MOW', 'RU-SPE', 'RU-VLA', 'RU-TA', 'VN-HN', 'VN-SG', 'VN-01', 'VN-73']) {
      expect(isKnownRegion(code), code).toBe(true);
    }
  });

  it('says of each Vietnamese province merged in 2025 which of the 34 it is part of now', () => {
    const vn = regionsOf('VN');
    const merged = vn.filter((r) => r.mergedInto !== undefined);
    const current = vn.filter((r) => r.mergedInto === undefined);
    expect(merged).toHaveLength(29);
    expect(current).toHaveLength(34);
    // Into one of the 34, itself not merged, each of which took in none, one or two others.
    const currentCodes = new Set(current.map((r) => r.code));
    for (const r of merged) expect(currentCodes.has(r.mergedInto!), r.code).toBe(true);
    const into = (code: string) => merged.filter((r) => r.mergedInto === code).map((r) => r.localName);
    expect(into('VN-SG').sort()).toEqual(['Bà Rịa – Vũng Tàu', 'Bình Dương']);
    expect(into('VN-18').sort()).toEqual(['Hà Nam', 'Nam Định']);
    expect(into('VN-HN')).toEqual([]);
    expect(regionsOf('RU').every((r) => r.mergedInto === undefined)).toBe(true);
  });

  it('has a filter by one of the 34 take in the provinces merged into it, and a merged one only itself', () => {
    for (const r of regionsOf('VN')) {
      const within = regionsWithin(r.code);
      expect(within[0], r.code).toBe(r.code);
      if (r.mergedInto) {
        expect(within, r.code).toEqual([r.code]);
        expect(regionsHolding(r.code)).toEqual([r.code, r.mergedInto]);
        expect(regionsWithin(r.mergedInto)).toContain(r.code);
      } else {
        expect(regionsHolding(r.code)).toEqual([r.code]);
      }
    }
    expect([...regionsWithin('VN-SG')].sort()).toEqual(['VN-43', 'VN-57', 'VN-SG']);
    expect(regionsWithin('RU-MOW')).toEqual(['RU-MOW']);
    expect(regionsWithin('TH-10')).toEqual(['TH-10']);
  });

  it('rejects unlisted codes for listed countries and accepts well-formed ones elsewhere', () => {
    expect(isKnownRegion('RU-XXX')).toBe(false);
    expect(isKnownRegion('VN-15')).toBe(false);
    expect(isKnownRegion('ru-mow')).toBe(false);
    expect(isKnownRegion('TH-10')).toBe(true);
    expect(isKnownRegion('TH-')).toBe(false);
  });
});

describe('generateDemoMembers', () => {
  it('generates the members asked for', () => {
    expect(members).toHaveLength(3200);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoMembers(options)).toEqual(members);
    const other = generateDemoMembers({ ...options, seed: options.seed + 1 });
    expect(other).toHaveLength(3200);
    expect(other.map((m) => m.name)).not.toEqual(members.map((m) => m.name));
  });

  it('produces records the create schema accepts unchanged', () => {
    for (const member of members) {
      const parsed = memberCreateSchema.safeParse(member);
      if (!parsed.success) throw new Error(`${member.name}: ${JSON.stringify(parsed.error.issues)}`);
      // Already normalised (NFC, trimmed, lowercase emails), so the seed stores what it generated.
      expect(parsed.data).toEqual(member);
    }
  });

  it('keeps names, tax ids and contact emails unique', () => {
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    expect(unique(members.map((m) => m.name))).toBe(true);
    expect(unique(members.map((m) => m.name.normalize('NFD').toLowerCase()))).toBe(true);
    expect(unique(members.map((m) => m.taxId))).toBe(true);
    expect(unique(members.flatMap((m) => m.contacts.map((c) => c.email)))).toBe(true);
  });

  it('gives Russian members valid INNs and Vietnamese members 10-digit MSTs', () => {
    for (const member of members) {
      if (member.country === 'RU') expect(isValidInn(member.taxId), member.taxId).toBe(true);
      if (member.country === 'VN') expect(member.taxId).toMatch(/^\d{10}$/);
    }
  });

  it('adds up to about US$42.8 billion of revenue', () => {
    const total = demoRevenueTotalUsd(members);
    expect(Math.abs(total - DEMO_REVENUE_TOTAL_USD) / DEMO_REVENUE_TOTAL_USD).toBeLessThan(0.03);
    for (const member of members) {
      for (const money of [member.verifiedRevenue, member.declaredRevenue]) {
        if (money) expect(Number.isSafeInteger(money.amount) && money.amount > 0).toBe(true);
      }
    }
    const verified = members.filter((m) => m.verifiedRevenue).length / members.length;
    expect(verified).toBeGreaterThan(0.85);
    expect(verified).toBeLessThan(0.95);
  });

  it('mixes Russian, Vietnamese and English names in the intended proportions', () => {
    const share = (country: (c: string) => boolean) =>
      members.filter((m) => country(m.country)).length / members.length;
    expect(share((c) => c === 'RU')).toBeCloseTo(0.8, 1);
    expect(share((c) => c === 'VN')).toBeCloseTo(0.15, 1);
    expect(share((c) => c !== 'RU' && c !== 'VN')).toBeGreaterThan(0.02);

    const names = members.map((m) => m.name);
    expect(names.filter((n) => cyrillic.test(n)).length).toBeGreaterThan(2000);
    expect(names.filter((n) => vietnamese.test(n)).length).toBeGreaterThan(300);
    expect(names.filter((n) => plainEnglish.test(n) && /\b(LLC|Ltd\.?)$/.test(n)).length).toBeGreaterThan(50);
    const vnContacts = members.filter((m) => m.country === 'VN').flatMap((m) => m.contacts);
    expect(vnContacts.filter((c) => vietnamese.test(c.name)).length / vnContacts.length).toBeGreaterThan(0.8);
    const ruContacts = members.filter((m) => m.country === 'RU').flatMap((m) => m.contacts);
    expect(ruContacts.every((c) => cyrillic.test(c.name))).toBe(true);
  });

  it('places members in known regions, Russia and Vietnam always with one', () => {
    for (const member of members) {
      if (member.country === 'RU' || member.country === 'VN') expect(member.region).toBeDefined();
      if (member.region) {
        expect(isKnownRegion(member.region), member.region).toBe(true);
        expect(member.region.startsWith(`${member.country}-`)).toBe(true);
      }
    }
    const ruRegions = new Set(members.filter((m) => m.country === 'RU').map((m) => m.region));
    expect(ruRegions.size).toBeGreaterThan(60);
    expect(ruRegions.has('RU-VLA')).toBe(true);
  });

  it('joins members between 2008 and now', () => {
    const today = now.toISOString().slice(0, 10);
    for (const member of members) {
      expect(member.joinedOn! >= '2008-01-01' && member.joinedOn! <= today, member.joinedOn).toBe(true);
    }
  });

  it('gives most members offers or needs, and about three in ten neither', () => {
    const share = (f: (m: MemberCreate) => boolean) => members.filter(f).length / members.length;
    const neither = share((m) => m.offers.length === 0 && m.needs.length === 0);
    expect(neither).toBeGreaterThan(0.2);
    expect(neither).toBeLessThan(0.4);
    expect(share((m) => m.offers.length > 0)).toBeGreaterThan(0.4);
    expect(share((m) => m.needs.length > 0)).toBeGreaterThan(0.4);
    expect(share((m) => m.offers.length > 0 && m.needs.length > 0)).toBeGreaterThan(0.2);
    for (const member of members) {
      expect(member.offers.length).toBeLessThanOrEqual(3);
      expect(member.needs.length).toBeLessThanOrEqual(3);
    }
  });

  it('lists valid topics, each once per list and never both offered and sought', () => {
    const known = new Set<string>(topics);
    for (const member of members) {
      for (const list of [member.offers, member.needs]) {
        for (const entry of list) expect(known.has(entry.topic), entry.topic).toBe(true);
        expect(new Set(list.map((entry) => entry.topic)).size).toBe(list.length);
      }
      const offered = new Set(member.offers.map((entry) => entry.topic));
      for (const need of member.needs)
        expect(offered.has(need.topic), `${member.name}: ${need.topic}`).toBe(false);
    }
  });

  it('offers what members do: most offering members offer one of their sectors', () => {
    const offering = members.filter((m) => m.offers.length > 0);
    const ownTrade = offering.filter((m) =>
      m.offers.some(
        (o) => m.sectors.includes(o.topic) || (o.topic === 'investment' && m.sectors.includes('finance')),
      ),
    );
    expect(ownTrade.length / offering.length).toBeGreaterThan(0.8);
  });

  it("writes offers and needs in the member's language, short and varied", () => {
    const texts: string[] = [];
    for (const member of members) {
      for (const { text } of [...member.offers, ...member.needs]) {
        texts.push(text);
        expect(text.length, text).toBeGreaterThanOrEqual(20);
        expect(text.length, text).toBeLessThanOrEqual(200);
        if (member.country === 'RU') expect(text, member.name).toMatch(cyrillic);
        else if (member.country === 'VN') {
          expect(vietnamese.test(text) || latinText.test(text), text).toBe(true);
          expect(text).not.toMatch(cyrillic);
        } else {
          expect(text, text).toMatch(latinText);
          expect(text).not.toMatch(vietnamese);
        }
      }
    }
    const vnTexts = members.filter((m) => m.country === 'VN').flatMap((m) => [...m.offers, ...m.needs]);
    expect(vnTexts.filter((entry) => vietnamese.test(entry.text)).length / vnTexts.length).toBeGreaterThan(
      0.8,
    );
    expect(new Set(texts).size).toBeGreaterThan(200);
  });

  it('shows 30 to 60% of active members in matches, never one with nothing to match', () => {
    const active = members.filter((m) => m.status === 'active');
    const visible = active.filter((m) => m.matchmakingVisible).length / active.length;
    expect(visible).toBeGreaterThan(0.3);
    expect(visible).toBeLessThan(0.6);
    for (const member of members) {
      if (member.offers.length === 0 && member.needs.length === 0)
        expect(member.matchmakingVisible).toBe(false);
    }
  });

  it('offers what other members and partners seek', () => {
    const offering = (topic: Topic) => members.filter((m) => m.offers.some((o) => o.topic === topic));
    // What Vietnamese firms and partners ask Russian members for most.
    const waterOrTechnology = members.filter((m) =>
      m.offers.some((o) => o.topic === 'industrial-water-treatment' || o.topic === 'technology-transfer'),
    );
    expect(waterOrTechnology.length).toBeGreaterThanOrEqual(20);
    expect(offering('technology-transfer').filter((m) => m.country === 'RU').length).toBeGreaterThanOrEqual(
      20,
    );
    expect(
      members.filter((m) => m.country === 'VN' && m.needs.some((n) => n.topic === 'technology-transfer'))
        .length,
    ).toBeGreaterThanOrEqual(20);
    // Russian members seek distributors; Vietnamese members offer distribution.
    expect(offering('trade').filter((m) => m.country === 'VN').length).toBeGreaterThanOrEqual(10);
    const neededBy = new Map<Topic, Set<MemberCreate>>();
    for (const member of members) {
      for (const need of member.needs)
        neededBy.set(need.topic, (neededBy.get(need.topic) ?? new Set()).add(member));
    }
    const matched = members.filter((m) =>
      m.offers.some((o) => [...(neededBy.get(o.topic) ?? [])].some((other) => other !== m)),
    );
    expect(matched.length).toBeGreaterThanOrEqual(20);
  });

  it('handles small counts and rejects a nonsensical request', () => {
    expect(generateDemoMembers({ ...options, count: 0 })).toEqual([]);
    const few = generateDemoMembers({ ...options, count: 10 });
    expect(few).toHaveLength(10);
    expect(demoRevenueTotalUsd(few)).toBeCloseTo((DEMO_REVENUE_TOTAL_USD * 10) / 3200, -3);
    expect(() => generateDemoMembers({ ...options, count: -1 })).toThrow(RangeError);
    expect(() => generateDemoMembers({ ...options, now: new Date('2007-12-31T00:00:00Z') })).toThrow(
      RangeError,
    );
  });
});
