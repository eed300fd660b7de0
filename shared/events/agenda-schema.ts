import { z } from '@hono/zod-openapi';
import { languageSchema, timestampSchema, topicSchema, ulidSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { eventSchema, meetingStates, slotIdSchema } from './event-record-schema.ts';

/** A participant's agenda as the API returns it (agenda.ts builds it, and says what it holds). */

const localTimesSchema = onFirstUse(() =>
  z
    .object({
      timeZone: z.string().max(64).openapi({ example: 'Asia/Ho_Chi_Minh' }),
      start: z.string().max(16).openapi({ example: '2027-03-16 14:00', description: 'Local date and time.' }),
      end: z.string().max(16).openapi({ example: '2027-03-16 14:20' }),
    })
    .openapi('AgendaLocalTimes'),
);

const agendaTableSchema = onFirstUse(() =>
  z.object({
    id: z.string().max(20),
    label: z.string().max(100).optional(),
    link: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'For an online event: the table’s meeting link.' }),
  }),
);

export const agendaMeetingSchema = onFirstUse(() =>
  z
    .object({
      meetingId: z.string().max(60),
      state: z.enum(meetingStates).exclude(['cancelled']),
      slot: slotIdSchema,
      start: timestampSchema.openapi({ description: 'UTC.' }),
      end: timestampSchema.openapi({ description: 'UTC.' }),
      atEvent: localTimesSchema.openapi({ description: 'The times in the event’s zone.' }),
      forDelegate: localTimesSchema.openapi({
        description: 'The times in the zone of the delegate who meets.',
      }),
      table: agendaTableSchema,
      interpreter: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: 'The interpreter’s name, if one is at the table.' }),
      topic: topicSchema,
      delegate: z
        .object({ contactId: ulidSchema, name: z.string().max(200) })
        .openapi({ description: 'Who of this company meets.' }),
      counterpart: z
        .object({
          id: ulidSchema,
          name: z.string().max(200),
          latinName: z.string().max(200).optional(),
          country: z.string().max(2),
          delegateName: z.string().max(200).openapi({ description: 'Who of the counterpart meets.' }),
        })
        .openapi({
          description: 'The company met: its match-card names and country, and its delegate’s name.',
        }),
    })
    .openapi('AgendaMeeting'),
);
export type AgendaMeeting = z.infer<typeof agendaMeetingSchema>;

export const agendaCancellationSchema = onFirstUse(() =>
  z
    .object({
      meetingId: z.string().max(60),
      slot: slotIdSchema,
      start: timestampSchema,
      end: timestampSchema,
      delegateContactId: ulidSchema.optional(),
    })
    .openapi('AgendaCancellation', { description: 'A meeting of this company that was cancelled.' }),
);
export type AgendaCancellation = z.infer<typeof agendaCancellationSchema>;

export const agendaSchema = onFirstUse(() =>
  z
    .object({
      eventId: ulidSchema,
      companyId: ulidSchema,
      company: z.object({ name: z.string().max(200), latinName: z.string().max(200).optional() }),
      event: eventSchema.pick({ name: true, city: true, online: true, timeZone: true }),
      scheduleVersion: z.int32().min(0).openapi({
        description: 'The published schedule this agenda is of (0: none yet); the calendar’s SEQUENCE.',
      }),
      view: z.enum(['member', 'staff']).openapi({
        description: '`member`: what is published (confirmed, held, no-show); `staff`: placed meetings too.',
      }),
      delegates: z
        .array(
          z.object({
            contactId: ulidSchema,
            name: z.string().max(200),
            language: languageSchema,
            timeZone: z.string().max(64),
          }),
        )
        .max(10),
      meetings: z.array(agendaMeetingSchema).max(500).openapi({ description: 'In time order.' }),
      cancelled: z.array(agendaCancellationSchema).max(500),
    })
    .openapi('Agenda'),
);
export type Agenda = z.infer<typeof agendaSchema>;
