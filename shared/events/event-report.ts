import { z } from '@hono/zod-openapi';
import { NotFoundError } from '../domain/errors.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { LeadRepository } from '../leads/lead-repository.ts';
import { leadStages } from '../leads/lead-stages.ts';
import { type Counts, eventCounters } from './event-report-lines.ts';
import type { EventRepository } from './event-repository.ts';

const countsShape = Object.fromEntries(
  eventCounters.map((c) => [c, z.int32().min(0).openapi({ format: 'int32' })]),
) as Record<(typeof eventCounters)[number], z.ZodInt32>;

export const eventReportLineSchema = onFirstUse(() =>
  z
    .object({
      ...countsShape,
      acceptanceRate: z.number().min(0).max(1).nullable().openapi({ description: 'Accepted ÷ requests.' }),
    })
    .openapi('EventReportLine'),
);

export const eventReportSchema = onFirstUse(() =>
  z
    .object({
      eventId: z.string().max(26),
      total: eventReportLineSchema,
      byCountryPair: z.record(z.string(), eventReportLineSchema),
      byTopic: z.record(z.string(), eventReportLineSchema),
      leadsByStage: z.record(z.enum(leadStages), z.int32().min(0)),
    })
    .openapi('EventReport'),
);
export type EventReport = z.infer<typeof eventReportSchema>;

function line(counts: Counts) {
  const full = Object.fromEntries(eventCounters.map((c) => [c, Math.max(0, counts[c] ?? 0)])) as Record<
    (typeof eventCounters)[number],
    number
  >;
  return { ...full, acceptanceRate: full.requests > 0 ? full.accepted / full.requests : null };
}

/**
 * The event report: its counter items (one Query of REPORT# lines, kept by every write) and the stages
 * its leads are in now (one Query of the leads' event list). It never reads the requests or meetings.
 * No such event: 404.
 */
export async function eventReport(
  eventId: string,
  events: EventRepository,
  leads: LeadRepository,
): Promise<EventReport> {
  if (!(await events.exists(eventId))) throw new NotFoundError(`No event ${eventId}.`);
  const lines = await events.reportLines(eventId);
  const byPrefix = (prefix: string) =>
    Object.fromEntries(
      [...lines]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, counts]) => [key.slice(prefix.length), line(counts)]),
    );
  const leadsByStage = Object.fromEntries(leadStages.map((s) => [s, 0])) as Record<
    (typeof leadStages)[number],
    number
  >;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await leads.list({ facet: 'event', value: eventId, limit: 500, startKey });
    for (const summary of page.items) leadsByStage[summary.stage] += 1;
    startKey = page.lastKey;
  } while (startKey);
  return {
    eventId,
    total: line(lines.get('TOTAL') ?? {}),
    byCountryPair: byPrefix('PAIR#'),
    byTopic: byPrefix('TOPIC#'),
    leadsByStage,
  };
}
