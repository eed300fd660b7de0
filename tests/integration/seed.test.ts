import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDevSecrets } from '../../infra/local/dev-secrets.ts';
import { createLocalApp } from '../../infra/local/local-app.ts';
import { generateDemoMembers } from '../../infra/local/seed/demo-members.ts';
import { isSeeded, type SeedResult, seedDatabase } from '../../infra/local/seed/seed-database.ts';
import { CampaignRepository } from '../../shared/campaigns/campaign-repository.ts';
import { RecipientRepository } from '../../shared/campaigns/recipient-repository.ts';
import type { Database } from '../../shared/data/dynamo-client.ts';
import type { Member } from '../../shared/domain/member-schema.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import type { EventReport } from '../../shared/events/event-report.ts';
import type {
  Event,
  EventSummary,
  Meeting,
  MeetingRequest,
  Participant,
} from '../../shared/events/event-schema.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { LeadRepository } from '../../shared/leads/lead-repository.ts';
import type { LeadSummary } from '../../shared/leads/lead-schema.ts';
import { isOpen, type LeadStage } from '../../shared/leads/lead-stages.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { PartnerRepository } from '../../shared/partners/partner-repository.ts';
import { PipelineAggregates } from '../../shared/reports/pipeline-aggregates.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestTable, scanAll } from '../support/test-table.ts';

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestTable());
});
afterAll(() => drop());

const options = { seed: 7, count: 60, now: new Date('2026-01-15T09:00:00.000Z') };

/** The first run's result, for the runs after it. */
let seeded: SeedResult;

async function allLeads(): Promise<LeadSummary[]> {
  const { items, lastKey } = await new LeadRepository(db).list({ facet: 'all', value: 'leads', limit: 100 });
  expect(lastKey).toBeUndefined();
  return items;
}

