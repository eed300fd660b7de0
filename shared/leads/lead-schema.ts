import { z } from '@hono/zod-openapi';
import { serverOwned, timestampSchema, topicSchema, ulidSchema } from '../domain/member-schema.ts';
import { mergePatchSchema } from '../domain/merge-patch-schema.ts';
import { currencySchema, moneySchema } from '../domain/money.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { text } from '../domain/text.ts';
import { leadStages } from './lead-stages.ts';

export const leadStageSchema = onFirstUse(() => z.enum(leadStages));

/** Where a lead came from. A match names both companies and the topic; the server checks it holds. */
export const leadSourceSchema = onFirstUse(() =>
  z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('campaign'), campaignId: ulidSchema }),
      z.strictObject({ type: z.literal('event'), eventId: ulidSchema }),
      z.strictObject({
        type: z.literal('match'),
        companies: z.array(ulidSchema).min(2).max(2),
        topic: topicSchema,
      }),
      z.strictObject({ type: z.literal('referral'), by: text(200).optional() }),
      z.strictObject({ type: z.literal('inbound'), channel: text(200).optional() }),
    ])
    .openapi('LeadSource', {
      description:
        '`campaign` names the campaign (its email events with the lead’s contacts join the timeline); ' +
        '`match` names both companies and the topic, and is checked against what they offer and seek; ' +
        '`event`, `referral` and `inbound` say where it came from.',
      example: { type: 'campaign', campaignId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' },
    }),
);
export type LeadSource = z.infer<typeof leadSourceSchema>;

export const nextActionSchema = onFirstUse(() =>
  z
    .strictObject({ text: text(300), due: z.iso.date().openapi({ maxLength: 10 }) })
    .openapi('NextAction', { example: { text: 'Send the plant’s specification', due: '2026-12-15' } }),
);

const ownerSchema = onFirstUse(() =>
  z.string().min(1).max(200).openapi({
    description: 'The staff user who works the lead: their user id (token `sub`). Null: unassigned.',
  }),
);

const contactIdsSchema = onFirstUse(() =>
  z
    .strictObject({
      member: z.array(ulidSchema).max(8).default([]),
      counterpart: z.array(ulidSchema).max(8).default([]),
    })
    .openapi('LeadContacts', { description: 'The contacts involved on each side, by id.' }),
);

export const leadCreateSchema = onFirstUse(() =>
  z
    .strictObject({
      memberId: ulidSchema.openapi({ description: 'The member side.' }),
      partnerId: ulidSchema
        .optional()
        .openapi({ description: 'The partner on the other side; or otherMemberId.' }),
      otherMemberId: ulidSchema.optional().openapi({ description: 'A second member on the other side.' }),
      topic: topicSchema,
      contacts: contactIdsSchema.default({ member: [], counterpart: [] }),
      source: leadSourceSchema,
      estimatedValue: moneySchema.optional(),
      owner: ownerSchema.nullable().default(null),
      nextAction: nextActionSchema.optional(),
      notes: text(4000).optional(),
    })
    .openapi('LeadCreate', {
      example: {
        memberId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
        partnerId: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
        topic: 'industrial-water-treatment',
        source: { type: 'referral', by: 'Embassy trade office, Hanoi' },
        estimatedValue: { amount: 4500000000, currency: 'USD' },
        nextAction: { text: 'Send the plant’s specification', due: '2026-12-15' },
      },
    }),
);
export type LeadCreate = z.infer<typeof leadCreateSchema>;

/** What a merge patch may change: the rest (the two companies, the source, the stage) is fixed or moved by transitions. */
export const leadEditableFields = [
  'topic',
  'contacts',
  'estimatedValue',
  'owner',
  'nextAction',
  'notes',
] as const;

export const leadPatchSchema = onFirstUse(() =>
  mergePatchSchema(leadEditableFields).openapi('LeadPatch', {
    description:
      'JSON merge patch (RFC 7396) of topic, contacts, estimatedValue, owner, nextAction and notes; `null` ' +
      'removes an optional one. The stage moves only through transitions.',
    example: { owner: null, nextAction: { text: 'Call after the fair', due: '2027-01-20' } },
  }),
);

export const leadTransitionSchema = onFirstUse(() =>
  z
    .strictObject({
      to: leadStageSchema,
      reason: text(500).optional().openapi({ description: 'Why the lead was lost; required for `lost`.' }),
      note: text(2000).optional(),
    })
    .openapi('LeadTransition', { example: { to: 'contacted' } }),
);

export const activityTypes = ['note', 'call', 'meeting', 'email'] as const;

