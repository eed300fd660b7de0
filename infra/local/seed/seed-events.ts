import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory, type PRNG } from 'ulid';
import { forEachBounded } from '../../../shared/concurrency/for-each-bounded.ts';
import type { Database } from '../../../shared/data/dynamo-client.ts';
import { eventPartition, pairId } from '../../../shared/data/keys.ts';
import type { LastKey } from '../../../shared/data/prefix-search.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/errors.ts';
import type { Member } from '../../../shared/domain/member-schema.ts';
import type { Partner } from '../../../shared/domain/partner-schema.ts';
import { EventRepository } from '../../../shared/events/event-repository.ts';
import type { Event, Meeting } from '../../../shared/events/event-schema.ts';
import { EventService } from '../../../shared/events/event-service.ts';
import { OutcomeService } from '../../../shared/events/outcome-service.ts';
import { type ScheduleRun, ScheduleService } from '../../../shared/events/schedule-service.ts';
import { leadIndexItems } from '../../../shared/leads/lead-items.ts';
import { LeadRepository } from '../../../shared/leads/lead-repository.ts';
import type { LeadService } from '../../../shared/leads/lead-service.ts';
import { leadServiceFor } from '../../../shared/leads/lead-service-for.ts';
import { isOpen } from '../../../shared/leads/lead-stages.ts';
import type { Actor } from '../../../shared/members/actor.ts';
import { MemberRepository } from '../../../shared/members/member-repository.ts';
import { PartnerRepository } from '../../../shared/partners/partner-repository.ts';
import { drainLeadChanges } from '../../../shared/reports/pipeline-consumer.ts';
import { type DemoEventPlan, type DemoOutcome, generateDemoEvents, leadTopicKey } from './demo-events.ts';

/** Writes in flight: DynamoDB Local serialises its writes, so more than two only queue up. */
const concurrency = 2;

export interface DemoEventsResult {
  /** Events created this run, and what this run wrote into them. */
  events: number;
  participants: number;
  requests: number;
  answers: number;
  /** Meetings the published schedules confirmed. */
  meetings: number;
  /** Sides' reports recorded (the agreement answers among them). */
  outcomes: number;
  /** Leads the outcomes opened; a meeting whose pair had an open lead on its topic joined that one. */
  leads: number;
  items: number;
  /** Registrations the event service refused (a user changed the company meanwhile), with their requests. */
  skipped: number;
  /** The scheduler's runs, by event. */
  schedules: Record<string, Pick<ScheduleRun, 'placed' | 'unplaced' | 'method' | 'optimal'>>;
}

/**
 * Each step's own id stream, a function of the seed and the step's name only: a step draws the same
 * ids however the steps before it went (run again after a cut, or in another order), so the event's
 * id is known before it is created and a lead's ids do not depend on which meetings came first.
 */
