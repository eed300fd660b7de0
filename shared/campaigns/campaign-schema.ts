import { z } from '@hono/zod-openapi';
import { ruleParams } from '../domain/issue-rules.ts';
import {
  countrySchema,
  emailSchema,
  type Language,
  languages,
  memberStatusSchema,
  regionSchema,
  timestampSchema,
  topicSchema,
  ulidSchema,
} from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { text, uniqueList } from '../domain/text.ts';
import { campaignStates } from './campaign-state.ts';
import { type TemplatePart, templateProblems } from './campaign-template.ts';

const tierNameSchema = onFirstUse(() => z.string().min(1).max(40).openapi({ example: 'large' }));

/**
 * Who a campaign reaches: the contacts of members (and, when `companies` says so, of partners)
 * matching every field given (AND), each field matching any of its values (OR). An empty segment is
 * every member.
 */
export const segmentSchema = onFirstUse(() =>
  z
    .strictObject({
      companies: uniqueList(z.enum(['members', 'partners']), 2, 1)
        .optional()
        .openapi({
          description:
            "Whose contacts: members' (without this field), partners', or both. A partner counts as " +
            '`active`, in the `unassessed` tier, with the topics it seeks as its interests.',
          example: ['partners'],
        }),
      tiers: uniqueList(tierNameSchema, 20).optional(),
      sectors: uniqueList(topicSchema, 30).optional(),
      interests: uniqueList(topicSchema, 30).optional(),
      regions: uniqueList(regionSchema, 100)
        .optional()
        .openapi({
          description:
            'A region takes in the provinces merged into it in 2025: VN-SG (Ho Chi Minh City) reaches ' +
            'the members still under VN-57 (Bình Dương) and VN-43 (Bà Rịa – Vũng Tàu).',
        }),
      countries: uniqueList(countrySchema, 50).optional(),
      statuses: uniqueList(memberStatusSchema, 3).optional(),
      targetMarkets: uniqueList(countrySchema, 20).optional(),
    })
    .openapi('CampaignSegment', {
      description: 'Fields combine with AND, values within a field with OR; empty matches every member.',
    }),
);

const variantSchema = onFirstUse(() =>
  z
    .strictObject({
      subject: text(200),
      html: text(20_000),
      text: text(10_000),
    })
    .openapi('CampaignVariant', {
      description:
        'Mustache templates with merge fields ({{companyName}}, {{contactName}}, {{tier}}, {{country}}, ' +
        "{{region}}, {{website}}, {{unsubscribeUrl}}; the tier, country and region by name in the variant's " +
        'language); sections show text only when their field is set. Only the HTML body is escaped for ' +
        'HTML; in a tag only URL fields may appear.',
    }),
);

/** An object with an optional `value` per language (`ru`, `vi`, `en`). */
export function perLanguage<T extends z.ZodType>(value: T) {
  return Object.fromEntries(languages.map((language) => [language, value.optional()])) as Record<
    Language,
    z.ZodOptional<T>
  >;
}

/** One variant per language the campaign is written in; a contact gets the one in its language. */
const variantsSchema = onFirstUse(() =>
  z
    .strictObject(perLanguage(variantSchema))
    .refine((variants) => Object.values(variants).some(Boolean), {
      message: 'Write the campaign in at least one language (ru, vi or en).',
      params: ruleParams('noLanguage'),
    })
    .superRefine((variants, ctx) => {
      for (const [language, variant] of Object.entries(variants)) {
        if (!variant) continue;
        for (const part of ['subject', 'html', 'text'] as TemplatePart[]) {
          for (const problem of templateProblems(variant[part], part)) {
            ctx.addIssue({
              code: 'custom',
              path: [language, part],
              message: problem.message,
              params: problem.params,
            });
          }
        }
      }
    }),
);

/** An IANA time zone the runtime knows (`Europe/Moscow`, `Asia/Ho_Chi_Minh`). */
const timeZoneSchema = onFirstUse(() =>
  z
    .string()
    .max(64)
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return zone.includes('/') || zone === 'UTC';
        } catch {
          return false;
        }
      },
      {
        message: 'Must be an IANA time zone such as Europe/Moscow or Asia/Ho_Chi_Minh.',
        params: ruleParams('timeZone'),
      },
    )
    .openapi({ example: 'Asia/Ho_Chi_Minh' }),
);