export const leadActivityInputSchema = onFirstUse(() =>
  z
    .strictObject({
      type: z.enum(activityTypes),
      text: text(2000),
      at: z.iso.datetime().max(40).optional().openapi({ description: 'When it happened; default now.' }),
      shared: z
        .boolean()
        .default(false)
        .openapi({ description: 'Shown to the member on `/v1/me/leads/{id}`; staff-only by default.' }),
    })
    .openapi('LeadActivityInput', {
      example: { type: 'call', text: 'Agreed to meet in Hanoi in March', shared: true },
    }),
);

export const timelineEntryTypes = ['created', 'edited', 'transition', ...activityTypes, 'campaign'] as const;

export const timelineEntrySchema = onFirstUse(() =>
  z
    .object({
      id: z.string().max(100),
      type: z.enum(timelineEntryTypes),
      at: timestampSchema,
      by: z.object({ sub: z.string().max(200), role: z.enum(['admin', 'staff', 'member']) }).nullable(),
      text: z.string().max(2000).optional(),
      from: leadStageSchema.optional(),
      to: leadStageSchema.optional(),
      reason: z.string().max(500).optional(),
      fields: z
        .array(z.string().max(40))
        .max(20)
        .optional()
        .openapi({ description: 'What an edit changed.' }),
      campaign: z
        .object({ campaignId: ulidSchema, contactId: ulidSchema, status: z.string().max(20) })
        .optional()
        .openapi({ description: "What the lead's campaign did with one of its contacts." }),
      shared: z.boolean(),
    })
    .openapi('LeadTimelineEntry'),
);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const counterpartSchema = onFirstUse(() =>
  z
    .object({
      kind: z.enum(['member', 'partner']),
      id: ulidSchema,
      name: z.string().max(200),
      latinName: z.string().max(200).optional(),
      country: z.string().max(2),
    })
    .openapi('LeadCounterpart', { description: 'The other company, as matches show it: names and country.' }),
);
export type Counterpart = z.infer<typeof counterpartSchema>;

export const leadSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema.openapi(serverOwned),
      memberId: ulidSchema,
      memberName: z.string().max(200).openapi(serverOwned),
      counterpart: counterpartSchema.openapi(serverOwned),
      topic: topicSchema,
      contacts: z.object({ member: z.array(ulidSchema).max(8), counterpart: z.array(ulidSchema).max(8) }),
      source: leadSourceSchema,
      estimatedValue: z
        .object({
          amount: z.int().min(0).openapi({ format: 'int64', maximum: Number.MAX_SAFE_INTEGER }),
          currency: currencySchema,
        })
        .optional(),
      owner: z.string().max(200).nullable(),
      nextAction: z.object({ text: z.string().max(300), due: z.string().max(10) }).optional(),
      notes: z.string().max(4000).optional(),
      stage: leadStageSchema.openapi(serverOwned),
      lostReason: z.string().max(500).optional().openapi(serverOwned),
      stageEnteredAt: timestampSchema.openapi(serverOwned),
      wonAt: timestampSchema.optional().openapi(serverOwned),
      lostAt: timestampSchema.optional().openapi(serverOwned),
      lastActivityAt: timestampSchema.openapi(serverOwned),
      version: z.int32().min(1).openapi(serverOwned),
      createdAt: timestampSchema.openapi(serverOwned),
      updatedAt: timestampSchema.openapi(serverOwned),
    })
    .openapi('Lead'),
);
export type Lead = z.infer<typeof leadSchema>;

export const leadWithTimelineSchema = onFirstUse(() =>
  leadSchema.extend({ timeline: z.array(timelineEntrySchema).max(10_000) }).openapi('LeadWithTimeline'),
);

/** What lists carry: enough for a board card, from the lead's index items. */
export const leadSummarySchema = onFirstUse(() =>
  leadSchema
    .pick({
      id: true,
      memberId: true,
      memberName: true,
      counterpart: true,
      topic: true,
      stage: true,
      owner: true,
      nextAction: true,
      estimatedValue: true,
      lastActivityAt: true,
    })
    .extend({ sourceType: z.enum(['campaign', 'event', 'match', 'referral', 'inbound']) })
    .openapi('LeadSummary'),
);
export type LeadSummary = z.infer<typeof leadSummarySchema>;

/**
 * What a member reads of its own leads: the stage, the other company, the topic, the next action and
 * the activities staff marked shared. Never notes, value, owner or why a lead was lost.
 */
export const memberLeadSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema,
      stage: leadStageSchema,
      counterpart: counterpartSchema,
      topic: topicSchema,
      nextAction: z.object({ text: z.string().max(300), due: z.string().max(10) }).optional(),
      lastActivityAt: timestampSchema,
    })
    .openapi('MemberLead'),
);
export type MemberLead = z.infer<typeof memberLeadSchema>;

export const memberLeadWithActivitiesSchema = onFirstUse(() =>
  memberLeadSchema
    .extend({
      activities: z.array(timelineEntrySchema.omit({ by: true, reason: true, fields: true })).max(10_000),
    })
    .openapi('MemberLeadWithActivities'),
);
