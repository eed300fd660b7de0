import { z } from '@hono/zod-openapi';
import { NotFoundError } from '../domain/errors.ts';
import { timestampSchema, ulidSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { EventRepository } from './event-repository.ts';
import {
  type Event,
  type Meeting,
  meetingStates,
  type Participant,
  slotIdSchema,
  spokenLanguageSchema,
} from './event-schema.ts';
import { slotTimes } from './event-slots.ts';
import { utcToZoned } from './zoned-time.ts';

/**
 * Staff's plan of the interpreters: for each, in time order, the meetings it interprets (every one not
 * cancelled, placed ones too): the slot, the table, the two companies and the pair of languages it
 * bridges between them.
 */

const assignmentSchema = onFirstUse(() =>
  z
    .object({
      slot: slotIdSchema,
      start: timestampSchema.openapi({ description: 'UTC.' }),
      end: timestampSchema.openapi({ description: 'UTC.' }),
      localStart: z
        .string()
        .max(16)
        .openapi({ example: '2027-03-16 10:00', description: 'In the event’s zone.' }),
      localEnd: z.string().max(16).openapi({ example: '2027-03-16 10:20' }),
      table: z.object({ id: z.string().max(20), label: z.string().max(100).optional() }),
      meetingId: z.string().max(60),
      state: z.enum(meetingStates).exclude(['cancelled']),
      companies: z
        .array(
          z.object({ id: ulidSchema, name: z.string().max(200), latinName: z.string().max(200).optional() }),
        )
        .min(2)
        .max(2),
      languages: z.array(spokenLanguageSchema).max(2).openapi({
        description: 'The pair the interpreter bridges: the first company’s language, then the other’s.',
      }),
    })
    .openapi('InterpreterAssignment'),
);

export const interpreterPlanSchema = onFirstUse(() =>
  z
    .object({
      eventId: ulidSchema,
      timeZone: z.string().max(64),
      interpreters: z
        .array(
          z.object({
            id: z.string().max(20),
            name: z.string().max(200),
            pairs: z.array(z.array(spokenLanguageSchema).max(2)).max(6),
            assignments: z.array(assignmentSchema).max(500),
          }),
        )
        .max(20),
    })
    .openapi('InterpreterPlan'),
);
export type InterpreterPlan = z.infer<typeof interpreterPlanSchema>;

/** The pair of `pairs` that bridges a language of `a` and one of `b`, in that order. */
function bridgedPair(
  pairs: readonly (readonly string[])[],
  a: readonly string[],
  b: readonly string[],
): string[] {
  for (const [x, y] of pairs) {
    if (x === undefined || y === undefined) continue;
    if (a.includes(x) && b.includes(y)) return [x, y];
    if (a.includes(y) && b.includes(x)) return [y, x];
  }
  return [];
}

export function interpreterPlanOf(input: {
  event: Event;
  meetings: readonly Meeting[];
  participants: readonly Participant[];
}): InterpreterPlan {
  const { event } = input;
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const tables = new Map(event.tables.map((t) => [t.id, t]));
  const live = input.meetings
    .filter((m) => m.state !== 'cancelled' && m.interpreter !== undefined)
    .sort((x, y) => x.slot.localeCompare(y.slot) || x.table.localeCompare(y.table));
  return {
    eventId: event.id,
    timeZone: event.timeZone,
    interpreters: event.interpreters.map((interpreter) => ({
      id: interpreter.id,
      name: interpreter.name,
      pairs: interpreter.pairs,
      assignments: live
        .filter((m) => m.interpreter === interpreter.id)
        .map((m) => {
          const { start, end } = slotTimes(event, m.slot);
          const [a, b] = [byId.get(m.a), byId.get(m.b)];
          const company = (id: string, p: Participant | undefined) => ({
            id,
            name: p?.card.name ?? '',
            ...(p?.card.latinName ? { latinName: p.card.latinName } : {}),
          });
          const table = tables.get(m.table);
          return {
            slot: m.slot,
            start: start.toISOString(),
            end: end.toISOString(),
            localStart: utcToZoned(start, event.timeZone),
            localEnd: utcToZoned(end, event.timeZone),
            table: { id: m.table, ...(table?.label ? { label: table.label } : {}) },
            meetingId: m.id,
            state: m.state as Exclude<Meeting['state'], 'cancelled'>,
            companies: [company(m.a, a), company(m.b, b)],
            languages: bridgedPair(interpreter.pairs, a?.languages ?? [], b?.languages ?? []),
          };
        }),
    })),
  };
}

/** The plan of an event as it is now: one Query of its partition; 404 for no such event. */
export async function interpreterPlanFor(
  events: Pick<EventRepository, 'records'>,
  eventId: string,
): Promise<InterpreterPlan> {
  const records = await events.records(eventId);
  if (!records) throw new NotFoundError(`No event ${eventId}.`);
  return interpreterPlanOf(records);
}
