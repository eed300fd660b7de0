import { z } from '@hono/zod-openapi';
import { ruleParams } from './issue-rules.ts';
import { languages } from './languages.ts';
import { mergePatchSchema } from './merge-patch-schema.ts';
import { moneySchema } from './money.ts';
import { offersOrNeedsSchema } from './offers-needs.ts';
import { phonePattern } from './phone.ts';
import { isKnownRegion, isoSubdivisionPattern } from './region-codes.ts';
import { onFirstUse } from './schema-on-first-use.ts';
import { normaliseTaxId } from './tax-id.ts';
import { text, uniqueList } from './text.ts';
import { topics } from './topics.ts';

export { type Language, languages } from './languages.ts';
export const languageSchema = onFirstUse(() =>
  z.enum(languages).openapi({ description: 'ISO 639-1 language code.' }),
);

export const memberStatuses = ['active', 'suspended', 'resigned'] as const;
export const memberStatusSchema = onFirstUse(() => z.enum(memberStatuses));

export const consentPurposes = ['outreach', 'news'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const ulidSchema = onFirstUse(() =>
  z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a ULID.')
    // The pattern fixes the length; the document states it (a .max() would report twice).
    .openapi({ example: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y', maxLength: 26 }),
);

/** An RFC 3339 UTC time as the server writes it (`2026-01-15T09:00:00.000Z`, 24 characters). */
export const timestampSchema = onFirstUse(() => z.iso.datetime().max(40));

// Built on the first country checked, not at import: it is the first use of ICU, whose start-up
// (~15-20 ms) would otherwise be paid by every cold start, most of which validate no country.
let displayNames: Intl.DisplayNames | undefined;
function regionName(code: string): string | undefined {
  displayNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  return displayNames.of(code);
}
const countryPattern = /^[A-Z]{2}$/;
export const countrySchema = onFirstUse(() =>
  z
    .string()
    .regex(countryPattern, 'Must be an ISO 3166-1 alpha-2 code.')
    // Zod still runs this after a failed regex, and Intl.DisplayNames.of throws a RangeError on a code
    // that is not a well-formed region subtag (such as '' or 'RUS'); the regex has already reported it.
    .refine(
      (code) =>
        !countryPattern.test(code) || (regionName(code) !== code && regionName(code) !== 'Unknown Region'),
      { message: 'Unknown country code.', params: ruleParams('unknownCountry') },
    )
    .openapi({ example: 'RU', maxLength: 2 }),
);
export const regionSchema = onFirstUse(() =>
  z
    .string()
    .regex(isoSubdivisionPattern, 'Must be an ISO 3166-2 code such as RU-VLA or VN-HN.')
    // As for the country: zod runs this after a failed regex too, which has already said what is wrong.
    .refine((code) => !isoSubdivisionPattern.test(code) || isKnownRegion(code), {
      message: 'Not a subdivision ISO 3166-2 lists for this country.',
      params: ruleParams('unknownSubdivision'),
    })
    .openapi({
      description:
        "ISO 3166-2 subdivision of the member's country. For RU and VN one of the published codes (for VN " +
        'the 63 provinces and cities ISO lists, not the 34 of the 2025 merger); elsewhere any code of the ' +
        'form `<country>-<1 to 3 letters or digits>`.',
      example: 'RU-VLA',
      maxLength: 6,
    }),
);
export const topicSchema = onFirstUse(() => z.enum(topics));
export const emailSchema = onFirstUse(() =>
  z
    // Only what is not an address says so: a missing one keeps zod's own words, which mark it required.
    .email({ error: (issue) => (issue.code === 'invalid_format' ? 'Must be an email address.' : undefined) })
    .max(254)
    .transform((email) => email.toLowerCase()),
);
export const phoneSchema = onFirstUse(() =>
  z
    .string()
    .regex(phonePattern, 'Must be an E.164 phone number such as +79161234567.')
    .openapi({ maxLength: 16 }),
);
export const websiteSchema = onFirstUse(() =>
  z
    .url({ protocol: /^https?$/, message: 'Must be an http(s) URL.' })
    .max(300)
    // The URL parser percent-encodes what it cannot hold, so it accepts lone surrogates and control
    // characters that would then be stored raw; refuse them like every other text field does.
    .refine(
      (s) => s.isWellFormed() && !/[\p{Cc}\s]/u.test(s),
      'Must be a URL without spaces or control characters.',
    )
    .openapi({ example: 'https://vladkon.ru' }),
);

const consentSourceSchema = onFirstUse(() => z.enum(['staff', 'member', 'import', 'seed']));

/** Marks a property the server sets (OpenAPI `readOnly`): clients read it and leave it out of writes. */
export const serverOwned = { readOnly: true } as const;

export const consentRecordSchema = onFirstUse(() =>
  z
    .object({
      granted: z.boolean(),
      at: timestampSchema.openapi(serverOwned),
      source: consentSourceSchema.openapi(serverOwned),
    })
    .openapi('ConsentRecord'),
);
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

/**
 * One consent answer as a client sends it: a yes/no, or the record as read (so a member read back can
 * be written back). The record's time and source are the server's: sent back, they are ignored.
 */
const consentAnswerSchema = onFirstUse(() =>
  z
    .union([
      z.boolean(),
      z.strictObject({
        granted: z.boolean(),
        at: timestampSchema.optional(),
        source: consentSourceSchema.optional(),
      }),
    ])
    .transform((answer) => (typeof answer === 'boolean' ? answer : answer.granted)),
);

/**
 * Whether a contact's address is known to be the person's: `verified` (staff, an import or the seed
 * entered it, or the person confirmed it through the emailed link), `unverified` (a member entered it
 * and no one has confirmed it yet: it gets no mail but the confirmation), or `conflict` (confirmed, but
 * another member holds it: staff decide which of the two keeps it). Only a verified address holds the
 * email's uniqueness guard, so a member adding an address never learns whether another member has it.
 */
export const emailStatuses = ['verified', 'unverified', 'conflict'] as const;
export type EmailStatus = (typeof emailStatuses)[number];
const emailStatusSchema = onFirstUse(() => z.enum(emailStatuses));

export const contactSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema,
      name: z.string().max(200),
      email: z
        .string()
        .max(254)
        .nullable()
        .openapi({ description: 'Null once the contact has been erased.' }),
      phone: z.string().max(16).optional(),
      position: z.string().max(200).optional(),
      language: languageSchema,
      consent: z.object({ outreach: consentRecordSchema, news: consentRecordSchema }),
      emailStatus: emailStatusSchema
        .openapi({
          ...serverOwned,
          description:
            '`verified`, or `unverified` for an address a member added that the person has not confirmed ' +
            'yet (it gets no mail but a confirmation email), or `conflict`: confirmed, but another member ' +
            'holds it, for staff to resolve. Absent on an erased contact.',
        })
        .optional(),
      erasedAt: timestampSchema.openapi(serverOwned).optional(),
    })
    .openapi('Contact'),
);
export type Contact = z.infer<typeof contactSchema>;

