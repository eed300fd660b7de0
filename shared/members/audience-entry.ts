import { z } from '@hono/zod-openapi';
import type { Member } from '../domain/member-schema.ts';
import { languageSchema, memberStatusSchema, topicSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';

/**
 * What a member's write publishes about each live contact for campaign audiences: the contact's
 * address, language and outreach consent, and the member facets a segment filters on. Kept in the
 * member's transaction (an index item beside the directory entries), so resolving an audience reads
 * these entries and no profile or contact of a member outside the segment.
 */
export const audienceEntrySchema = onFirstUse(() =>
  z.object({
    /**
     * Whose contact it is: a member's, or a partner's (a foreign company the association writes to).
     * Entries written before partners existed are members'. For a partner, `memberId` holds the
     * partner's id: campaigns key recipients by company and contact, and ids never repeat across the two.
     */
    companyKind: z.enum(['member', 'partner']).default('member'),
    memberId: z.string(),
    contactId: z.string(),
    email: z.string().nullable(),
    contactName: z.string(),
    contactLanguage: languageSchema,
    outreach: z.boolean(),
    /** Entries written before addresses had a status held only verified ones. */
    verified: z.boolean().default(true),
    memberName: z.string(),
    memberLanguages: z.array(languageSchema),
    status: memberStatusSchema,
    tier: z.string().nullable(),
    country: z.string(),
    region: z.string().nullable(),
    sectors: z.array(topicSchema),
    interests: z.array(topicSchema),
    targetMarkets: z.array(z.string()),
    website: z.string().nullable(),
  }),
);
export type AudienceEntry = z.infer<typeof audienceEntrySchema>;

/** One entry per live contact (erased ones are gone from every audience). */
export function audienceEntriesOf(member: Member): AudienceEntry[] {
  return member.contacts
    .filter((contact) => !contact.erasedAt)
    .map((contact) => ({
      companyKind: 'member' as const,
      memberId: member.id,
      contactId: contact.id,
      email: contact.email,
      contactName: contact.name,
      contactLanguage: contact.language,
      outreach: contact.consent.outreach.granted,
      verified: contact.emailStatus === 'verified',
      memberName: member.name,
      memberLanguages: member.languages,
      status: member.status,
      tier: member.tier,
      country: member.country,
      region: member.region ?? null,
      sectors: member.sectors,
      interests: member.interests,
      targetMarkets: member.targetMarkets,
      website: member.website ?? null,
    }));
}