function streamOf(seed: number, name: string): PRNG {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  let state = hash >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes the demo's two B2B meeting programmes (demo-events.ts) through the event services, as staff
 * would have over the months: each step at its own moment on a clock the seed sets, so every record
 * bears the date it would have. The past event is created, opened, filled with registrations,
 * requests and answers, scheduled and published, held, reported on (follow-ups open leads through the
 * lead service), closed, and asked months on about agreements; the open one stops at its answers.
 * Run again (a seed cut short), a step whose effect is there already is left out, so it completes
 * what is missing. Last, the lead changes the outcomes left in the outbox are applied to the pipeline
 * report, as the lead seed does.
 */
export async function seedDemoEvents(
  db: Database,
  options: { seed: number; now: Date; members: readonly Member[]; partners: readonly Partner[] },
): Promise<DemoEventsResult> {
  const events = new EventRepository(db);
  const members = new MemberRepository(db);
  const partners = new PartnerRepository(db);
  const leads = new LeadRepository(db);
  const plans = generateDemoEvents({ ...options, openLeads: await openLeadTopics(leads) });
  const result: DemoEventsResult = {
    events: 0,
    participants: 0,
    requests: 0,
    answers: 0,
    meetings: 0,
    outcomes: 0,
    leads: 0,
    items: 0,
    skipped: 0,
    schedules: {},
  };

  /**
   * The services as a step at `at` sees them: that moment on the clock, the step's own ids. Ids carry
   * the demo's "today" as the other demo records' do (a lead's timeline sorts by entry id, and a demo
   * lead a meeting joins has its entries' ids of today), `order` milliseconds on, so that the steps'
   * ids sort as the steps do in time: a lead's later entries after its earlier ones.
   */
  function servicesAt(at: string, step: string, order = 0) {
    const moment = new Date(at);
    const clock = () => moment;
    const next = monotonicFactory(streamOf(options.seed, step));
    const idTime = options.now.getTime() + 1 + order;
    const newId = () => next(idTime);
    const leadService = leadServiceFor({ db, clock, newId, leads, members, partners });
    return {
      events: new EventService({ events, members, partners, clock, newId }),
      schedules: new ScheduleService({ events, clock }),
      outcomes: new OutcomeService({ events, leads: countingLeads(leadService), clock }),
    };
  }

  /** The lead service, counting the leads it opens and the items its writes add. */
  function countingLeads(service: LeadService): Pick<LeadService, 'create' | 'addActivity'> {
    return {
      async create(input, actor) {
        const lead = await service.create(input, actor);
        result.leads++;
        // The lead, its creation entry, its guard while open, its index items and its change event.
        result.items += 1 + 1 + 1 + leadIndexItems(lead).length + 1;
        return lead;
      },
      async addActivity(id, input, actor) {
        const lead = await service.addActivity(id, input, actor);
        result.items += 1;
        return lead;
      },
    };
  }

  const staff = (sub: string): Actor => ({ sub, role: 'staff' });

  for (const plan of plans) {
    const eventId = monotonicFactory(streamOf(options.seed, `${plan.key}#create`))(options.now.getTime() + 1);
    const itemsBefore = await partitionSize(db, eventId);
    await seedEvent(plan, eventId);
    result.items += (await partitionSize(db, eventId)) - itemsBefore;
  }
  await drainLeadChanges(db);
  return result;

  async function seedEvent(plan: DemoEventPlan, eventId: string): Promise<void> {
    const actor = staff(plan.by);
    let event = await events.event(eventId, { consistent: true });
    if (!event) {
      const services = servicesAt(plan.createdAt, `${plan.key}#create`);
      event = await services.events.create(plan.event);
      if (event.id !== eventId) throw new Error(`The demo event got id ${event.id}, not ${eventId}.`);
      result.events++;
    }
    const move = async (state: Event['state'], at: string) => {
      event = await servicesAt(at, `${plan.key}#${state}`).events.patch(eventId, { state }, '*');
    };
    if (event.state === 'draft') await move('open', plan.openedAt);

    // Registrations: a company a user suspended, resigned or erased meanwhile is left out.
    let records = (await events.records(eventId))!;
    const known = new Set(records.participants.map((p) => p.id));
    await forEachBounded(
      plan.participants.filter((p) => !known.has(p.company.id)),
      concurrency,
      async (p) => {
        try {
          await servicesAt(p.at, `${plan.key}#register#${p.company.id}`).events.register(
            eventId,
            p.company,
            p.registration,
            actor,
          );
          result.participants++;
        } catch (error) {
          const refused =
            error instanceof ConflictError ||
            error instanceof NotFoundError ||
            error instanceof ValidationError;
          if (!refused) throw error;
          result.skipped++;
        }
      },
    );

    // Requests between two registered firms, then the answers.
    records = (await events.records(eventId))!;
    const registered = new Map(
      records.participants.filter((p) => p.status === 'registered').map((p) => [p.id, p]),
    );
    const asked = new Set(records.requests.map((r) => r.id));
    const requests = plan.requests.filter((r) => registered.has(r.from) && registered.has(r.input.to));
    result.skipped += plan.requests.length - requests.length;
    await forEachBounded(
      requests.filter((r) => !asked.has(pairId(r.from, r.input.to))),
      concurrency,
      async (r) => {
        const services = servicesAt(r.at, `${plan.key}#request#${pairId(r.from, r.input.to)}`);
        await services.events.request(eventId, r.from, r.input, staff(r.by));
        result.requests++;
      },
    );
    records = (await events.records(eventId))!;
    const stored = new Map(records.requests.map((r) => [r.id, r]));
    await forEachBounded(
      requests.filter((r) => r.answer && stored.get(pairId(r.from, r.input.to))?.status === 'pending'),
      concurrency,
      async (r) => {
        const id = pairId(r.from, r.input.to);
        const answer = r.answer!;
        const to = registered.get(r.input.to)!;
        const by =
          answer.by === 'staff'
            ? { role: 'staff' as const }
            : to.card.kind === 'member'
              ? { role: 'member' as const, companyId: to.id }
              : { role: 'partner' as const, companyId: to.id };
        await servicesAt(answer.at, `${plan.key}#answer#${id}`).events.answer(eventId, id, answer.status, by);
        result.answers++;
      },
    );

    if (plan.publishedAt && event.state === 'open') {
      const run = await servicesAt(plan.publishedAt, `${plan.key}#schedule`).schedules.run(eventId, {
        publish: true,
      });
      result.schedules[plan.key] = {
        placed: run.placed,
        unplaced: run.unplaced,
        method: run.method,
        optimal: run.optimal,
      };
      result.meetings += run.placed;
      event = (await events.event(eventId, { consistent: true }))!;
    }
    if (plan.heldAt && event.state === 'scheduled') await move('held', plan.heldAt);
    await report(plan, eventId, plan.outcomes, 'outcome', 0);
    if (plan.closedAt && event.state === 'held') await move('closed', plan.closedAt);
    await report(plan, eventId, plan.agreements, 'agreement', plan.outcomes.length);
  }

  /**
   * The sides' reports, meeting by meeting (a meeting's two sides in turn), for the meetings the
   * schedule holds; a side that has reported already (an earlier run) is not asked again.
   */
  async function report(
    plan: DemoEventPlan,
    eventId: string,
    outcomes: readonly DemoOutcome[],
    kind: 'outcome' | 'agreement',
    /** Where these steps start in the order of the event's reports, for their ids. */
    first: number,
  ): Promise<void> {
    if (outcomes.length === 0) return;
    const records = (await events.records(eventId))!;
    const meetings = new Map(records.meetings.map((m) => [m.id, m]));
    const done = (m: Meeting, o: DemoOutcome) => {
      const said = m.outcomes[o.input.side];
      return kind === 'outcome' ? said !== undefined : said?.agreement !== undefined;
    };
    const byMeeting = new Map<string, { o: DemoOutcome; order: number }[]>();
    for (const [i, o] of outcomes.entries()) {
      const meeting = meetings.get(o.meetingId);
      // Only a meeting the published schedule holds has an outcome; the rest were never placed.
      if (!meeting || meeting.state === 'placed' || meeting.state === 'cancelled' || done(meeting, o))
        continue;
      byMeeting.set(o.meetingId, [...(byMeeting.get(o.meetingId) ?? []), { o, order: first + i }]);
    }
    await forEachBounded([...byMeeting.values()], concurrency, async (sides) => {
      for (const { o, order } of sides) {
        const step = `${plan.key}#${kind}#${o.meetingId}#${o.input.side}`;
        const services = servicesAt(o.at, step, order);
        await services.outcomes.record(eventId, o.meetingId, o.input, { actor: staff(o.by) });
        result.outcomes++;
      }
    });
  }
}

/**
 * The open leads other than the events' own (the lead seed's, a user's), by companies and topic: a
 * meeting on one would join that lead rather than open its own. The events' leads are left out, so a
 * run after a cut plans the same meetings as the first.
 */
async function openLeadTopics(leads: LeadRepository): Promise<Set<string>> {
  const keys = new Set<string>();
  let startKey: LastKey | undefined;
  do {
    const page = await leads.list({ facet: 'all', value: 'leads', limit: 500, startKey });
    for (const l of page.items) {
      if (isOpen(l.stage) && l.sourceType !== 'event')
        keys.add(leadTopicKey(l.memberId, l.counterpart.id, l.topic));
    }
    startKey = page.lastKey;
  } while (startKey);
  return keys;
}

/** How many items an event's partition holds: the event and its participants, requests, meetings, report lines. */
async function partitionSize(db: Database, eventId: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': eventPartition(eventId) },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
