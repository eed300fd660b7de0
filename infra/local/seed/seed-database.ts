import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory, type PRNG } from 'ulid';
import { forEachBounded } from '../../../shared/concurrency/for-each-bounded.ts';
import type { Database } from '../../../shared/data/dynamo-client.ts';
import { PreconditionFailedError } from '../../../shared/domain/errors.ts';
import { defaultRateTable } from '../../../shared/domain/exchange-rates.ts';
import { type Member, type MemberCreate, memberCreateSchema } from '../../../shared/domain/member-schema.ts';
import { seedTierTable } from '../../../shared/domain/tiers.ts';
import type { Actor } from '../../../shared/members/actor.ts';
import type { HistoryEntry } from '../../../shared/members/history-entry.ts';
import { memberChanges } from '../../../shared/members/member-changes.ts';
import { allItems } from '../../../shared/members/member-items.ts';
import { MemberRepository } from '../../../shared/members/member-repository.ts';
import { applyProfile } from '../../../shared/members/member-state.ts';
import { SettingsRepository } from '../../../shared/settings/settings-repository.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';
import { generateDemoMembers } from './demo-members.ts';
import { seedDemoEvents } from './seed-events.ts';
import { seedDemoLeads, demoPartners as writtenPartners } from './seed-leads.ts';
import { seedDemoPartners } from './seed-partners.ts';

const seedMarkerKey = { pk: 'SETTINGS', sk: 'SEED' };
const seedActor: Actor = { sub: 'seed', role: 'admin' };

export interface SeedOptions {
  seed: number;
  count: number;
  /** The demo's "today"; fixed so the same seed always gives the same data. */
  now: Date;
  onProgress?: (written: number, total: number) => void;
}

/** A seeded generator for ids, so the same seed gives the same member ids run after run. */
function seededPrng(seed: number): PRNG {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function putIfAbsent(put: () => Promise<unknown>): Promise<void> {
  try {
    await put();
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
  }
}

export async function isSeeded(db: Database): Promise<boolean> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: seedMarkerKey }));
  return result.Item !== undefined;
}

/** Members per createMany call: a handful of transactions, so progress shows and settings are re-read. */
const membersPerCall = 40;
/** Calls in flight: DynamoDB Local serialises its writes, so more than two only queue up. */
const concurrency = 2;

export interface SeedResult {
  /** Members the seed wrote this run. */
  members: number;
  items: number;
  /** Demo partners the seed wrote this run (one per ten members). */
  partners: number;
  /** Members and partners left out because a user already holds their tax id or one of their emails. */
  skipped: number;
  /** Sent demo campaigns, and their recipients (those left out with their reason included). */
  campaigns: number;
  recipients: number;
  /** Partnership leads the seed wrote this run (one per ten members), each with its timeline. */
  leads: number;
  /** B2B meeting programmes the seed created this run (one held, one open; seed-events.ts). */
  events: number;
  /** Leads the held programme's meetings opened this run (besides `leads`). */
  eventLeads: number;
}

/**
 * Writes the demo association while the API is already taking writes: settings (if absent), then
 * each member as exactly the items the API writes, in transactions that write a member only if its
 * id, tax id and emails are free, and that add to the report aggregates rather than set them, so the
 * seed and users' writes commute. Members are tiered with the tables in force, and each transaction
 * holds only while those tables are unchanged; if an admin saves one meanwhile, the rest are tiered
 * anew. A member whose tax id or email a user took first is skipped and counted. A run cut short runs
 * again: members already written are recognised by id; the marker item written last says it completed.
 * After the members come the demo partners, the sent campaigns and the partnership leads between them
 * (seed-leads.ts), then the B2B meeting programmes, one held and one open (seed-events.ts), each step as
 * idempotent.
 */
interface SeededMember {
  input: MemberCreate;
  id: string;
  historyId: string;
  contactIds: string[];
}

