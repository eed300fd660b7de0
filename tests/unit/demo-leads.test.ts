import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoCampaignReach,
  type DemoLead,
  type DemoLeadOptions,
  demoStaff,
  generateDemoLeads,
  stageQuotas,
} from '../../infra/local/seed/demo-leads.ts';
import { generateDemoMembers } from '../../infra/local/seed/demo-members.ts';
import { generateDemoPartners } from '../../infra/local/seed/demo-partners.ts';
import { defaultRateTable, rateInForce } from '../../shared/domain/exchange-rates.ts';
import { type Member, memberCreateSchema } from '../../shared/domain/member-schema.ts';
import type { Currency } from '../../shared/domain/money.ts';
import { type Partner, partnerCreateSchema } from '../../shared/domain/partner-schema.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import { leadSchema, timelineEntrySchema } from '../../shared/leads/lead-schema.ts';
import { checkTransition, isOpen, type LeadStage } from '../../shared/leads/lead-stages.ts';
import { memberCard, partnerCard } from '../../shared/matching/match-card.ts';
import { scoreMatch } from '../../shared/matching/match-score.ts';
import { applyProfile } from '../../shared/members/member-state.ts';
import { applyPartnerProfile } from '../../shared/partners/partner-state.ts';

const now = new Date('2026-01-15T09:00:00.000Z');
const seed = 42;

/** A seeded id generator, as the seed draws them: all of the demo's "today". */
function ids(start: number) {
  let state = start;
  const next = monotonicFactory(() => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  });
  return () => next(now.getTime());
}

let members: Member[];
let partners: Partner[];
let campaigns: DemoCampaignReach[];
let options: DemoLeadOptions;
let leads: DemoLead[];

beforeAll(() => {
  const newId = ids(1);
  members = generateDemoMembers({ seed, count: 600, now }).map((input) =>
    applyProfile(
      undefined,
      memberCreateSchema.parse(input),
      { tiers: seedTierTable, rates: defaultRateTable },
      { now, consentSource: 'seed', actorSub: 'seed', newId },
    ),
  );
  partners = generateDemoPartners({ seed, count: 60, now, avoidTaxIds: [] }).map((input) => {
    const { confirmNotDuplicate: _, ...profile } = partnerCreateSchema.parse(input);
    return applyPartnerProfile(undefined, profile, { now, consentSource: 'seed', actorSub: 'seed', newId });
  });
  const reached = (every: number) =>
    members.flatMap((m, i) =>
      i % every === 0 && m.contacts[0] ? [{ memberId: m.id, contactId: m.contacts[0].id }] : [],
    );
  campaigns = [
    { id: newId(), sentAt: '2025-11-20T07:00:00.000Z', targetMarkets: ['VN'], recipients: reached(3) },
    { id: newId(), sentAt: '2026-01-12T06:00:00.000Z', targetMarkets: ['VN'], recipients: reached(5) },
  ];
  options = { seed, count: 60, now, members, partners, campaigns, rates: defaultRateTable, newId: ids(2) };
  leads = generateDemoLeads(options);
});

const memberById = () => new Map(members.map((m) => [m.id, m]));

describe('stageQuotas', () => {
  it('splits any count over the stages in their shares, adding up exactly', () => {
    expect(stageQuotas(6)).toEqual({ new: 1, contacted: 1, meeting: 1, negotiating: 1, won: 1, lost: 1 });
    expect(stageQuotas(320)).toEqual({
      new: 80,
      contacted: 64,
      meeting: 48,
      negotiating: 38,
      won: 42,
      lost: 48,
    });
    for (const count of [0, 1, 7, 59, 333]) {
      expect(Object.values(stageQuotas(count)).reduce((a, b) => a + b, 0)).toBe(count);
    }
  });
});

