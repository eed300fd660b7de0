import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoEventPlan, generateDemoEvents, leadTopicKey } from '../../infra/local/seed/demo-events.ts';
import { demoStaff } from '../../infra/local/seed/demo-leads.ts';
import { generateDemoMembers } from '../../infra/local/seed/demo-members.ts';
import { generateDemoPartners } from '../../infra/local/seed/demo-partners.ts';
import { pairId } from '../../shared/data/keys.ts';
import { defaultRateTable } from '../../shared/domain/exchange-rates.ts';
import { type Member, memberCreateSchema } from '../../shared/domain/member-schema.ts';
import { type Partner, partnerCreateSchema } from '../../shared/domain/partner-schema.ts';
import { seedTierTable } from '../../shared/domain/tiers.ts';
import {
  eventCreateSchema,
  meetingOutcomeInputSchema,
  meetingRequestCreateSchema,
  registrationSchema,
} from '../../shared/events/event-schema.ts';
import { slotsOf } from '../../shared/events/event-slots.ts';
import { applyProfile } from '../../shared/members/member-state.ts';
import { applyPartnerProfile } from '../../shared/partners/partner-state.ts';

const now = new Date('2026-01-15T09:00:00.000Z');
const seed = 42;
const DAY_MS = 24 * 3600 * 1000;

let members: Member[];
let partners: Partner[];
let plans: DemoEventPlan[];
let past: DemoEventPlan;
let open: DemoEventPlan;

beforeAll(() => {
  let state = 1;
  const next = monotonicFactory(() => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  });
  const newId = () => next(now.getTime());
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
  plans = generateDemoEvents({ seed, now, members, partners });
  [past, open] = plans as [DemoEventPlan, DemoEventPlan];
});

/** The company of a participant, member or partner, as generated. */
function companyOf(id: string) {
  const member = members.find((m) => m.id === id);
  if (member) return { kind: 'member' as const, country: member.country, contacts: member.contacts };
  const partner = partners.find((p) => p.id === id)!;
  return { kind: 'partner' as const, country: partner.country, contacts: partner.contacts };
}

