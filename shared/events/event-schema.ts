import { z } from '@hono/zod-openapi';
import { ruleParams } from '../domain/issue-rules.ts';
import { timestampSchema, topicSchema, ulidSchema } from '../domain/member-schema.ts';
import { mergePatchSchema } from '../domain/merge-patch-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { text, uniqueList } from '../domain/text.ts';
import { matchCardSchema } from '../matching/match-card-schema.ts';
import {
  eventSchema,
  interpreterSchema,
  meetingOutcomes,
  requestPrioritySchema,
  sessionSchema,
  slotIdSchema,
  spokenLanguageSchema,
  tableSchema,
} from './event-record-schema.ts';
import { isTimeZone } from './zoned-time.ts';

/**
 * What the events API takes in (an event to create or patch, a registration, a request, a meeting, an
 * outcome) and the views it returns beside the records; the stored records' own schemas are in
 * event-record-schema.ts, re-exported here.
 */
export * from './event-record-schema.ts';

/** Text in one or more of the languages, at least one given. */
const inLanguages = (max: number, what: string) =>
  z
    .strictObject({ ru: text(max).optional(), vi: text(max).optional(), en: text(max).optional() })
    .refine(
      (given) => Object.values(given).some((v) => v !== undefined),
      `Give the ${what} in at least one language.`,
    );

export const eventNameSchema = onFirstUse(() =>
  inLanguages(200, 'name').openapi('EventName', {
    example: { en: 'Russia–Vietnam B2B meetings', ru: 'B2B-встречи Россия–Вьетнам' },
  }),
);

/** Where an event is held: one name for every reader, or a name per language (Ханой, Hà Nội, Hanoi). */
const eventCitySchema = onFirstUse(() =>
  z.union([text(100), inLanguages(100, 'city').openapi('EventCityNames')]).openapi('EventCity', {
    description:
      'Where it is held; none for an online event. Each reader reads it in their language where given, else in English, Russian or Vietnamese.',
    example: { ru: 'Ханой', vi: 'Hà Nội', en: 'Hanoi' },
  }),
);

const eventDaySchema = onFirstUse(() =>
  z
    .strictObject({
      date: z.iso.date().openapi({ maxLength: 10 }),
      sessions: z.array(sessionSchema).min(1).max(4).openapi({
        description: 'Meeting blocks of the day; the time between them is a break (lunch, talks).',
      }),
    })
    .openapi('EventDay'),
);

const timeZoneSchema = onFirstUse(() =>
  z
    .string()
    .max(64)
    .refine(isTimeZone, 'Must be an IANA time zone, e.g. Europe/Moscow.')
    .openapi({ example: 'Europe/Moscow' }),
);

/** An event's own fields, in schema order. */
const eventFields = [
  'name',
  'city',
  'online',
  'timeZone',
  'days',
  'slotMinutes',
  'gapMinutes',
  'tables',
  'spareTables',
  'registrationDeadline',
  'requestDeadline',
  'interpreters',
] as const;

// Built on first use in a bundle (../domain/schema-on-first-use.ts); `satisfies` keeps its fields those above.
const eventShape = onFirstUse(
  () =>
    ({
      name: eventNameSchema,
      city: eventCitySchema.optional(),
      online: z.boolean().default(false),
      timeZone: timeZoneSchema,
      days: z.array(eventDaySchema).min(1).max(10),
      slotMinutes: z.int().min(5).max(120).default(20).openapi({ format: 'int32' }),
      gapMinutes: z
        .int()
        .min(0)
        .max(60)
        .default(5)
        .openapi({ format: 'int32', description: 'Changeover between two slots of a session.' }),
      tables: z.array(tableSchema).min(1).max(300),
      spareTables: z.int().min(0).max(299).optional().openapi({
        format: 'int32',
        description: 'Tables the scheduler leaves free for forced meetings; default 10% (rounded up).',
      }),
      registrationDeadline: z.iso.datetime().max(40),
      requestDeadline: z.iso
        .datetime()
        .max(40)
        .openapi({ description: 'Requests unanswered by then expire.' }),
      interpreters: z.array(interpreterSchema).max(20).default([]),
    }) satisfies Record<(typeof eventFields)[number], z.ZodType>,
);

