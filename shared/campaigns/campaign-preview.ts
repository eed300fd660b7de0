import type { EmailHasher } from '../domain/email-hash.ts';
import type { Language } from '../domain/member-schema.ts';
import type { AudienceEntry } from '../members/audience-entry.ts';
import {
  type Classified,
  classify,
  type ExclusionReason,
  exclusionReasons,
  inSegment,
  mergeValuesOf,
  writtenLanguages,
} from './audience.ts';
import type { AudienceRepository } from './audience-repository.ts';
import type { Campaign } from './campaign-schema.ts';
import { renderTemplate } from './campaign-template.ts';

export interface RenderedVariant {
  subject: string;
  html: string;
  text: string;
}

export interface CampaignPreview {
  /** Contacts that would be mailed. */
  audience: number;
  byLanguage: Partial<Record<Language, number>>;
  /** Contacts of members in the segment that would not be, per reason (every reason, zeros too). */
  excluded: Record<ExclusionReason, number>;
  /** Each language's variant rendered for its first recipient; null for a language nobody gets. */
  samples: Partial<Record<Language, RenderedVariant | null>>;
}

function render(campaign: Campaign, language: Language, entry: AudienceEntry): RenderedVariant {
  const variant = campaign.variants[language]!;
  const values = mergeValuesOf(entry);
  return {
    subject: renderTemplate(variant.subject, 'subject', values),
    html: renderTemplate(variant.html, 'html', values),
    text: renderTemplate(variant.text, 'text', values),
  };
}

/**
 * Who a campaign would reach now and who not, and why: the audience entries of the members in its
 * segment, each contact classified (member not active, no email, no outreach consent, no variant in a
 * language it reads, then the suppression list). Sends nothing and writes nothing.
 */
export async function previewCampaign(
  campaign: Campaign,
  audience: Pick<AudienceRepository, 'entries' | 'suppressed'>,
  hasher: EmailHasher,
): Promise<CampaignPreview> {
  const written = writtenLanguages(campaign);
  const candidates: { entry: AudienceEntry; classified: Classified }[] = [];
  for await (const entry of audience.entries()) {
    if (inSegment(entry, campaign.segment)) candidates.push({ entry, classified: classify(entry, written) });
  }
  const mailable = candidates.flatMap(({ entry, classified }) =>
    'language' in classified ? [{ entry, language: classified.language }] : [],
  );
  const suppressed = await audience.suppressed(
    mailable.map(({ entry }) => entry.email!),
    hasher,
  );

  const excluded = Object.fromEntries(exclusionReasons.map((reason) => [reason, 0])) as Record<
    ExclusionReason,
    number
  >;
  for (const { classified } of candidates) if ('excluded' in classified) excluded[classified.excluded]++;
  const byLanguage: Partial<Record<Language, number>> = {};
  const samples: Partial<Record<Language, RenderedVariant | null>> = Object.fromEntries(
    written.map((language) => [language, null]),
  );
  let included = 0;
  for (const { entry, language } of mailable) {
    if (suppressed.has(entry.email!)) {
      excluded.suppressed++;
      continue;
    }
    included++;
    byLanguage[language] = (byLanguage[language] ?? 0) + 1;
    samples[language] ??= render(campaign, language, entry);
  }
  return { audience: included, byLanguage, excluded, samples };
}