// Built on first use in a bundle, as the schemas made of them (../domain/schema-on-first-use.ts).
const campaignFields = onFirstUse(() => ({
  name: text(200).openapi({ example: 'Vietnam Year: water treatment partners' }),
  targetMarkets: uniqueList(countrySchema, 10)
    .optional()
    .openapi({
      description:
        'The markets the campaign is about, for staff and reports. Who it reaches is the segment: ' +
        '`segment.targetMarkets` selects members by the markets they want to reach.',
    }),
  segment: segmentSchema.default({}),
  replyTo: emailSchema.openapi({ description: 'Where replies go: replies are where leads come from.' }),
  variants: variantsSchema,
  sendAt: z.iso
    .datetime({ offset: true })
    .max(40)
    .optional()
    .openapi({ description: 'RFC 3339 with any offset; stored and answered in UTC.' }),
  timeZone: timeZoneSchema
    .optional()
    .openapi({ description: 'The zone `sendAtLocal` is shown in (default UTC).' }),
}));

export const campaignCreateSchema = onFirstUse(() =>
  z.strictObject(campaignFields).openapi('CampaignCreate', {
    example: {
      name: 'Vietnam Year: water treatment partners',
      targetMarkets: ['VN'],
      segment: { sectors: ['industrial-water-treatment'], statuses: ['active'] },
      replyTo: 'partnerships@example.org',
      variants: {
        ru: {
          subject: 'Партнёры во Вьетнаме для {{companyName}}',
          html: '<p>Здравствуйте, {{contactName}}!</p>',
          text: 'Здравствуйте, {{contactName}}!',
        },
        en: {
          subject: 'Partners in Vietnam for {{companyName}}',
          html: '<p>Dear {{contactName}},</p>',
          text: 'Dear {{contactName}},',
        },
      },
      sendAt: '2027-01-15T10:00:00+07:00',
      timeZone: 'Asia/Ho_Chi_Minh',
    },
  }),
);
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

/** A variant's parts in a merge patch; the merged campaign is checked whole (templates included). */
const variantPatchSchema = onFirstUse(() =>
  z
    .strictObject({
      subject: text(200).optional(),
      html: text(20_000).optional(),
      text: text(10_000).optional(),
    })
    .openapi('CampaignVariantPatch'),
);

/** A merge patch of a draft: any writable field; `null` removes an optional one or a language. */
export const campaignPatchSchema = onFirstUse(() =>
  z
    .strictObject({
      name: campaignFields.name.optional(),
      targetMarkets: uniqueList(countrySchema, 10).nullable().optional(),
      segment: z
        .strictObject(
          Object.fromEntries(
            Object.entries(segmentSchema.shape).map(([field, schema]) => [
              field,
              schema.unwrap().nullable().optional(),
            ]),
          ) as {
            [F in keyof typeof segmentSchema.shape]: z.ZodOptional<
              z.ZodNullable<ReturnType<(typeof segmentSchema.shape)[F]['unwrap']>>
            >;
          },
        )
        .optional(),
      replyTo: campaignFields.replyTo.optional(),
      variants: z.strictObject(perLanguage(variantPatchSchema.nullable())).optional(),
      sendAt: campaignFields.sendAt.unwrap().nullable().optional(),
      timeZone: timeZoneSchema.nullable().optional(),
    })
    .openapi('CampaignPatch', {
      example: {
        name: 'Vietnam Year: water treatment partners (second wave)',
        variants: { vi: null, en: { subject: 'Partners in Vietnam for {{companyName}}' } },
        sendAt: null,
      },
    }),
);
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

export const campaignStateSchema = onFirstUse(() => z.enum(campaignStates));

/** A campaign as stored and read. */
export const campaignSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema.openapi({ readOnly: true }),
      state: campaignStateSchema.openapi({ readOnly: true }),
      name: campaignFields.name,
      targetMarkets: z.array(countrySchema).max(10),
      segment: segmentSchema,
      replyTo: z.string().max(254),
      variants: z.object(perLanguage(variantSchema)),
      sendAt: timestampSchema.nullable(),
      timeZone: z.string().max(64).nullable(),
      // Campaigns stored before the campaign could pause itself have none.
      pausedBecause: z
        .string()
        .max(300)
        .nullable()
        .default(null)
        .openapi({
          readOnly: true,
          description:
            'Why the campaign paused itself (its bounce or complaint rate passed what SES reviews a sender ' +
            'for), while it is paused so; null otherwise.',
        }),
      createdAt: timestampSchema.openapi({ readOnly: true }),
      updatedAt: timestampSchema.openapi({ readOnly: true }),
      version: z.int32().min(1).openapi({ readOnly: true }),
    })
    .openapi('Campaign'),
);
export type Campaign = z.infer<typeof campaignSchema>;
