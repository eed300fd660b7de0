import { z } from '@hono/zod-openapi';
import {
  languageSchema,
  serverOwned,
  timestampSchema,
  topicSchema,
  ulidSchema,
} from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { text, uniqueList } from '../domain/text.ts';
import { matchCardSchema } from '../matching/match-card-schema.ts';
import { eventStates } from './event-states.ts';

/**
 * The records of an event as they are stored and returned: the event, its participants, its meeting
 * requests and its meetings. Apart from what the API takes in (event-schema.ts, which re-exports these),
 * so that the workers, which read and write records through EventRepository but take no input, bundle
 * only these: the campaign worker (agenda and meeting-request emails) and the mail-event worker (a
 * partner's answer).
 */

/** Any ISO 639-1 code: delegates and interpreters speak more languages than the CRM's three. */
export const spokenLanguageSchema = onFirstUse(() =>
  z
    .string()
    .regex(/^[a-z]{2}$/, 'Must be an ISO 639-1 code in lower case.')
    .openapi({ example: 'vi', maxLength: 2 }),
);

const clockTimeSchema = onFirstUse(() =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time of day, HH:MM.')
    .openapi({ example: '09:30', maxLength: 5 }),
);

/** A slot's id: the local date and start time at the event (`2026-12-10T09:30`). */
export const slotIdSchema = onFirstUse(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Must be a slot id, YYYY-MM-DDTHH:MM in the event’s zone.')
    .openapi({ example: '2027-03-16T09:30', maxLength: 16 }),
);

export const sessionSchema = onFirstUse(() =>
  z.strictObject({ start: clockTimeSchema, end: clockTimeSchema }),
);

export const tableSchema = onFirstUse(() =>
  z
    .strictObject({
      id: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,20}$/, 'Letters, digits and hyphens, at most 20.')
        .openapi({ example: 'T1', maxLength: 20 }),
      label: text(100).optional(),
      // Only the web's schemes: the link goes into delegates' agendas and calendar files, where a
      // `javascript:` or `data:` URL a zod `url()` accepts would be a trap.
      link: z
        .url({ protocol: /^https?$/, message: 'Must be an http(s) URL.' })
        .max(500)
        .optional()
        .openapi({ description: 'For an online event: the table’s meeting link.' }),
    })
    .openapi('EventTable'),
);

const languagePairSchema = onFirstUse(() =>
  z
    .array(spokenLanguageSchema)
    .min(2)
    .max(2)
    .refine(([a, b]) => a !== b, 'The two languages must differ.'),
);

export const interpreterSchema = onFirstUse(() =>
  z
    .strictObject({
      id: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,20}$/, 'Letters, digits and hyphens, at most 20.')
        .openapi({ maxLength: 20 }),
      name: text(200),
      pairs: z.array(languagePairSchema).min(1).max(6),
      slots: uniqueList(slotIdSchema, 500, 1)
        .optional()
        .openapi({ description: 'The slots worked; default all.' }),
    })
    .openapi('Interpreter'),
);

export const eventStateSchema = onFirstUse(() => z.enum(eventStates));

/** Text as stored in one or more of the languages (an event's name, its city). */
const storedInLanguages = (max: number) =>
  z.object({
    ru: z.string().max(max).optional(),
    vi: z.string().max(max).optional(),
    en: z.string().max(max).optional(),
  });

export const eventSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema.openapi(serverOwned),
      name: storedInLanguages(200),
      /** One name for every reader, or a name per language. */
      city: z.union([z.string().max(100), storedInLanguages(100)]).optional(),
      online: z.boolean(),
      timeZone: z.string().max(64),
      days: z.array(z.object({ date: z.string().max(10), sessions: z.array(sessionSchema).max(4) })).max(10),
      slotMinutes: z.int32().min(5).max(120),
      gapMinutes: z.int32().min(0).max(60),
      tables: z.array(tableSchema).max(300),
      spareTables: z.int32().min(0).max(299),
      registrationDeadline: z.string().max(40),
      requestDeadline: z.string().max(40),
      interpreters: z.array(interpreterSchema).max(20),
      state: eventStateSchema.openapi(serverOwned),
      /**
       * Bumped by each published schedule, and by a handover or withdrawal that changes a published
       * meeting: agendas carry it, and emails go once per version.
       */
      scheduleVersion: z.int32().min(0).openapi(serverOwned),
      /** When staff last asked both sides of its held meetings the follow-up question by email. */
      followUpAskedAt: timestampSchema.optional().openapi(serverOwned),
      version: z.int32().min(1).openapi(serverOwned),
      createdAt: timestampSchema.openapi(serverOwned),
      updatedAt: timestampSchema.openapi(serverOwned),
    })
    .openapi('Event'),
);
export type Event = z.infer<typeof eventSchema>;

