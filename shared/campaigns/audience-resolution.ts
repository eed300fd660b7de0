import type { EmailHasher } from '../domain/email-hash.ts';
import type { Language } from '../domain/member-schema.ts';
import type { AudienceEntry } from '../members/audience-entry.ts';
import { classify, type ExclusionReason, inSegment, writtenLanguages } from './audience.ts';
import type { AudienceRepository } from './audience-repository.ts';
import type { Campaign } from './campaign-schema.ts';

export type Resolved =
  | { entry: AudienceEntry; language: Language }
  | { entry: AudienceEntry; excluded: ExclusionReason };

/**
 * Every contact of the members in the campaign's segment, in the index's order, each with the
 * language it would be mailed in or the first reason it is not (member not active, no email, no
 * outreach consent, no variant in a language it reads, then the suppression list). Reads the audience
 * entries and the suppression list only.
 */
export async function resolveAudience(
  campaign: Campaign,
  audience: Pick<AudienceRepository, 'entries' | 'suppressed'>,
  hasher: EmailHasher,
): Promise<Resolved[]> {
  const written = writtenLanguages(campaign);
  const resolved: Resolved[] = [];
  for await (const entry of audience.entries()) {
    if (!inSegment(entry, campaign.segment)) continue;
    const classified = classify(entry, written);
    resolved.push(
      'language' in classified ? { entry, language: classified.language } : { entry, ...classified },
    );
  }
  const suppressed = await audience.suppressed(
    resolved.flatMap((r) => ('language' in r ? [r.entry.email!] : [])),
    hasher,
  );
  return resolved.map((r) =>
    'language' in r && suppressed.has(r.entry.email!) ? { entry: r.entry, excluded: 'suppressed' } : r,
  );
}