/**
 * What a client sends for a contact: consent is a yes/no per purpose, stamped with time and source.
 * A contact as read is accepted too, erased ones included, so that what GET returns can be sent back.
 */
export const contactInputSchema = onFirstUse(() =>
  z
    .strictObject({
      id: ulidSchema.optional().openapi({
        description:
          'Keep the id of an existing contact when patching. On create the server assigns ids and ignores any sent.',
      }),
      name: text(200),
      email: emailSchema.nullable().openapi({
        description:
          'Null only for an erased contact sent back as read (with its id): it stays erased. On create, ' +
          'erased contacts are left out.',
      }),
      phone: phoneSchema.optional(),
      position: text(200).optional(),
      language: languageSchema,
      consent: z
        .strictObject({ outreach: consentAnswerSchema.optional(), news: consentAnswerSchema.optional() })
        .optional(),
      emailStatus: emailStatusSchema
        .optional()
        .openapi({ description: 'The server’s (see Contact); accepted as read and ignored.' }),
    })
    .openapi('ContactInput', {
      example: {
        name: 'Ирина Соколова',
        email: 'i.sokolova@vladkon.ru',
        phone: '+74922123456',
        position: 'Директор по ВЭД',
        language: 'ru',
        consent: { outreach: true, news: true },
      },
    }),
);
export type ContactInput = z.infer<typeof contactInputSchema>;

/** The writable profile's fields, in schema order: audit, exports and tests iterate over these. */
export const memberProfileFields = [
  'name',
  'country',
  'region',
  'taxId',
  'sectors',
  'interests',
  'targetMarkets',
  'languages',
  'description',
  'website',
  'status',
  'joinedOn',
  'declaredRevenue',
  'verifiedRevenue',
  'offers',
  'needs',
  'matchmakingVisible',
  'contacts',
] as const;