describe('the demo seed', () => {
  it('writes members the API can read, and marks itself complete', async () => {
    expect(await isSeeded(db)).toBe(false);
    const result = await seedDatabase(db, options);
    seeded = result;
    expect(result.members).toBe(60);
    expect(await isSeeded(db)).toBe(true);
    const page = await new MemberRepository(db).listByFacet({ facet: 'all', value: 'members', limit: 100 });
    expect(page.items).toHaveLength(60);
    // One foreign partner per ten members, listed and readable like one created through the API.
    expect(result.partners).toBe(6);
    const partners = new PartnerRepository(db);
    const listed = await partners.listByFacet({ facet: 'all', value: 'partners', limit: 100 });
    expect(listed.items).toHaveLength(6);
    const first = await partners.get(listed.items[0]!.id);
    expect(first?.contacts.length).toBeGreaterThan(0);
  });

  it('adds sent demo campaigns whose counts add up, their unsubscribes applied to the members', async () => {
    const { items } = await new CampaignRepository(db).list(10, undefined);
    expect(items.map((c) => [c.state, c.sendAt])).toEqual([
      ['sent', '2026-01-12T06:00:00.000Z'],
      ['sent', '2025-12-16T04:00:00.000Z'],
      ['sent', '2025-11-20T07:00:00.000Z'],
    ]);
    const recipients = new RecipientRepository(db);
    const members = new MemberRepository(db);
    let unsubscribed = 0;
    for (const campaign of items) {
      const counts = await recipients.counts(campaign.id);
      expect(counts.queued + counts.claimed).toBe(0);
      let listed = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await recipients.page(campaign.id, 100, startKey);
        for (const r of page.items) {
          listed++;
          if (r.status !== 'unsubscribed') continue;
          unsubscribed++;
          const member = await members.get(r.memberId);
          expect(member?.contacts.find((c) => c.id === r.contactId)?.consent.outreach).toMatchObject({
            granted: false,
            source: 'member',
          });
          const history = await members.history(r.memberId, 10, undefined);
          expect(history.items.map((h) => [h.action, h.actor.sub])).toContainEqual([
            'unsubscribe',
            `unsubscribe-link:${campaign.id}`,
          ]);
        }
        startKey = page.lastKey;
      } while (startKey);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(listed);
      expect(counts.delivered).toBeGreaterThan(0);
    }
    // The fixed seed gives this small demo one unsubscribe; the checks above ran on it.
    expect(unsubscribed).toBeGreaterThan(0);
  });

  it('adds partnership leads over the stages, each with a timeline that led to its stage', async () => {
    // One per ten members, one in each stage for this small demo; besides them, the leads the demo
    // event's meetings opened (new, unassigned).
    expect(seeded.leads).toBe(6);
    const listed = await allLeads();
    expect(listed).toHaveLength(6 + seeded.eventLeads);
    expect(new Set(listed.map((l) => l.stage)).size).toBeGreaterThanOrEqual(4);
    const leads = new LeadRepository(db);
    const partners = new PartnerRepository(db);
    const members = new MemberRepository(db);
    let items = 0;
    let fromEvents = 0;
    for (const summary of listed) {
      const found = await leads.get(summary.id);
      expect(found).toBeDefined();
      const { lead, timeline } = found!;
      expect(lead.stage).toBe(summary.stage);
      expect(timeline[0]).toMatchObject({ type: 'created', at: lead.createdAt });
      let stage: LeadStage = 'new';
      for (const move of timeline.filter((e) => e.type === 'transition')) {
        expect(move.from).toBe(stage);
        stage = move.to!;
      }
      expect(stage).toBe(lead.stage);
      expect(timeline.map((e) => e.at)).toEqual(timeline.map((e) => e.at).sort());
      expect(lead.lastActivityAt).toBe(timeline.at(-1)!.at);
      if (lead.stage === 'lost') expect(lead.lostReason).toBe(timeline.at(-1)!.reason ?? lead.lostReason);
      // The companies are the demo's, and the contacts theirs.
      const member = await members.get(lead.memberId);
      expect(member?.name).toBe(lead.memberName);
      for (const id of lead.contacts.member) expect(member?.contacts.map((c) => c.id)).toContain(id);
      const other =
        lead.counterpart.kind === 'partner'
          ? await partners.get(lead.counterpart.id)
          : await members.get(lead.counterpart.id);
      expect(other?.name).toBe(lead.counterpart.name);
      for (const id of lead.contacts.counterpart) expect(other?.contacts.map((c) => c.id)).toContain(id);
      items += 1 + timeline.length + (isOpen(lead.stage) ? 1 : 0);
      if (lead.source.type === 'event') {
        fromEvents++;
        expect(lead).toMatchObject({ stage: 'new', owner: null });
        // Opened by a side's follow-up, with each report on it since as a meeting entry.
        expect(timeline.map((e) => e.type)).toEqual(['created', ...timeline.slice(1).map(() => 'meeting')]);
        expect(timeline.length).toBeGreaterThanOrEqual(2);
      }
    }
    expect(fromEvents).toBe(seeded.eventLeads);
    // Besides the leads, their timelines and guards: a list entry per facet, a due entry per next action.
    expect(seeded.items).toBeGreaterThan(items);
    // The lead lists and the overdue list answer from the index items written with them.
    const open = listed.filter((l) => isOpen(l.stage));
    const byStage = await leads.list({ facet: 'stage', value: listed[0]!.stage, limit: 100 });
    expect(byStage.items.map((l) => l.id)).toContain(listed[0]!.id);
    const overdue = await leads.overdue({ today: '2026-01-15', limit: 100 });
    for (const l of overdue.items) expect(open.map((o) => o.id)).toContain(l.id);
    // The pipeline report counts them already: the seed applied their change events.
    const aggregates = new PipelineAggregates(db);
    for await (const _ of aggregates.pending()) expect.unreachable('a change event left pending');
    const lines = await aggregates.lines();
    for (const stage of new Set(listed.map((l) => l.stage))) {
      expect(lines.find((l) => l.line === `STAGE#${stage}`)?.leads).toBe(
        listed.filter((l) => l.stage === stage).length,
      );
    }
  });

  it('adds a held and an open B2B meeting programme, with meetings, outcomes, leads and a report', async () => {
    expect(seeded.events).toBe(2);
    expect(seeded.eventLeads).toBeGreaterThan(0);
    const secrets = await createDevSecrets();
    const local = await createLocalApp({
      endpoint: inject('dynamoEndpoint'),
      tableName: db.tableName,
      secrets,
      outboxDir: await mkdtemp(join(tmpdir(), 'bridge-crm-seed-outbox-')),
      publicBaseUrl: 'http://crm.test',
      // The demo's "today": the open event's requests are pending then (they expire at its deadline).
      clock: () => options.now,
    });
    const token = await signLocalToken(secrets.privateJwk, { role: 'staff' });
    const get = async <T>(path: string): Promise<T> => {
      const response = await local.app.request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as T;
    };
    const { items } = await get<{ items: EventSummary[] }>('/v1/events');
    // The latest first day first: the open one in Ho Chi Minh City, then the one held in Moscow.
    // Each city named in the three languages.
    expect(items.map((e) => [e.state, e.city, e.timeZone])).toEqual([
      ['open', { ru: 'Хошимин', vi: 'Thành phố Hồ Chí Minh', en: 'Ho Chi Minh City' }, 'Asia/Ho_Chi_Minh'],
      ['closed', { ru: 'Москва', vi: 'Mát-xcơ-va', en: 'Moscow' }, 'Europe/Moscow'],
    ]);
    const [open, past] = items as [EventSummary, EventSummary];
    expect(past.name.en).toBe('Russia–Vietnam B2B meetings');
    expect(past.lastDay < '2026-01-15' && open.firstDay > '2026-01-15').toBe(true);

    // The past one: scheduled and published once, then held and closed; its meetings reported on.
    expect(await get<Event>(`/v1/events/${past.id}`)).toMatchObject({ state: 'closed', scheduleVersion: 1 });
    const participants = (await get<{ items: Participant[] }>(`/v1/events/${past.id}/participants`)).items;
    expect(new Set(participants.map((p) => p.card.country))).toEqual(new Set(['RU', 'VN']));
    const { meetings } = await get<{ meetings: Meeting[] }>(`/v1/events/${past.id}/schedule`);
    expect(meetings.length).toBeGreaterThan(10);
    const states = meetings.map((m) => m.state);
    expect(states).toContain('held');
    expect(states.every((s) => ['confirmed', 'held', 'no-show'].includes(s))).toBe(true);
    // Each meeting's delegates are delegates of its two companies.
    const delegates = new Map(participants.map((p) => [p.id, p.delegates.map((d) => d.contactId)]));
    for (const m of meetings) {
      for (const side of [m.a, m.b]) expect(delegates.get(side)).toContain(m.delegates[side]);
    }
    const withLeads = meetings.filter((m) => m.leadId);
    expect(withLeads.length).toBeGreaterThan(0);
    const report = await get<EventReport>(`/v1/reports/events/${past.id}`);
    const requests = (await get<{ items: MeetingRequest[] }>(`/v1/events/${past.id}/requests`)).items;
    expect(report.total).toMatchObject({
      requests: requests.length,
      accepted: requests.filter((r) => r.status === 'accepted').length,
      declined: requests.filter((r) => r.status === 'declined').length,
      placed: meetings.length,
      held: states.filter((s) => s === 'held').length,
      noShows: states.filter((s) => s === 'no-show').length,
      leads: withLeads.length,
    });
    expect(report.total.accepted).toBeGreaterThan(report.total.requests / 2);
    expect(Object.keys(report.byCountryPair)).toEqual(['RU-VN']);
    expect(report.leadsByStage.new).toBe(seeded.eventLeads);

    // The open one: firms registered, requests pending and accepted, no schedule yet.
    expect(await get<Event>(`/v1/events/${open.id}`)).toMatchObject({ state: 'open', scheduleVersion: 0 });
    const registered = (await get<{ items: Participant[] }>(`/v1/events/${open.id}/participants`)).items;
    expect(registered.length).toBeGreaterThanOrEqual(8);
    const asked = (await get<{ items: MeetingRequest[] }>(`/v1/events/${open.id}/requests`)).items;
    expect(asked.map((r) => r.status)).toEqual(expect.arrayContaining(['pending', 'accepted']));
    expect((await get<{ meetings: Meeting[] }>(`/v1/events/${open.id}/schedule`)).meetings).toEqual([]);
  });

  it('runs again to completion after being cut short, with the same data and the same report', async () => {
    const repository = new MemberRepository(db);
    const before = await repository.tierAggregates();
    const campaigns = (await new CampaignRepository(db).list(10, undefined)).items;
    const leads = await allLeads();
    const lines = await new PipelineAggregates(db).lines();
    const events = await scanAll(db).then((all) => all.filter((i) => String(i.pk).startsWith('EVENT#')));
    // An interrupted first start leaves everything but the completion marker.
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: { pk: 'SETTINGS', sk: 'SEED' } }));
    const again = await seedDatabase(db, options);
    // The leads are the same ones: already written, so none written again; the events likewise.
    expect(again).toMatchObject({ leads: 0, events: 0, eventLeads: 0 });
    expect(await allLeads()).toEqual(leads);
    const eventsAgain = await scanAll(db).then((all) => all.filter((i) => String(i.pk).startsWith('EVENT#')));
    expect(eventsAgain).toEqual(events);
    expect(await new PipelineAggregates(db).lines()).toEqual(lines);
    expect(await isSeeded(db)).toBe(true);
    expect(await repository.tierAggregates()).toEqual(before);
    const page = await repository.listByFacet({ facet: 'all', value: 'members', limit: 100 });
    expect(page.items).toHaveLength(60);
    expect((await new CampaignRepository(db).list(10, undefined)).items).toEqual(campaigns);
  });
});