/** The documented example of a new event (the bench creates it too). */
export const eventCreateExample = {
  name: { en: 'Russia–Vietnam B2B meetings', ru: 'B2B-встречи Россия–Вьетнам', vi: 'Gặp gỡ B2B Nga–Việt' },
  city: 'Moscow',
  timeZone: 'Europe/Moscow',
  days: [
    {
      date: '2027-03-16',
      sessions: [
        { start: '10:00', end: '13:00' },
        { start: '14:00', end: '17:00' },
      ],
    },
  ],
  slotMinutes: 20,
  gapMinutes: 5,
  tables: [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }],
  spareTables: 1,
  registrationDeadline: '2027-03-01T21:00:00Z',
  requestDeadline: '2027-03-10T21:00:00Z',
  interpreters: [{ id: 'I1', name: 'Anna Petrova', pairs: [['ru', 'vi']] }],
};

export const eventCreateSchema = onFirstUse(() =>
  z.strictObject(eventShape).openapi('EventCreate', { example: eventCreateExample }),
);
export type EventCreate = z.infer<typeof eventCreateSchema>;

export const eventEditableFields = [...eventFields, 'state'] as const;

export const eventPatchSchema = onFirstUse(() =>
  mergePatchSchema(eventEditableFields).openapi('EventPatch', {
    description:
      'JSON merge patch (RFC 7396) of the event’s fields, and `state` to move it: draft → open → ' +
      'scheduled → held → closed, or cancelled before held. Days, slots and tables are fixed once it is scheduled.',
    example: { state: 'open' },
  }),
);

export const eventSlotSchema = onFirstUse(() =>
  z
    .object({
      id: slotIdSchema,
      start: timestampSchema.openapi({ description: 'UTC.' }),
      end: timestampSchema.openapi({ description: 'UTC.' }),
    })
    .openapi('EventSlot'),
);
export type EventSlot = z.infer<typeof eventSlotSchema>;

export const eventWithSlotsSchema = onFirstUse(() =>
  eventSchema.extend({ slots: z.array(eventSlotSchema).max(500) }).openapi('EventWithSlots'),
);

export const eventSummarySchema = onFirstUse(() =>
  eventSchema
    .pick({ id: true, name: true, city: true, online: true, timeZone: true, state: true })
    .extend({ firstDay: z.string().max(10), lastDay: z.string().max(10) })
    .openapi('EventSummary'),
);
export type EventSummary = z.infer<typeof eventSummarySchema>;

// --- participants

const delegateInputSchema = onFirstUse(() =>
  z.strictObject({
    contactId: ulidSchema,
    timeZone: timeZoneSchema.optional().openapi({
      description:
        'Where the delegate is (IANA): its agenda shows times there too. Default the event’s zone.',
    }),
    slots: uniqueList(slotIdSchema, 500, 1)
      .optional()
      .openapi({ description: 'The slots this delegate attends; default all the company attends.' }),
  }),
);

/** How many delegates one company sends to an event. */
export const maxDelegatesPerCompany = 10;

