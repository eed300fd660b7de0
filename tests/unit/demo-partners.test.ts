import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoMembers } from '../../infra/local/seed/demo-members.ts';
import { generateDemoPartners } from '../../infra/local/seed/demo-partners.ts';
import { demoSeed } from '../../infra/local/seed/demo-seed.ts';
import { type PartnerCreate, partnerCreateSchema } from '../../shared/domain/partner-schema.ts';
import { isKnownRegion } from '../../shared/domain/region-codes.ts';
import { isValidMst, normaliseTaxId } from '../../shared/domain/tax-id.ts';
import { topics } from '../../shared/domain/topics.ts';

const options = { seed: 1, count: 400, now: new Date('2026-11-01T00:00:00Z') };

let partners: PartnerCreate[];

beforeAll(() => {
  partners = generateDemoPartners(options);
});

const unique = (values: unknown[]) => new Set(values).size === values.length;
const share = (country: string) => partners.filter((p) => p.country === country).length / partners.length;
const domainOf = (email: string | null) => email?.split('@')[1];

describe('generateDemoPartners', () => {
  it('generates the partners asked for', () => {
    expect(partners).toHaveLength(400);
    expect(generateDemoPartners({ ...options, count: 0 })).toEqual([]);
    expect(() => generateDemoPartners({ ...options, count: -1 })).toThrow(RangeError);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoPartners(options)).toEqual(partners);
    const other = generateDemoPartners({ ...options, seed: 2 });
    expect(other.map((p) => p.name)).not.toEqual(partners.map((p) => p.name));
  });

  it('produces records the create schema accepts unchanged', () => {
    for (const partner of partners) {
      const parsed = partnerCreateSchema.safeParse(partner);
      if (!parsed.success) throw new Error(`${partner.name}: ${JSON.stringify(parsed.error.issues)}`);
      expect(parsed.data).toEqual(partner);
    }
  });

  it('keeps names per country, tax ids and contact emails unique', () => {
    expect(unique(partners.map((p) => `${p.country}|${p.latinName.toLowerCase()}`))).toBe(true);
    expect(unique(partners.map((p) => `${p.country}|${p.name}`))).toBe(true);
    const taxIds = partners.flatMap((p) => (p.taxId ? [p.taxId] : []));
    expect(unique(taxIds)).toBe(true);
    expect(taxIds.length / partners.length).toBeGreaterThan(0.7);
    expect(unique(partners.flatMap((p) => p.contacts.map((c) => c.email)))).toBe(true);
  });

  it('gives Vietnamese partners valid MSTs and others a national id', () => {
    for (const partner of partners) {
      if (partner.country === 'VN') {
        expect(partner.taxId && isValidMst(partner.taxId), partner.taxId).toBe(true);
      } else if (partner.taxId) {
        expect(normaliseTaxId(partner.country, partner.taxId)).toEqual({ ok: true, value: partner.taxId });
      }
    }
  });

  it('shares no tax id, domain or email with the demo members', () => {
    const members = generateDemoMembers(demoSeed);
    const memberTaxIds = new Set(members.map((m) => m.taxId));
    const memberDomains = new Set(members.flatMap((m) => m.contacts.map((c) => domainOf(c.email))));
    for (const seed of [options.seed, demoSeed.seed]) {
      for (const partner of generateDemoPartners({ ...options, seed, count: 1000 })) {
        if (partner.taxId) expect(memberTaxIds.has(partner.taxId), partner.taxId).toBe(false);
        for (const contact of partner.contacts) {
          expect(memberDomains.has(domainOf(contact.email)), contact.email ?? '').toBe(false);
        }
      }
    }
  });

  it('never takes a tax id it is told to avoid', () => {
    const avoidTaxIds = partners.flatMap((p) => (p.taxId ? [p.taxId] : []));
    const again = generateDemoPartners({ ...options, avoidTaxIds });
    expect(again).toHaveLength(400);
    for (const partner of again) if (partner.taxId) expect(avoidTaxIds).not.toContain(partner.taxId);
  });

  it('mixes countries as intended: Vietnam first, the rest of ASEAN, a few from China and India', () => {
    expect(share('VN')).toBeGreaterThan(0.33);
    expect(share('VN')).toBeLessThan(0.47);
    for (const country of ['TH', 'ID', 'MY', 'SG', 'PH', 'LA', 'KH', 'MM', 'CN', 'IN']) {
      expect(share(country), country).toBeGreaterThan(0);
      expect(share(country), country).toBeLessThan(0.2);
    }
    expect(share('CN') + share('IN')).toBeLessThan(0.12);
    expect(partners.every((p) => !['RU', 'AE'].includes(p.country))).toBe(true);
  });

  it('writes names in the company’s own script and a Latin name beside them', () => {
    const scripts: Record<string, RegExp> = {
      TH: /\p{Script=Thai}/u,
      LA: /\p{Script=Lao}/u,
      KH: /\p{Script=Khmer}/u,
      MM: /\p{Script=Myanmar}/u,
      CN: /\p{Script=Han}/u,
    };
    const thai = partners.filter((p) => scripts.TH?.test(p.name) && p.latinName !== p.name);
    expect(thai.length).toBeGreaterThan(0);
    for (const partner of partners) {
      const script = scripts[partner.country];
      if (script) expect(script.test(partner.name), partner.name).toBe(true);
      expect(partner.latinName).toMatch(/\p{Script=Latin}/u);
    }
    const vn = partners.filter((p) => p.country === 'VN');
    expect(vn.every((p) => /^Công ty (Cổ phần|TNHH) /.test(p.name))).toBe(true);
    expect(vn.filter((p) => /[ăâđêôơư]/iu.test(p.name)).length / vn.length).toBeGreaterThan(0.8);
  });

  it('places partners in known regions: every Vietnamese one, elsewhere where the code is certain', () => {
    for (const partner of partners) {
      if (partner.country === 'VN') expect(partner.region).toBeDefined();
      if (partner.region) {
        expect(isKnownRegion(partner.region), partner.region).toBe(true);
        expect(partner.region.startsWith(`${partner.country}-`)).toBe(true);
      }
    }
  });

  it('offers and seeks valid topics, each once per list, meeting what Russian members bring', () => {
    for (const partner of partners) {
      for (const list of [partner.offers, partner.needs]) {
        expect(list.length).toBeLessThanOrEqual(3);
        expect(unique(list.map((entry) => entry.topic))).toBe(true);
        for (const entry of list) expect(topics).toContain(entry.topic);
      }
      for (const sector of partner.sectors) expect(topics).toContain(sector);
    }
    const needed = new Set(partners.flatMap((p) => p.needs.map((n) => n.topic)));
    const offered = new Set(partners.flatMap((p) => p.offers.map((o) => o.topic)));
    for (const topic of [
      'industrial-water-treatment',
      'technology-transfer',
      'workforce-training',
      'energy',
    ] as const) {
      expect(needed.has(topic), topic).toBe(true);
    }
    for (const topic of [
      'industrial-parks',
      'trade',
      'tourism',
      'agriculture',
      'garments-textiles',
    ] as const) {
      expect(offered.has(topic), topic).toBe(true);
    }
  });

  it('gives contacts addresses at the partner’s domain and the right language', () => {
    for (const partner of partners) {
      expect(partner.contacts.length).toBeGreaterThanOrEqual(1);
      expect(partner.contacts.length).toBeLessThanOrEqual(3);
      const domains = new Set(partner.contacts.map((c) => domainOf(c.email)));
      expect(domains.size).toBe(1);
      if (partner.website) expect(partner.website).toBe(`https://${[...domains][0]}`);
      for (const contact of partner.contacts) {
        expect(contact.language).toBe(partner.country === 'VN' ? 'vi' : 'en');
      }
    }
    const visible = partners.filter((p) => p.matchmakingVisible).length / partners.length;
    expect(visible).toBeGreaterThan(0.55);
    expect(visible).toBeLessThan(0.75);
  });
});