describe('generateDemoLeads', () => {
  it('makes the leads asked for, in the stage mix, each valid as a stored lead and timeline', () => {
    expect(leads).toHaveLength(60);
    const stages: Record<string, number> = {};
    for (const { lead, entries } of leads) {
      expect(leadSchema.parse(lead)).toEqual(lead);
      for (const entry of entries) expect(timelineEntrySchema.parse(entry)).toEqual(entry);
      stages[lead.stage] = (stages[lead.stage] ?? 0) + 1;
    }
    expect(stages).toEqual(stageQuotas(60));
    expect(generateDemoLeads({ ...options, count: 0 })).toEqual([]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoLeads({ ...options, newId: ids(2) })).toEqual(leads);
    const other = generateDemoLeads({ ...options, seed: seed + 1, newId: ids(2) });
    expect(other.map((l) => l.lead.memberId)).not.toEqual(leads.map((l) => l.lead.memberId));
  });

  it('writes timelines whose transitions follow the stage rules to the stage, in time and id order', () => {
    const yearBefore = new Date(now.getTime() - 365 * 24 * 3600 * 1000).toISOString();
    for (const { lead, entries } of leads) {
      expect(entries[0]).toMatchObject({ type: 'created', at: lead.createdAt });
      const ats = entries.map((e) => e.at);
      expect(ats[0]! >= yearBefore).toBe(true);
      expect(ats.at(-1)! < now.toISOString()).toBe(true);
      for (let i = 1; i < entries.length; i++) {
        expect(ats[i]! > ats[i - 1]!).toBe(true);
        expect(entries[i]!.id > entries[i - 1]!.id).toBe(true);
      }
      expect(lead.id < entries[0]!.id).toBe(true);
      let stage: LeadStage = 'new';
      for (const move of entries.filter((e) => e.type === 'transition')) {
        expect(move.from).toBe(stage);
        expect(checkTransition(stage, move.to!, move.reason)).toEqual({ ok: true });
        stage = move.to!;
      }
      expect(stage).toBe(lead.stage);
      const lastMove = entries.filter((e) => e.type === 'transition').at(-1);
      expect(lead.stageEnteredAt).toBe(lastMove?.at ?? lead.createdAt);
      expect(lead.lastActivityAt).toBe(ats.at(-1));
      expect(lead.updatedAt).toBe(now.toISOString());
      expect(lead.version).toBe(1);
      expect(lead.wonAt).toBe(lead.stage === 'won' ? lead.stageEnteredAt : undefined);
      expect(lead.lostAt).toBe(lead.stage === 'lost' ? lead.stageEnteredAt : undefined);
      expect(lead.lostReason).toBe(lead.stage === 'lost' ? lastMove?.reason : undefined);
      const activities = entries.filter((e) => ['call', 'meeting', 'email', 'note'].includes(e.type));
      expect(activities.length).toBeLessThanOrEqual(3);
      for (const a of activities) expect(a.text).toBeTruthy();
      for (const e of entries) {
        expect(e.by?.role).toBe('staff');
        expect(lead.owner === null || e.by?.sub === lead.owner).toBe(true);
      }
    }
  });

  it('pairs demo members with partners (mostly) or a second member, naming live contacts of each side', () => {
    const byId = memberById();
    const partnerById = new Map(partners.map((p) => [p.id, p]));
    for (const { lead } of leads) {
      const member = byId.get(lead.memberId)!;
      expect(lead.memberName).toBe(member.name);
      const liveIds = (contacts: { id: string; erasedAt?: string | undefined }[]) =>
        contacts.filter((c) => !c.erasedAt).map((c) => c.id);
      for (const id of lead.contacts.member) expect(liveIds(member.contacts)).toContain(id);
      const other =
        lead.counterpart.kind === 'partner'
          ? partnerById.get(lead.counterpart.id)
          : byId.get(lead.counterpart.id);
      expect(other).toBeDefined();
      expect(other!.id).not.toBe(member.id);
      expect(lead.counterpart.name).toBe(other!.name);
      expect(lead.counterpart.country).toBe(other!.country);
      for (const id of lead.contacts.counterpart) expect(liveIds(other!.contacts)).toContain(id);
      expect(lead.contacts.member.length + lead.contacts.counterpart.length).toBeLessThanOrEqual(4);
    }
    const withMembers = leads.filter((l) => l.lead.counterpart.kind === 'member').length;
    expect(withMembers).toBeGreaterThan(0);
    expect(withMembers).toBeLessThan(leads.length * 0.3);
  });

  it('gives match sources only where the match holds on the topic, and campaign ones a contact it reached', () => {
    const byId = memberById();
    const partnerById = new Map(partners.map((p) => [p.id, p]));
    const types = new Set(leads.map((l) => l.lead.source.type));
    expect([...types].sort()).toEqual(['campaign', 'inbound', 'match', 'referral']);
    for (const { lead } of leads) {
      const member = byId.get(lead.memberId)!;
      const { source } = lead;
      if (source.type === 'match') {
        expect([...source.companies].sort()).toEqual([lead.memberId, lead.counterpart.id].sort());
        expect(source.topic).toBe(lead.topic);
        const other =
          lead.counterpart.kind === 'partner'
            ? partnerCard(partnerById.get(lead.counterpart.id)!)
            : memberCard(byId.get(lead.counterpart.id)!);
        const topics = (scoreMatch(memberCard(member), other)?.reasons ?? []).flatMap((r) =>
          r.type === 'they-seek-what-you-offer' || r.type === 'they-offer-what-you-seek' ? [r.topic] : [],
        );
        expect(topics).toContain(lead.topic);
      }
      if (source.type === 'campaign') {
        const campaign = campaigns.find((c) => c.id === source.campaignId)!;
        const reached = campaign.recipients
          .filter((r) => r.memberId === lead.memberId)
          .map((r) => r.contactId);
        expect(reached).toContain(lead.contacts.member[0]);
        expect(lead.createdAt > campaign.sentAt).toBe(true);
      }
    }
  });

  it('values a lead in the base currency where the rate table has no rate for its own', () => {
    const rates = { ...defaultRateTable, rates: defaultRateTable.rates.filter((r) => r.currency === 'USD') };
    const currencies = new Set(
      generateDemoLeads({ ...options, rates, newId: ids(2) }).flatMap(({ lead }) =>
        lead.estimatedValue ? [lead.estimatedValue.currency] : [],
      ),
    );
    expect([...currencies].sort()).toEqual(['RUB', 'USD']);
  });

  it('keeps one lead per two companies and topic, and fills owner, value and next action as staff would', () => {
    const keys = leads.map(
      ({ lead }) => `${[lead.memberId, lead.counterpart.id].sort().join()}#${lead.topic}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    const unassigned = leads.filter((l) => l.lead.owner === null).length / leads.length;
    expect(unassigned).toBeGreaterThan(0.1);
    expect(unassigned).toBeLessThan(0.55);
    for (const { lead } of leads) {
      if (lead.owner !== null) expect(demoStaff).toContain(lead.owner);
      if (lead.estimatedValue) {
        expect(Number.isSafeInteger(lead.estimatedValue.amount)).toBe(true);
        const currency = lead.estimatedValue.currency as Currency;
        expect(['VND', 'THB', 'IDR', 'MYR', 'PHP', 'SGD', 'CNY', 'USD', 'RUB']).toContain(currency);
        // A rate in force today (a lead takes no currency without one), and for a won lead on its won
        // date (the pipeline report converts its value then).
        expect(() => rateInForce(defaultRateTable, currency, now)).not.toThrow();
        if (lead.wonAt)
          expect(() => rateInForce(defaultRateTable, currency, new Date(lead.wonAt!))).not.toThrow();
      }
      if (!isOpen(lead.stage)) expect(lead.nextAction).toBeUndefined();
    }
    const open = leads.filter((l) => isOpen(l.lead.stage));
    const withAction = open.filter((l) => l.lead.nextAction);
    expect(withAction.length).toBeGreaterThan(open.length / 2);
    const today = now.toISOString().slice(0, 10);
    expect(withAction.some((l) => l.lead.nextAction!.due < today)).toBe(true);
    expect(withAction.some((l) => l.lead.nextAction!.due >= today)).toBe(true);
  });
});