export const registrationSchema = onFirstUse(() =>
  z
    .strictObject({
      delegates: z
        .array(delegateInputSchema)
        .min(1)
        .max(maxDelegatesPerCompany)
        .refine(
          (list) => new Set(list.map((d) => d.contactId)).size === list.length,
          'A contact is listed once.',
        ),
      languages: uniqueList(spokenLanguageSchema, 6, 1)
        .optional()
        .openapi({ description: 'Languages the delegates speak; default the company’s.' }),
      offers: uniqueList(topicSchema, 10)
        .optional()
        .openapi({ description: 'Topics offered here; default the profile’s.' }),
      needs: uniqueList(topicSchema, 10)
        .optional()
        .openapi({ description: 'Topics sought here; default the profile’s.' }),
      slots: uniqueList(slotIdSchema, 500, 1)
        .optional()
        .openapi({ description: 'Slots attended; default all.' }),
    })
    .openapi('EventRegistration', {
      example: { delegates: [{ contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' }], languages: ['ru', 'en'] },
    }),
);
export type Registration = z.infer<typeof registrationSchema>;

/**
 * A participation changed in place (staff): each field given replaces the one it holds; delegates
 * taken out hand their scheduled meetings to a delegate kept, where one attends that slot.
 */
export const participantPatchSchema = onFirstUse(() =>
  registrationSchema
    .partial()
    .refine(
      (patch) => Object.keys(patch).length > 0,
      'Give at least one of delegates, languages, offers, needs and slots.',
    )
    .openapi('EventParticipantPatch', {
      example: {
        delegates: [{ contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' }, { contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W50' }],
      },
    }),
);
export type ParticipantPatch = z.infer<typeof participantPatchSchema>;

export const participantCreateSchema = onFirstUse(() =>
  registrationSchema
    .extend({
      memberId: ulidSchema.optional(),
      partnerId: ulidSchema.optional(),
    })
    .refine((p) => (p.memberId === undefined) !== (p.partnerId === undefined), {
      message: 'Give exactly one of memberId and partnerId.',
      params: ruleParams('oneCompany'),
      path: ['memberId'],
    })
    .openapi('EventParticipantCreate', {
      example: {
        memberId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
        delegates: [{ contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W50' }],
      },
    }),
);
export type ParticipantCreate = z.infer<typeof participantCreateSchema>;

/** What a participant sees of another: the company's match card and what it offers and seeks here. */
export const participantCardSchema = onFirstUse(() =>
  z
    .object({
      card: matchCardSchema,
      offers: z.array(topicSchema).max(10),
      needs: z.array(topicSchema).max(10),
      languages: z.array(spokenLanguageSchema).max(6),
      score: z
        .int32()
        .min(0)
        .max(1000)
        .openapi({ description: 'The match score with the caller; 0: no match.' }),
    })
    .openapi('EventParticipantCard'),
);

// --- requests

export const meetingRequestCreateSchema = onFirstUse(() =>
  z
    .strictObject({
      from: ulidSchema.optional().openapi({ description: 'Staff only: the requesting participant.' }),
      to: ulidSchema,
      priority: requestPrioritySchema,
      topic: topicSchema
        .optional()
        .openapi({ description: 'Default: the first topic one offers and the other seeks.' }),
      reason: text(500),
    })
    .openapi('MeetingRequestCreate', {
      example: {
        to: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
        priority: 'must',
        topic: 'industrial-water-treatment',
        reason: 'We build treatment plants and look for a partner in Dong Nai.',
      },
    }),
);
export type MeetingRequestCreate = z.infer<typeof meetingRequestCreateSchema>;

// --- meetings

export const meetingCreateSchema = onFirstUse(() =>
  z
    .strictObject({
      a: ulidSchema,
      b: ulidSchema,
      topic: topicSchema.optional(),
      priority: requestPrioritySchema.default('must'),
      slot: slotIdSchema
        .optional()
        .openapi({ description: 'Force the meeting into this slot (with `table`).' }),
      table: z.string().max(20).optional(),
      interpreter: z.string().max(20).optional(),
    })
    .refine((m) => m.a !== m.b, {
      message: 'A company does not meet itself.',
      path: ['b'],
      params: ruleParams('meetsItself'),
    })
    .refine((m) => (m.slot === undefined) === (m.table === undefined), {
      message: 'Give both slot and table to force a meeting, or neither to have the scheduler place it.',
      params: ruleParams('slotWithTable'),
      path: ['slot'],
    })
    .openapi('MeetingCreate', {
      example: {
        a: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
        b: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
        slot: '2027-03-16T10:00',
        table: 'T3',
      },
    }),
);
export type MeetingCreate = z.infer<typeof meetingCreateSchema>;

export const meetingOutcomeInputSchema = onFirstUse(() =>
  z
    .strictObject({
      side: ulidSchema
        .optional()
        .openapi({ description: 'Staff: which participant answers. A member answers for itself.' }),
      happened: z.boolean(),
      outcome: z.enum(meetingOutcomes).optional(),
      note: text(1000).optional(),
      agreement: z
        .boolean()
        .optional()
        .openapi({ description: 'The follow-up question, months on: was a cooperation agreement reached?' }),
    })
    .refine((o) => o.happened || o.outcome === undefined, {
      message: 'A meeting that did not happen has no outcome.',
      params: ruleParams('outcomeWithoutMeeting'),
      path: ['outcome'],
    })
    .openapi('MeetingOutcome', {
      example: { happened: true, outcome: 'follow-up', note: 'Samples in January' },
    }),
);
export type MeetingOutcomeInput = z.infer<typeof meetingOutcomeInputSchema>;

export const scheduleRunSchema = onFirstUse(() =>
  z
    .strictObject({
      publish: z.boolean().default(false).openapi({
        description: 'Confirm the placed meetings, move the event to `scheduled` and send changed agendas.',
      }),
    })
    .openapi('ScheduleRun', { example: { publish: false } }),
);