describe('the demo seed beside users who are already writing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.drop());

  /** Tier lines and currency counts as stored, and as recomputed from the member items. */
  async function aggregates() {
    const items = await scanAll(t.db);
    const stored = {
      tiers: Object.fromEntries(
        items
          .filter(
            (i) => i.type === 'tierAggregate' && (Number(i.memberCount) !== 0 || Number(i.revenue) !== 0),
          )
          .map((i) => [i.tier, { memberCount: Number(i.memberCount), revenue: Number(i.revenue) }]),
      ),
      currencies: Object.fromEntries(
        items
          // A rate table marks currencies no member uses yet: those items hold no count.
          .filter((i) => i.type === 'currencyUsage' && Number(i.memberCount ?? 0) !== 0)
          .map((i) => [i.currency, Number(i.memberCount)]),
      ),
    };
    const rebuilt = {
      tiers: {} as Record<string, { memberCount: number; revenue: number }>,
      currencies: {} as Record<string, number>,
    };
    for (const member of items.filter((i) => i.type === 'member') as unknown as Member[]) {
      if (member.verifiedRevenue) {
        const currency = member.verifiedRevenue.currency;
        rebuilt.currencies[currency] = (rebuilt.currencies[currency] ?? 0) + 1;
      }
      if (member.status === 'resigned' || !member.tier || !member.tierRevenue) continue;
      const line = rebuilt.tiers[member.tier] ?? { memberCount: 0, revenue: 0 };
      line.memberCount += 1;
      line.revenue += member.tierRevenue.amount;
      rebuilt.tiers[member.tier] = line;
    }
    return { stored, rebuilt };
  }

  it('skips and counts members whose tax id or email a user took first; every aggregate matches a rebuild', async () => {
    const run = { seed: 11, count: 120, now: new Date('2026-01-15T09:00:00.000Z') };
    const demo = generateDemoMembers(run);
    const staff = await t.token('staff');
    const admin = await t.token('admin');
    const create = async (body: object) => {
      const response = await t.call('POST', '/v1/members', { token: staff, body });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as Member;
    };
    // Taken before the seed reaches them: the tax id of demo member 90, an email of demo member 100.
    const takenTaxId = demo[90]!;
    const takenEmail = demo[100]!.contacts![0]!.email!;
    const seeding = seedDatabase(t.db, run);
    const users = [
      await create({ ...takenTaxId, name: 'ООО «Успели первыми»', contacts: [] }),
      await create({
        name: 'ООО «Почта занята»',
        country: 'RU',
        taxId: withInnCheckDigits('731000001'),
        sectors: ['energy'],
        verifiedRevenue: { amount: 900_000_000_00, currency: 'RUB' },
        contacts: [{ name: 'Ирина', email: takenEmail, language: 'ru' }],
      }),
      await create({
        name: 'Công ty Song song',
        country: 'VN',
        taxId: '0312345673',
        sectors: ['agriculture'],
        verifiedRevenue: { amount: 25_000_000_000, currency: 'VND' },
      }),
    ];
    // While the seed runs: a patch that moves a tier, and a resignation.
    const revise = async (member: Member, patch: object) => {
      const response = await t.call('PATCH', `/v1/members/${member.id}`, {
        token: admin,
        body: patch,
        headers: { 'if-match': '*' },
      });
      expect(response.status).toBe(200);
    };
    await revise(users[1]!, { verifiedRevenue: { amount: 5_000_000_000_00, currency: 'RUB' } });
    await revise(users[2]!, { status: 'suspended' });
    const resign = await t.call('DELETE', `/v1/members/${users[2]!.id}`, {
      token: admin,
      headers: { 'if-match': '*' },
    });
    expect(resign.status).toBe(200);

    const result = await seeding;
    expect(result).toMatchObject({ members: 118, skipped: 2 });
    const { stored, rebuilt } = await aggregates();
    expect(stored).toEqual(rebuilt);
    // The users' members are theirs, untouched by the seed.
    const kept = await new MemberRepository(t.db).get(users[0]!.id);
    expect(kept?.name).toBe('ООО «Успели первыми»');
  });
});