// Built on first use in a bundle (./schema-on-first-use.ts); `satisfies` keeps its fields those above.
const profileShape = onFirstUse(
  () =>
    ({
      name: text(200).openapi({ example: 'ООО «Владкон»' }),
      country: countrySchema,
      region: regionSchema.optional(),
      taxId: z
        .string()
        .max(40)
        .openapi({ description: 'INN for RU, MST for VN, the national tax id elsewhere.' }),
      sectors: uniqueList(topicSchema, 4, 1),
      interests: uniqueList(topicSchema, 8),
      targetMarkets: uniqueList(countrySchema, 10).openapi({
        description: 'Markets the member wants to reach (ISO 3166-1 alpha-2: VN, TH, ID, MY, PH, SG, ...).',
        example: ['VN', 'TH'],
      }),
      languages: uniqueList(languageSchema, 3, 1),
      description: text(2000).optional(),
      website: websiteSchema.optional(),
      status: memberStatusSchema,
      joinedOn: z.iso.date().openapi({ maxLength: 10 }),
      declaredRevenue: moneySchema.optional(),
      verifiedRevenue: moneySchema.optional(),
      offers: offersOrNeedsSchema.openapi({ description: 'What the member offers partners, by topic.' }),
      needs: offersOrNeedsSchema.openapi({ description: 'What the member seeks, by topic.' }),
      matchmakingVisible: z.boolean().openapi({
        description:
          "Whether other companies' matches may show this member (its name, country, sectors, languages, " +
          'markets, offers and needs; never its contacts). The member decides.',
      }),
      contacts: z.array(contactInputSchema).max(8),
    }) satisfies Record<(typeof memberProfileFields)[number], z.ZodType>,
);

/**
 * Cross-field rules of a company profile (a member's or a partner's), shared by create, patch results
 * and import rows: the region lies in the country, and no two contacts are one person. The tax id's
 * rule is `taxIdRule`, which runs even where other fields failed.
 */
export function checkCompanyProfile(
  profile: {
    country: string;
    region?: string | undefined;
    contacts: ContactInput[];
  },
  ctx: z.RefinementCtx,
) {
  if (profile.region && !profile.region.startsWith(`${profile.country}-`)) {
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      message: `Region must lie in country ${profile.country}.`,
      params: ruleParams('regionOutsideCountry', { country: profile.country }),
    });
  }
  const seen = new Set<string>();
  const seenIds = new Set<string>();
  profile.contacts.forEach((contact, i) => {
    // An erased contact has no address to share; whether the id names one is known only to the state.
    if (contact.email === null) return;
    // Two entries naming one contact would write one item twice in the member's transaction.
    if (contact.id !== undefined) {
      if (seenIds.has(contact.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['contacts', i, 'id'],
          message: 'Two entries name this contact.',
          params: ruleParams('contactTwice'),
        });
      }
      seenIds.add(contact.id);
    }
    if (seen.has(contact.email)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contacts', i, 'email'],
        message: 'Two contacts share this email.',
        params: ruleParams('emailTwice'),
      });
    }
    seen.add(contact.email);
  });
}

/** The tax id is one of its country's, checked by the country's own rules (check digits, length). */
function checkTaxId(profile: { country: string; taxId?: string | undefined }, ctx: z.RefinementCtx) {
  if (profile.taxId === undefined) return;
  const taxId = normaliseTaxId(profile.country, profile.taxId);
  if (!taxId.ok) {
    ctx.addIssue({ code: 'custom', path: ['taxId'], message: taxId.message, params: ruleParams(taxId.rule) });
  }
}

/**
 * The tax id's rule with when it runs: whenever the country and tax id themselves are valid text, even
 * if other fields failed (zod skips a refinement after any failed field by default), so that a form or
 * a CSV row learns of a wrong tax id with its other mistakes, not after fixing them. It reads nothing
 * else. `.superRefine(...taxIdRule)`.
 */
export const taxIdRule = [
  checkTaxId,
  {
    when: (payload: z.core.ParsePayload) => {
      const value = payload.value as { country?: unknown; taxId?: unknown } | null;
      return (
        typeof value?.country === 'string' &&
        typeof value.taxId === 'string' &&
        !payload.issues.some((issue) => issue.path?.[0] === 'country' || issue.path?.[0] === 'taxId')
      );
    },
  },
] as const;

/** The full writable profile: what create takes and what a merge patch must produce. */
export const memberProfileSchema = onFirstUse(() =>
  z
    .strictObject(profileShape)
    .superRefine(checkCompanyProfile)
    .superRefine(...taxIdRule),
);
export type MemberProfile = z.infer<typeof memberProfileSchema>;

export const memberCreateSchema = onFirstUse(() =>
  z
    .strictObject({
      ...profileShape,
      interests: profileShape.interests.default([]),
      targetMarkets: profileShape.targetMarkets.default([]),
      languages: profileShape.languages.default(['ru']),
      status: z.enum(['active', 'suspended']).default('active'),
      joinedOn: profileShape.joinedOn.optional(),
      offers: profileShape.offers.default([]),
      needs: profileShape.needs.default([]),
      matchmakingVisible: profileShape.matchmakingVisible.default(false),
      contacts: profileShape.contacts.default([]),
    })
    .superRefine(checkCompanyProfile)
    .superRefine(...taxIdRule)
    .openapi('MemberCreate', {
      example: {
        name: 'ООО «Владкон»',
        country: 'RU',
        region: 'RU-VLA',
        taxId: '3328101380',
        sectors: ['industrial-water-treatment'],
        interests: ['technology-transfer', 'workforce-training'],
        targetMarkets: ['VN'],
        languages: ['ru', 'en'],
        website: 'https://vladkon.ru',
        verifiedRevenue: { amount: 45000000000, currency: 'RUB' },
        contacts: [
          {
            name: 'Ирина Соколова',
            email: 'i.sokolova@vladkon.ru',
            language: 'ru',
            consent: { outreach: true, news: true },
          },
        ],
      },
    }),
);
export type MemberCreate = z.infer<typeof memberCreateSchema>;