/** One demo member as the API would create it under the tables in `context`, with its history entry. */
function createOf(seeded: SeededMember, context: Parameters<typeof applyProfile>[2], now: Date) {
  const ids = [seeded.id, ...seeded.contactIds];
  const after = applyProfile(undefined, seeded.input, context, {
    now,
    consentSource: 'seed',
    actorSub: seedActor.sub,
    newId: () => {
      const id = ids.shift();
      if (!id) throw new Error('The demo member needs more ids than were drawn for it.');
      return id;
    },
  });
  const history: HistoryEntry = {
    id: seeded.historyId,
    memberId: after.id,
    at: now.toISOString(),
    actor: seedActor,
    action: 'create',
    changes: memberChanges(undefined, after),
  };
  return { after, history };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedResult> {
  const settings = new SettingsRepository(db);
  const members = new MemberRepository(db);
  // A seed cut short (Ctrl-C) runs again on the next start: settings already written stay as they are.
  await putIfAbsent(() => settings.put('tiers', seedTierTable, 0, options.now));
  await putIfAbsent(() => settings.put('rates', defaultRateTable, 0, options.now));

  const nextId = monotonicFactory(seededPrng(options.seed));
  const idTime = options.now.getTime();
  const newId = () => nextId(idTime);
  // Ids are drawn once, in input order, so a member keeps its ids however often it is tiered anew.
  const inputs = generateDemoMembers({ seed: options.seed, count: options.count, now: options.now }).map(
    (input): SeededMember => ({
      input: memberCreateSchema.parse(input),
      id: newId(),
      historyId: newId(),
      contactIds: (input.contacts ?? []).map(() => newId()),
    }),
  );
  const total = inputs.length;
  const result: SeedResult = {
    members: 0,
    partners: 0,
    items: 0,
    skipped: 0,
    campaigns: 0,
    recipients: 0,
    leads: 0,
    events: 0,
    eventLeads: 0,
  };
  /** Ids of members written or refused: what a retry after a settings change leaves out. */
  const settled = new Set<string>();
  /** Each demo member (by input) as last built, as written but for its tiering; those a user kept out, by id. */
  const built = new Map<string, Member>();
  const keptOut = new Set<string>();
  let remaining = inputs;
  while (remaining.length > 0) {
    const current = await settings.read();
    const context = { tiers: current.tiers.value, rates: current.rates.value };
    const conditions = settings.unchangedLegs(current);
    const creates = remaining.map((seeded) => createOf(seeded, context, options.now));
    for (const [i, seeded] of remaining.entries()) built.set(seeded.id, creates[i]!.after);
    let changed = false;
    await forEachBounded(chunk(creates, membersPerCall), concurrency, async (call) => {
      if (changed) return;
      const outcome = await members.createMany(call, conditions);
      for (const member of outcome.written) {
        settled.add(member.id);
        result.items += allItems(member).length + 1;
      }
      for (const { member, reason } of outcome.refused) {
        settled.add(member.id);
        if (reason !== 'exists') {
          keptOut.add(member.id);
          result.skipped++;
        }
      }
      result.members += outcome.written.length;
      changed ||= outcome.conditionsChanged;
      options.onProgress?.(settled.size, total);
    });
    // By the id the member was written with: a member's contacts draw their ids before it does.
    remaining = remaining.filter((seeded) => !settled.has(built.get(seeded.id)!.id));
    if (!changed) break;
  }
  const demoPartners = await seedDemoPartners(db, {
    seed: options.seed,
    count: Math.round(options.count / 10),
    now: options.now,
    random: seededPrng(options.seed + 3),
    avoidTaxIds: inputs.map((seeded) => seeded.input.taxId),
  });
  result.partners = demoPartners.partners;
  result.items += demoPartners.items;
  result.skipped += demoPartners.skipped;
  // Their own id generator: the members' ids are all of the demo's "today", the campaigns' of their days.
  const campaignIds = monotonicFactory(seededPrng(options.seed + 2));
  const drawnIds = new Set<string>();
  const sent = await seedDemoCampaigns(db, {
    newId: (at) => {
      const id = campaignIds(at.getTime());
      drawnIds.add(id);
      return id;
    },
    random: seededPrng(options.seed + 1),
  });
  result.campaigns = sent.campaigns;
  result.recipients = sent.recipients;
  result.items += sent.recipients;
  const writtenMembers = inputs.flatMap((seeded) => {
    const member = built.get(seeded.id);
    return member && !keptOut.has(member.id) ? [member] : [];
  });
  // Their own ids too, all of the demo's "today" like the members', drawn in timeline order.
  const leadIds = monotonicFactory(seededPrng(options.seed + 4));
  const leads = await seedDemoLeads(db, {
    seed: options.seed,
    count: Math.round(options.count / 10),
    now: options.now,
    members: writtenMembers,
    isDemoCampaign: (id) => drawnIds.has(id),
    newId: () => leadIds(idTime),
  });
  result.leads = leads.leads;
  result.items += leads.items;
  // The events' own random stream and ids: the members, partners and leads above stay as they were.
  // Every demo member as built, written or not: a run after a cut plans the same events, and the
  // event service refuses to register one a user kept out (it is left out, with its requests).
  const events = await seedDemoEvents(db, {
    seed: options.seed,
    now: options.now,
    members: inputs.map((seeded) => built.get(seeded.id)!),
    partners: await writtenPartners(db, options.now),
  });
  result.events = events.events;
  result.eventLeads = events.leads;
  result.items += events.items;
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...seedMarkerKey,
        type: 'seedMarker',
        seed: options.seed,
        members: total,
        at: options.now.toISOString(),
      },
    }),
  );
  return result;
}