export const delegateSchema = onFirstUse(() =>
  z
    .object({
      contactId: ulidSchema,
      name: z.string().max(200),
      language: languageSchema.openapi({ description: 'The language the delegate’s emails are in.' }),
      timeZone: z
        .string()
        .max(64)
        .optional()
        .openapi({ description: 'The delegate’s zone; absent: the event’s.' }),
      slots: z.array(slotIdSchema).max(500),
    })
    .openapi('EventDelegate'),
);
export type Delegate = z.infer<typeof delegateSchema>;

export const participantSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema.openapi({
        description: 'The company’s id (member or partner): one participation per company.',
      }),
      card: matchCardSchema,
      delegates: z.array(delegateSchema).max(10),
      languages: z.array(spokenLanguageSchema).max(6),
      offers: z.array(topicSchema).max(10),
      needs: z.array(topicSchema).max(10),
      slots: z.array(slotIdSchema).max(500),
      status: z.enum(['registered', 'withdrawn']),
      /** The published schedule version whose agenda its delegates were last sent. */
      agendaSent: z.int32().min(0).openapi(serverOwned),
      /** A digest of the agenda last sent (agenda-queue.ts): a publish that changed nothing for it sends nothing. */
      agendaHash: z.string().max(64).optional().openapi(serverOwned),
      /**
       * Which delegate each meeting of the agenda last sent went to, and in which slot, by meeting id:
       * the next agenda cancels, in that delegate's calendar, a meeting a colleague has since or one no
       * longer on the schedule (agenda.ts `noLongerSent`). Absent for agendas sent before it existed.
       */
      agendaSentTo: z
        .record(z.string().max(60), z.object({ contactId: ulidSchema, slot: slotIdSchema }))
        .optional()
        .openapi(serverOwned),
      version: z.int32().min(1).openapi(serverOwned),
      createdAt: timestampSchema.openapi(serverOwned),
      updatedAt: timestampSchema.openapi(serverOwned),
    })
    .openapi('EventParticipant'),
);
export type Participant = z.infer<typeof participantSchema>;

export const requestPrioritySchema = onFirstUse(() => z.enum(['must', 'nice']));

export const requestStatuses = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;

export const meetingRequestSchema = onFirstUse(() =>
  z
    .object({
      id: z.string().max(60).openapi({ description: 'The two participants’ ids, sorted, joined by `-`.' }),
      from: ulidSchema,
      to: ulidSchema,
      priority: requestPrioritySchema,
      topic: topicSchema,
      countryPair: z.string().max(5).openapi({ description: 'The two sides’ countries, sorted: `RU-VN`.' }),
      reason: z.string().max(500),
      status: z.enum(requestStatuses),
      answeredAt: timestampSchema.optional(),
      answeredBy: z.enum(['staff', 'member', 'partner']).optional(),
      createdAt: timestampSchema,
      version: z.int32().min(1),
    })
    .openapi('MeetingRequest'),
);
export type MeetingRequest = z.infer<typeof meetingRequestSchema>;

export const meetingStates = ['placed', 'confirmed', 'held', 'no-show', 'cancelled'] as const;
export const meetingOutcomes = ['no-interest', 'follow-up', 'deal-likely'] as const;

const sideOutcomeSchema = onFirstUse(() =>
  z.object({
    happened: z.boolean(),
    outcome: z.enum(meetingOutcomes).optional(),
    note: z.string().max(1000).optional(),
    agreement: z.boolean().optional(),
    at: timestampSchema,
  }),
);

export const meetingSchema = onFirstUse(() =>
  z
    .object({
      id: z.string().max(60),
      a: ulidSchema,
      b: ulidSchema,
      topic: topicSchema,
      countryPair: z.string().max(5),
      priority: requestPrioritySchema,
      slot: slotIdSchema,
      table: z.string().max(20),
      interpreter: z.string().max(20).optional(),
      /** The delegate of each side, by company id. */
      delegates: z.record(z.string(), ulidSchema),
      state: z.enum(meetingStates),
      forced: z.boolean(),
      outcomes: z.record(z.string(), sideOutcomeSchema),
      leadId: ulidSchema.optional(),
      version: z.int32().min(1),
      createdAt: timestampSchema,
      updatedAt: timestampSchema,
    })
    .openapi('Meeting'),
);
export type Meeting = z.infer<typeof meetingSchema>;
