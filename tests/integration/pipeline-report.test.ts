/**
 * The pipeline report on DynamoDB Local: aggregates kept from lead change events applied once each,
 * whatever the delivery does (batches redelivered, duplicated, cut off mid-way), equal to a rebuild
 * from the leads after a randomised sequence of lead operations; the report read from them; the
 * admin rebuild.
 */

import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadChangeKey } from '../../shared/data/keys.ts';
import { defaultRateTable } from '../../shared/domain/exchange-rates.ts';
import { EventRepository } from '../../shared/events/event-repository.ts';
import { CampaignTrace } from '../../shared/leads/campaign-trace.ts';
import type { LeadChange } from '../../shared/leads/lead-changes.ts';
import { stageExits } from '../../shared/leads/lead-changes.ts';
import { LeadRepository } from '../../shared/leads/lead-repository.ts';
import { LeadService } from '../../shared/leads/lead-service.ts';
import { allowedMoves, type LeadStage } from '../../shared/leads/lead-stages.ts';
import { MemberRepository } from '../../shared/members/member-repository.ts';
import { PartnerRepository } from '../../shared/partners/partner-repository.ts';
import { PipelineAggregates } from '../../shared/reports/pipeline-aggregates.ts';
import { toBaseWith } from '../../shared/reports/pipeline-consumer.ts';
import { linesOf, pipelineFactsOf } from '../../shared/reports/pipeline-lines.ts';
import { pipelineAggregator } from '../../shared/runtime/pipeline-aggregator.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let now = Date.parse('2026-03-01T09:00:00.000Z');
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  staff = await t.token('staff');
});
afterAll(() => t.drop());

/** A small seeded generator (mulberry32), so a failure replays. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const toBase = toBaseWith(defaultRateTable);
const actor = { sub: 'local-staff', role: 'staff' as const };

async function companies(n: number) {
  const members: string[] = [];
  const partners: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = await t.call('POST', '/v1/members', { token: staff, body: company({ contacts: [] }) });
    members.push(((await m.json()) as { id: string }).id);
    const p = await t.call('POST', '/v1/partners', {
      token: staff,
      body: {
        name: `Partner ${i} ${Date.now()}`,
        latinName: `Partner ${i} ${Date.now()}`,
        country: ['VN', 'TH', 'ID'][i % 3],
        sectors: ['trade'],
      },
    });
    partners.push(((await p.json()) as { id: string }).id);
  }
  return { members, partners };
}

/** The lines as a comparable map, zero lines left out (a rebuild writes none for them). */
function normalised(
  lines: readonly {
    line: string;
    leads: number;
    won: number;
    wonBase: bigint;
    value: Record<string, unknown>;
  }[],
) {
  const out: Record<string, { leads: number; won: number; wonBase: string; value: Record<string, string> }> =
    {};
  for (const l of lines) {
    const value = Object.fromEntries(
      Object.entries(l.value)
        .map(([c, v]) => [c, String(v)])
        .filter(([, v]) => v !== '0'),
    );
    if (l.leads === 0 && l.won === 0 && l.wonBase === 0n && Object.keys(value).length === 0) continue;
    out[l.line] = { leads: l.leads, won: l.won, wonBase: String(l.wonBase), value };
  }
  return out;
}