/**
 * A JSON merge patch (RFC 7396) of the profile: every profile field optional, optional ones nullable to
 * remove them. Unknown fields are rejected. The patched result is validated again as a whole profile.
 */
export const memberPatchSchema = onFirstUse(() =>
  mergePatchSchema(memberProfileFields).openapi('MemberPatch', {
    description:
      'JSON merge patch of the member profile (RFC 7396). `null` removes an optional field; arrays replace. ' +
      'Members may change only description, website, contacts (with consent), interests, target markets, languages, ' +
      'declaredRevenue, offers, needs and matchmakingVisible; other fields they may send only as read, unchanged. The member as read, less its ' +
      '`readOnly` properties, is a valid patch.',
    example: { description: 'Промышленная водоподготовка', contacts: [] },
  }),
);

/** Fields a member may change on its own record; everything else is staff-owned. */
export const memberEditableFields = [
  'description',
  'website',
  'contacts',
  'interests',
  'targetMarkets',
  'languages',
  'declaredRevenue',
  'offers',
  'needs',
  'matchmakingVisible',
] as const;

/**
 * What a member reads in place of a staff user's id: staff ids are the association's own user
 * accounts, not the member's data, so a member learns only that staff acted.
 */
export const staffActorLabel = 'association staff';

const revenueShape = {
  amount: z.int().min(0).openapi({ format: 'int64', maximum: Number.MAX_SAFE_INTEGER }),
  currency: z.string().max(3),
};

export const memberSchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema.openapi(serverOwned),
      name: z.string().max(200),
      country: z.string().max(2),
      region: z.string().max(6).optional(),
      taxId: z.string().max(40),
      sectors: z.array(topicSchema).max(4),
      interests: z.array(topicSchema).max(8),
      targetMarkets: z.array(z.string().max(2)).max(10),
      languages: z.array(languageSchema).max(3),
      description: z.string().max(2000).optional(),
      website: z.string().max(300).optional(),
      status: memberStatusSchema,
      joinedOn: z.string().max(10),
      resignedOn: z.string().max(10).openapi(serverOwned).optional(),
      declaredRevenue: z.object(revenueShape).optional(),
      declaredRevenueAt: timestampSchema.openapi(serverOwned).optional(),
      verifiedRevenue: z.object(revenueShape).optional(),
      revenueVerifiedAt: timestampSchema.openapi(serverOwned).optional(),
      offers: z.array(z.object({ topic: topicSchema, text: z.string().max(500) })).max(10),
      needs: z.array(z.object({ topic: topicSchema, text: z.string().max(500) })).max(10),
      matchmakingVisible: z.boolean(),
      revenueVerifiedBy: z
        .string()
        .max(200)
        .optional()
        .openapi({
          ...serverOwned,
          description:
            'Who verified the revenue: the user id (token `sub`) of the staff user, as staff read it; ' +
            `a member reading its own record reads \`${staffActorLabel}\` instead.`,
        }),
      tier: z
        .string()
        .max(40)
        .nullable()
        .openapi({ ...serverOwned, description: 'Computed from verified revenue; null until verified.' }),
      tierRevenue: z
        .object(revenueShape)
        .optional()
        .openapi({
          ...serverOwned,
          description: 'Verified revenue converted to the tier currency at the rate in force.',
        }),
      // Live contacts are at most 8; erased ones stay as tombstones beside them.
      contacts: z.array(contactSchema).max(100),
      erasedAt: timestampSchema.openapi(serverOwned).optional(),
      version: z.int32().min(1).openapi(serverOwned),
      createdAt: timestampSchema.openapi(serverOwned),
      updatedAt: timestampSchema.openapi(serverOwned),
    })
    .openapi('Member'),
);
export type Member = z.infer<typeof memberSchema>;

/** What list and search results carry: the fields the directory index items project. */
export const memberSummarySchema = onFirstUse(() =>
  memberSchema
    .pick({ id: true, name: true, country: true, region: true, tier: true, status: true, sectors: true })
    .openapi('MemberSummary'),
);
export type MemberSummary = z.infer<typeof memberSummarySchema>;
