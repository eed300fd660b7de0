import type { Language } from '../domain/member-schema.ts';
import { regionsHolding } from '../domain/region-codes.ts';
import { unassessedTier } from '../domain/tiers.ts';
import type { AudienceEntry } from '../members/audience-entry.ts';
import type { Campaign } from './campaign-schema.ts';

/**
 * Why a contact of a member in the segment gets no email, checked in this order (a contact counts
 * under the first that applies). `suppressed` needs the suppression list, so it is decided last.
 */
export const exclusionReasons = [
  'member-not-active',
  'no-email',
  'unverified',
  'no-consent',
  'no-variant',
  'suppressed',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export type Classified = { language: Language } | { excluded: Exclude<ExclusionReason, 'suppressed'> };

const matchesAny = (values: readonly string[], wanted: readonly string[] | undefined) =>
  wanted === undefined || wanted.length === 0 || values.some((value) => wanted.includes(value));

/** Every field of the segment (AND), any of its values (OR); an empty segment is every member. */
export function inSegment(entry: AudienceEntry, segment: Campaign['segment']): boolean {
  return (
    (segment.companies ?? ['members']).includes(entry.companyKind === 'partner' ? 'partners' : 'members') &&
    // A member without verified revenue is in the directory's `unassessed` tier, and so here.
    matchesAny([entry.tier ?? unassessedTier], segment.tiers) &&
    matchesAny(entry.sectors, segment.sectors) &&
    matchesAny(entry.interests, segment.interests) &&
    // A region takes in the provinces merged into it (regionsWithin).
    matchesAny(entry.region === null ? [] : regionsHolding(entry.region), segment.regions) &&
    matchesAny([entry.country], segment.countries) &&
    matchesAny([entry.status], segment.statuses) &&
    matchesAny(entry.targetMarkets, segment.targetMarkets)
  );
}

/** The contact's own language if the campaign has it, else the first of its member's languages it has. */
export function languageFor(entry: AudienceEntry, written: readonly Language[]): Language | undefined {
  return [entry.contactLanguage, ...entry.memberLanguages].find((language) => written.includes(language));
}

export function writtenLanguages(campaign: Pick<Campaign, 'variants'>): Language[] {
  return (Object.keys(campaign.variants) as Language[]).filter((language) => campaign.variants[language]);
}

/** Whether and in which language a contact of a member in the segment is mailed, suppression aside. */
export function classify(entry: AudienceEntry, written: readonly Language[]): Classified {
  if (entry.status !== 'active') return { excluded: 'member-not-active' };
  if (!entry.email) return { excluded: 'no-email' };
  if (!entry.verified) return { excluded: 'unverified' };
  if (!entry.outreach) return { excluded: 'no-consent' };
  const language = languageFor(entry, written);
  return language ? { language } : { excluded: 'no-variant' };
}