describe('pipeline aggregates from lead change events', () => {
  it('equal a rebuild after random lead operations, with deliveries redelivered, duplicated and cut off', async () => {
    const random = rng(20261202);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const { members, partners } = await companies(4);
    const leads = new LeadRepository(t.db);
    // No `written` hook: this test delivers the events itself.
    const service = new LeadService({
      leads,
      members: new MemberRepository(t.db),
      partners: new PartnerRepository(t.db),
      campaigns: new CampaignTrace(t.db),
      events: new EventRepository(t.db),
      rates: async () => defaultRateTable,
      clock: () => new Date(now),
      newId: () => ulid(),
    });
    const ids: string[] = [];
    const topics = ['trade', 'energy', 'tourism', 'logistics'] as const;
    const currencies = ['RUB', 'USD', 'VND', 'THB', 'SGD'] as const;
    for (let step = 0; step < 90; step++) {
      now += Math.floor(random() * 3 * 86_400_000);
      const roll = random();
      try {
        if (roll < 0.3 || ids.length === 0) {
          const lead = await service.create(
            {
              memberId: pick(members),
              partnerId: pick(partners),
              topic: pick(topics),
              contacts: { member: [], counterpart: [] },
              source: pick([{ type: 'inbound' as const }, { type: 'referral' as const }]),
              owner: null,
              ...(random() < 0.7
                ? { estimatedValue: { amount: Math.floor(random() * 1e9), currency: pick(currencies) } }
                : {}),
            },
            actor,
          );
          ids.push(lead.id);
        } else if (roll < 0.75) {
          const id = pick(ids);
          const { lead } = await service.get(id);
          const moves = allowedMoves(lead.stage);
          if (moves.length > 0) {
            const to: LeadStage = pick(moves);
            await service.transition(id, { to, ...(to === 'lost' ? { reason: 'No fit' } : {}) }, actor);
          }
        } else if (roll < 0.85) {
          await service.addActivity(pick(ids), { type: 'call', text: 'Called', shared: false }, actor);
        } else {
          await service.patch(
            pick(ids),
            random() < 0.5
              ? { estimatedValue: { amount: Math.floor(random() * 1e9), currency: pick(currencies) } }
              : { topic: pick(topics) },
            actor,
            '*',
          );
        }
      } catch (error) {
        // A second open lead for a pair and topic, or a reopen over one: refused, nothing written.
        if (!(error instanceof Error && error.name === 'ConflictError')) throw error;
      }
    }

    const aggregates = new PipelineAggregates(t.db);
    const events: LeadChange[] = [];
    for await (const change of aggregates.pending()) events.push(change);
    // Activities change nothing the report counts, and refused writes write nothing: fewer events than steps.
    expect(events.length).toBeGreaterThan(40);
    // Deliver as a stream would, badly: in batches, some cut off mid-way and redelivered whole,
    // some delivered twice, and every event once more at the end, in reverse.
    let applied = 0;
    for (let i = 0; i < events.length; ) {
      const batch = events.slice(i, i + 1 + Math.floor(random() * 7));
      if (random() < 0.3) {
        for (const change of batch.slice(0, Math.floor(batch.length / 2)))
          if (await aggregates.apply(change, toBase)) applied++;
      }
      for (const change of batch) if (await aggregates.apply(change, toBase)) applied++;
      if (random() < 0.3) for (const change of batch) if (await aggregates.apply(change, toBase)) applied++;
      i += batch.length;
    }
    for (const change of [...events].reverse()) if (await aggregates.apply(change, toBase)) applied++;
    expect(applied).toBe(events.length);

    const rebuilt = [];
    for (const id of ids) {
      const found = (await leads.get(id))!;
      rebuilt.push({ facts: pipelineFactsOf(found.lead), exits: stageExits(undefined, found.timeline) });
    }
    const expected = normalised(linesOf(rebuilt, toBase));
    expect(normalised(await aggregates.lines())).toEqual(expected);
    expect(Object.keys(expected).some((line) => line.startsWith('DAYS#'))).toBe(true);
    expect(Object.keys(expected).some((line) => line === 'STAGE#won')).toBe(true);
  });

  it('rebuilds the aggregates from the leads (admin), equal to what the events kept', async () => {
    const aggregates = new PipelineAggregates(t.db);
    const before = normalised(await aggregates.lines());
    // Damage them: a rebuild must not depend on what is there.
    await aggregates.replace([{ line: 'STAGE#new', leads: 999, won: 0, value: {}, wonBase: 0n }]);
    expect((await t.call('POST', '/v1/reports/pipeline/rebuild', { token: staff })).status).toBe(403);
    const rebuilt = await t.call('POST', '/v1/reports/pipeline/rebuild', { token: await t.token('admin') });
    expect(rebuilt.status).toBe(200);
    expect(((await rebuilt.json()) as { leads: number }).leads).toBeGreaterThan(20);
    expect(normalised(await aggregates.lines())).toEqual(before);
  });
});

