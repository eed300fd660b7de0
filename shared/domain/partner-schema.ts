import { z } from '@hono/zod-openapi';
import {
  checkCompanyProfile,
  contactInputSchema,
  contactSchema,
  countrySchema,
  languageSchema,
  regionSchema,
  serverOwned,
  taxIdRule,
  timestampSchema,
  topicSchema,
  ulidSchema,
  websiteSchema,
} from './member-schema.ts';
import { mergePatchSchema } from './merge-patch-schema.ts';
import { moneySchema } from './money.ts';
import { offersOrNeedsSchema } from './offers-needs.ts';
import { onFirstUse } from './schema-on-first-use.ts';
import { text, uniqueList } from './text.ts';

/**
 * A name in the Latin script (diacritics allowed, as in Vietnamese), with at least one letter: the
 * name search folds it to keys. Names in Thai, Lao, Khmer, Burmese or CJK script fold to nothing.
 */
const latinNamePattern = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u;
const latinName = onFirstUse(() =>
  text(200)
    .refine((name) => latinNamePattern.test(name) && /\p{Script=Latin}/u.test(name), {
      message: 'Must be written in the Latin script (with at least one letter).',
    })
    .openapi({
      description:
        'The name in the Latin script: what the partner is found, sorted and deduplicated by, and what ' +
        'people who cannot read its own script read.',
      example: 'Saigon Water Industrial Park JSC',
    }),
);

/** The writable profile's fields, in schema order: audit and tests iterate over these. */
export const partnerProfileFields = [
  'name',
  'latinName',
  'country',
  'region',
  'taxId',
  'sectors',
  'targetMarkets',
  'languages',
  'description',
  'website',
  'offers',
  'needs',
  'matchmakingVisible',
  'notes',
  'contacts',
] as const;

// Built on first use in a bundle (./schema-on-first-use.ts); `satisfies` keeps its fields those above.
const profileShape = onFirstUse(
  () =>
    ({
      name: text(200).openapi({
        description: 'The name in its own script, as the company writes it (NFC).',
        example: 'Công ty CP Khu công nghiệp Nước Sài Gòn',
      }),
      latinName,
      country: countrySchema.openapi({ example: 'VN' }),
      region: regionSchema.optional().openapi({ example: 'VN-SG' }),
      taxId: z
        .string()
        .max(40)
        .optional()
        .openapi({
          description:
            'Where its country has one: the MST for VN (check digit verified), the national tax id elsewhere. ' +
            'Unique across partners and members.',
          example: '0314409058',
        }),
      sectors: uniqueList(topicSchema, 4, 1),
      targetMarkets: uniqueList(countrySchema, 10).openapi({
        description: 'Markets the partner wants to reach (ISO 3166-1 alpha-2).',
        example: ['RU'],
      }),
      languages: uniqueList(languageSchema, 3, 1).openapi({ description: 'Languages it works in.' }),
      description: text(2000).optional(),
      website: websiteSchema.optional(),
      offers: offersOrNeedsSchema.openapi({ description: 'What it offers, by topic.' }),
      needs: offersOrNeedsSchema.openapi({ description: 'What it seeks, by topic.' }),
      matchmakingVisible: z.boolean().openapi({
        description: "Whether other companies' matches may show it (the fields a member may see only).",
      }),
      notes: text(4000).optional().openapi({ description: "Staff's notes; never shown to members." }),
      contacts: z.array(contactInputSchema).max(8),
    }) satisfies Record<(typeof partnerProfileFields)[number], z.ZodType>,
);

/** The full writable profile: what create takes and what a merge patch must produce. */
export const partnerProfileSchema = onFirstUse(() =>
  z
    .strictObject(profileShape)
    .superRefine(checkCompanyProfile)
    .superRefine(...taxIdRule),
);
export type PartnerProfile = z.infer<typeof partnerProfileSchema>;