describe('generateDemoEvents', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoEvents({ seed, now, members, partners })).toEqual(plans);
    // The companies in any order: they are sorted by id first.
    expect(
      generateDemoEvents({ seed, now, members: [...members].reverse(), partners: [...partners].reverse() }),
    ).toEqual(plans);
    const other = generateDemoEvents({ seed: seed + 1, now, members, partners });
    expect(other[0]!.participants.map((p) => p.company.id)).not.toEqual(
      past.participants.map((p) => p.company.id),
    );
  });

  it('plans no meeting on two companies and a topic an open lead holds already', () => {
    const held = new Set(past.requests.map((r) => leadTopicKey(r.from, r.input.to, r.input.topic)));
    const avoiding = generateDemoEvents({ seed, now, members, partners, openLeads: held });
    for (const plan of avoiding) {
      for (const r of plan.requests)
        expect(held.has(leadTopicKey(r.input.to, r.from, r.input.topic))).toBe(false);
    }
    expect(avoiding[0]!.requests.length).toBeGreaterThan(past.requests.length / 2);
  });

  it('plans one event held in Moscow 2–3 months back and one open in Ho Chi Minh City well after "today"', () => {
    expect(plans.map((p) => p.key)).toEqual(['past', 'open']);
    for (const plan of plans) expect(eventCreateSchema.parse(plan.event)).toEqual(plan.event);
    expect(past.event).toMatchObject({
      city: { ru: 'Москва', en: 'Moscow' },
      timeZone: 'Europe/Moscow',
      slotMinutes: 20,
    });
    expect(past.event.name).toMatchObject({
      ru: expect.any(String),
      vi: expect.any(String),
      en: expect.any(String),
    });
    const pastDay = Date.parse(past.event.days[0]!.date);
    expect((now.getTime() - pastDay) / DAY_MS).toBeGreaterThan(60);
    expect((now.getTime() - pastDay) / DAY_MS).toBeLessThan(92);
    expect(slotsOf(past.event)).toHaveLength(12);
    // 10–20% of the tables kept spare, interpreters for Russian and Vietnamese.
    expect(past.event.spareTables! / past.event.tables.length).toBeGreaterThanOrEqual(0.1);
    expect(past.event.spareTables! / past.event.tables.length).toBeLessThanOrEqual(0.2);
    expect(past.event.interpreters.length).toBeGreaterThanOrEqual(2);
    for (const i of past.event.interpreters)
      expect(i.pairs.some((p) => [...p].sort().join() === 'ru,vi')).toBe(true);

    expect(open.event).toMatchObject({
      city: { vi: 'Thành phố Hồ Chí Minh', en: 'Ho Chi Minh City' },
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const openDay = Date.parse(open.event.days[0]!.date);
    // Far ahead of the seed's fixed "today", so it is still open on the real clock months later.
    expect((openDay - now.getTime()) / DAY_MS).toBeGreaterThan(500);
    expect(Date.parse(open.event.registrationDeadline)).toBeGreaterThan(Date.parse('2027-06-01'));
    expect(open.event.days.length).toBeLessThanOrEqual(2);
    // Still taking registrations and requests: no schedule, not held.
    expect(Date.parse(open.event.registrationDeadline)).toBeGreaterThan(now.getTime());
    expect(open.publishedAt).toBeUndefined();
    expect(open.heldAt).toBeUndefined();
    expect(open.outcomes).toEqual([]);
  });

  it('registers about 40 Russian and Vietnamese firms for the past event, each with delegates of its own', () => {
    expect(past.participants.length).toBeGreaterThanOrEqual(36);
    expect(past.participants.length).toBeLessThanOrEqual(40);
    const countries = past.participants.map((p) => p.country);
    expect(countries.filter((c) => c === 'RU').length).toBeGreaterThanOrEqual(15);
    expect(countries.filter((c) => c === 'VN').length).toBeGreaterThanOrEqual(15);
    expect(new Set(countries)).toEqual(new Set(['RU', 'VN']));
    // Vietnamese partners and members both; the Russians are members.
    expect(new Set(past.participants.filter((p) => p.country === 'VN').map((p) => p.company.kind))).toEqual(
      new Set(['member', 'partner']),
    );
    for (const plan of plans) {
      const ids = plan.participants.map((p) => p.company.id);
      expect(new Set(ids).size).toBe(ids.length);
      const slots = new Set(slotsOf(plan.event).map((s) => s.id));
      for (const p of plan.participants) {
        expect(registrationSchema.parse(p.registration)).toEqual(p.registration);
        const company = companyOf(p.company.id);
        expect(company.kind).toBe(p.company.kind);
        expect(company.country).toBe(p.country);
        expect(p.registration.delegates.length).toBeGreaterThanOrEqual(1);
        expect(p.registration.delegates.length).toBeLessThanOrEqual(2);
        const live = company.contacts.filter((c) => !c.erasedAt).map((c) => c.id);
        for (const d of p.registration.delegates) expect(live).toContain(d.contactId);
        for (const slot of p.registration.slots ?? []) expect(slots.has(slot)).toBe(true);
        if (p.company.kind === 'member') {
          expect(members.find((m) => m.id === p.company.id)?.status).toBe('active');
        }
      }
    }
    expect(open.participants.length).toBeGreaterThanOrEqual(12);
    expect(open.participants.length).toBeLessThanOrEqual(16);
  });

  it('asks for meetings between the two countries, one request per pair, mostly accepted', () => {
    for (const plan of plans) {
      const registered = new Map(plan.participants.map((p) => [p.company.id, p]));
      const pairs = plan.requests.map((r) => pairId(r.from, r.input.to));
      expect(new Set(pairs).size).toBe(pairs.length);
      for (const r of plan.requests) {
        expect(meetingRequestCreateSchema.parse(r.input)).toEqual(r.input);
        expect(r.from).not.toBe(r.input.to);
        const [from, to] = [registered.get(r.from)!, registered.get(r.input.to)!];
        expect([from.country, to.country].sort()).toEqual(['RU', 'VN']);
        expect(demoStaff).toContain(r.by);
        // Asked after both registered and before the deadline; answered after, before it too.
        expect(r.at > from.at && r.at > to.at).toBe(true);
        expect(r.at < plan.event.requestDeadline).toBe(true);
        expect(r.at < now.toISOString()).toBe(true);
        if (r.answer) {
          expect(r.answer.at > r.at).toBe(true);
          expect(r.answer.at < plan.event.requestDeadline).toBe(true);
          expect(r.answer.at < now.toISOString()).toBe(true);
        }
      }
      expect(plan.requests.map((r) => r.at)).toEqual(plan.requests.map((r) => r.at).sort());
    }
    const status = (plan: DemoEventPlan, s: string) =>
      plan.requests.filter((r) => (r.answer?.status ?? 'pending') === s).length;
    expect(past.requests.length).toBeGreaterThanOrEqual(80);
    expect(past.requests.length).toBeLessThanOrEqual(160);
    expect(status(past, 'accepted')).toBeGreaterThan(past.requests.length * 0.65);
    expect(status(past, 'declined')).toBeGreaterThan(0);
    expect(new Set(past.requests.map((r) => r.input.priority))).toEqual(new Set(['must', 'nice']));
    // Popularity is skewed: the most asked-for firm gets several times the average.
    const asked = new Map<string, number>();
    for (const r of past.requests) asked.set(r.input.to, (asked.get(r.input.to) ?? 0) + 1);
    const average = past.requests.length / past.participants.length;
    expect(Math.max(...asked.values())).toBeGreaterThan(2 * average);
    // The open event: some accepted, some still pending.
    expect(status(open, 'accepted')).toBeGreaterThan(0);
    expect(status(open, 'pending')).toBeGreaterThan(0);
  });

  it('plans outcomes after the event for accepted requests only, and agreements months on', () => {
    const accepted = new Set(
      past.requests.filter((r) => r.answer?.status === 'accepted').map((r) => pairId(r.from, r.input.to)),
    );
    const inOrder = (a: string | undefined, b: string | undefined) => expect(a! < b!).toBe(true);
    inOrder(past.createdAt, past.openedAt);
    inOrder(past.openedAt, past.participants[0]!.at);
    inOrder(past.requests.at(-1)!.at, past.publishedAt);
    inOrder(past.publishedAt, past.heldAt);
    inOrder(past.heldAt, past.outcomes[0]!.at);
    inOrder(past.outcomes.at(-1)!.at, past.closedAt);
    inOrder(past.closedAt, past.agreements[0]?.at);
    inOrder(past.agreements.at(-1)!.at, now.toISOString());
    for (const o of [...past.outcomes, ...past.agreements]) {
      expect(meetingOutcomeInputSchema.parse(o.input)).toEqual(o.input);
      expect(accepted.has(o.meetingId)).toBe(true);
      expect(o.meetingId.split('-')).toContain(o.input.side);
    }
    const kinds = new Set(past.outcomes.map((o) => (o.input.happened ? o.input.outcome : 'no-show')));
    expect(kinds).toEqual(new Set(['no-show', 'no-interest', 'follow-up', 'deal-likely']));
    // Most accepted requests get a report, some from both sides; each side reports once.
    const reported = new Set(past.outcomes.map((o) => o.meetingId));
    expect(reported.size).toBeGreaterThan(accepted.size * 0.8);
    expect(reported.size).toBeLessThan(accepted.size);
    const sides = past.outcomes.map((o) => `${o.meetingId}/${o.input.side}`);
    expect(new Set(sides).size).toBe(sides.length);
    expect(sides.length).toBeGreaterThan(reported.size);
    expect(past.agreements.length).toBeGreaterThan(0);
    expect(new Set(past.agreements.map((a) => a.input.agreement))).toEqual(new Set([true, false]));
  });
});