describe('the stream consumer (AWS)', () => {
  it('applies an inserted change event once, ignores other records, and reports a failing one', async () => {
    const { members, partners } = await companies(1);
    const created = await t.call('POST', '/v1/leads', {
      token: staff,
      body: {
        memberId: members[0],
        partnerId: partners[0],
        topic: 'healthcare',
        source: { type: 'inbound' },
      },
    });
    const id = ((await created.json()) as { id: string }).id;
    await t.pipeline.idle();
    const lines = async () =>
      normalised(await new PipelineAggregates(t.db).lines())['TOPIC#healthcare']?.leads ?? 0;
    const counted = await lines();
    // A transition's event, left in the outbox (no drain) for the stream handler to take.
    await new LeadService({
      leads: new LeadRepository(t.db),
      members: new MemberRepository(t.db),
      partners: new PartnerRepository(t.db),
      campaigns: new CampaignTrace(t.db),
      events: new EventRepository(t.db),
      rates: async () => defaultRateTable,
      clock: () => new Date(now),
      newId: () => ulid(),
    }).patch(id, { topic: 'mining' }, actor, '*');
    const key = leadChangeKey(id, 2);
    const record = (eventName: string, sequence: string, keys = key) => ({
      eventName,
      dynamodb: { Keys: { pk: { S: keys.pk }, sk: { S: keys.sk } }, SequenceNumber: sequence },
    });
    const handler = pipelineAggregator(() => t.db);
    const event = { Records: [record('INSERT', '1'), record('INSERT', '2'), record('REMOVE', '3')] };
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(await lines()).toBe(counted - 1);
    // Delivered again: the event is gone, nothing changes.
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(await lines()).toBe(counted - 1);
    const broken = pipelineAggregator(() => ({ ...t.db, tableName: 'no-such-table' }));
    const failing = await broken({ Records: [record('INSERT', '7')] } as unknown as DynamoDBStreamEvent);
    expect(failing.batchItemFailures).toEqual([{ itemIdentifier: '7' }]);
  });
});

describe('GET /v1/reports/pipeline', () => {
  it('reports leads and value per stage, country, topic and source, with conversion and days per stage', async () => {
    const response = await t.call('GET', '/v1/reports/pipeline?asOf=2026-06-01', { token: staff });
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      currency: string;
      byStage: { key: string; leads: number; valueConverted: { amount: number } }[];
      byCountry: { key: string; leads: number; won: number; conversion: number }[];
      bySource: { key: string; leads: number; won: number; conversion: number }[];
      daysPerStage: { stage: string; left: number; median: { fromDays: number } | null }[];
      funnel: { stage: string; entered: number; movedOn: number; conversion: number }[];
    };
    const lines = normalised(await new PipelineAggregates(t.db).lines());
    expect(report.currency).toBe('RUB');
    expect(report.byStage.map((s) => s.key)).toEqual([
      'new',
      'contacted',
      'meeting',
      'negotiating',
      'won',
      'lost',
    ]);
    for (const stage of report.byStage) expect(stage.leads).toBe(lines[`STAGE#${stage.key}`]?.leads ?? 0);
    const total = report.byStage.reduce((sum, s) => sum + s.leads, 0);
    expect(report.byCountry.reduce((sum, c) => sum + c.leads, 0)).toBe(total);
    for (const source of report.bySource) {
      expect(source.conversion).toBeCloseTo(source.won / source.leads, 4);
    }
    // Every lead entered `new` once; only `negotiating` leads into `won`.
    expect(report.funnel.map((s) => s.stage)).toEqual(['new', 'contacted', 'meeting', 'negotiating']);
    expect(report.funnel[0]!.entered).toBe(total);
    expect(report.funnel[3]!.movedOn).toBe(report.byStage.find((s) => s.key === 'won')!.leads);
    for (const step of report.funnel) expect(step.movedOn).toBeLessThanOrEqual(step.entered);
    const newStage = report.daysPerStage.find((d) => d.stage === 'new')!;
    expect(newStage.left).toBeGreaterThan(0);
    expect(newStage.median).not.toBeNull();
    expect(
      (await t.call('GET', '/v1/reports/pipeline', { token: await t.token('member', ulid()) })).status,
    ).toBe(403);
  });

  it('is kept current by lead writes through the API', async () => {
    const { members, partners } = await companies(1);
    const read = async () =>
      (
        (await (await t.call('GET', '/v1/reports/pipeline', { token: staff })).json()) as {
          byStage: { key: string; leads: number }[];
        }
      ).byStage.find((s) => s.key === 'new')!.leads;
    const before = await read();
    const created = await t.call('POST', '/v1/leads', {
      token: staff,
      body: { memberId: members[0], partnerId: partners[0], topic: 'mining', source: { type: 'inbound' } },
    });
    expect(created.status).toBe(201);
    await t.pipeline.idle();
    expect(await read()).toBe(before + 1);
  });
});