export const partnerCreateSchema = onFirstUse(() =>
  z
    .strictObject({
      ...profileShape,
      targetMarkets: profileShape.targetMarkets.default([]),
      languages: profileShape.languages.default(['en']),
      offers: profileShape.offers.default([]),
      needs: profileShape.needs.default([]),
      matchmakingVisible: profileShape.matchmakingVisible.default(false),
      contacts: profileShape.contacts.default([]),
      confirmNotDuplicate: z
        .boolean()
        .optional()
        .openapi({
          description:
            'A partner of the same name in the same country is a 409 unless this is true: staff checked ' +
            'that the two are different companies.',
        }),
    })
    .superRefine(checkCompanyProfile)
    .superRefine(...taxIdRule)
    .openapi('PartnerCreate', {
      example: {
        name: 'Công ty CP Khu công nghiệp Nước Sài Gòn',
        latinName: 'Saigon Water Industrial Park JSC',
        country: 'VN',
        region: 'VN-SG',
        taxId: '0314409058',
        sectors: ['industrial-parks'],
        targetMarkets: ['RU'],
        languages: ['vi', 'en'],
        website: 'https://saigonwater.vn',
        offers: [{ topic: 'industrial-parks', text: 'Serviced plots near Ho Chi Minh City port' }],
        needs: [{ topic: 'industrial-water-treatment', text: 'A treatment plant for 20,000 m³ a day' }],
        matchmakingVisible: true,
        contacts: [
          {
            name: 'Nguyễn Thị Lan',
            email: 'lan.nguyen@saigonwater.vn',
            language: 'vi',
            consent: { outreach: true, news: false },
          },
        ],
      },
    }),
);
export type PartnerCreate = z.infer<typeof partnerCreateSchema>;

/** A JSON merge patch (RFC 7396) of the profile; the result is validated again as a whole profile. */
export const partnerPatchSchema = onFirstUse(() =>
  mergePatchSchema(partnerProfileFields).openapi('PartnerPatch', {
    description:
      'JSON merge patch of the partner profile (RFC 7396). `null` removes an optional field; arrays ' +
      'replace. The partner as read, less its `readOnly` properties, is a valid patch.',
    example: { matchmakingVisible: true, notes: 'Met at the Hanoi B2B session, 2026-10' },
  }),
);

export const partnerSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema.openapi(serverOwned),
      name: z.string().max(200),
      latinName: z.string().max(200),
      country: z.string().max(2),
      region: z.string().max(6).optional(),
      taxId: z.string().max(40).optional(),
      sectors: z.array(topicSchema).max(4),
      targetMarkets: z.array(z.string().max(2)).max(10),
      languages: z.array(languageSchema).max(3),
      description: z.string().max(2000).optional(),
      website: z.string().max(300).optional(),
      offers: z.array(z.object({ topic: topicSchema, text: z.string().max(500) })).max(10),
      needs: z.array(z.object({ topic: topicSchema, text: z.string().max(500) })).max(10),
      matchmakingVisible: z.boolean(),
      notes: z.string().max(4000).optional(),
      // Live contacts are at most 8; erased ones stay as tombstones beside them.
      contacts: z.array(contactSchema).max(100),
      joinedAs: ulidSchema.optional().openapi({
        ...serverOwned,
        description:
          'Set once the partner joined the association: the member it became. It is read only then.',
      }),
      erasedAt: timestampSchema.openapi(serverOwned).optional(),
      version: z.int32().min(1).openapi(serverOwned),
      createdAt: timestampSchema.openapi(serverOwned),
      updatedAt: timestampSchema.openapi(serverOwned),
    })
    .openapi('Partner'),
);
export type Partner = z.infer<typeof partnerSchema>;

/** What list and search results carry: the fields the partner index items project. */
export const partnerSummarySchema = onFirstUse(() =>
  partnerSchema
    .pick({
      id: true,
      name: true,
      latinName: true,
      country: true,
      region: true,
      sectors: true,
      matchmakingVisible: true,
    })
    .openapi('PartnerSummary'),
);
export type PartnerSummary = z.infer<typeof partnerSummarySchema>;

/**
 * What a partner joining the association adds to become a member: what members have and partners do
 * not. Everything else (names, country, sectors, markets, languages, website, contacts) comes from the
 * partner.
 */
export const partnerJoinSchema = onFirstUse(() =>
  z
    .strictObject({
      taxId: z.string().max(40).optional().openapi({
        description: 'Required when the partner has no tax id (every member has one); else leave it out.',
      }),
      region: regionSchema.optional(),
      status: z.enum(['active', 'suspended']).default('active'),
      joinedOn: z.iso.date().optional().openapi({ maxLength: 10 }),
      interests: uniqueList(topicSchema, 8).optional().openapi({
        description: 'The member’s interests; without it, the topics the partner seeks (up to 8).',
      }),
      declaredRevenue: moneySchema.optional(),
      verifiedRevenue: moneySchema.optional(),
    })
    .openapi('PartnerJoin', {
      example: { status: 'active', verifiedRevenue: { amount: 120000000000, currency: 'VND' } },
    }),
);
export type PartnerJoin = z.infer<typeof partnerJoinSchema>;
