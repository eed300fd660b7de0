import type { EmailHasher } from '../domain/email-hash.ts';
import type { Language } from '../domain/member-schema.ts';
import { type ExclusionReason, exclusionReasons, writtenLanguages } from './audience.ts';
import type { AudienceRepository } from './audience-repository.ts';
import { resolveAudience } from './audience-resolution.ts';
import type { Campaign } from './campaign-schema.ts';
import { type MergeValues, renderTemplate } from './campaign-template.ts';
import { mergeValuesOf, type TierNames } from './merge-values.ts';

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

/** The campaign's variant in `language`, rendered with one recipient's merge values. */
export function renderVariant(campaign: Campaign, language: Language, values: MergeValues): RenderedVariant {
  const variant = campaign.variants[language]!;
  return {
    subject: renderTemplate(variant.subject, 'subject', values),
    html: renderTemplate(variant.html, 'html', values),
    text: renderTemplate(variant.text, 'text', values),
  };
}

/**
 * Who a campaign would reach now and who not, and why (see `resolveAudience`), with each language's
 * variant rendered for its first recipient, its merge values as the dispatcher would store them
 * (`tiers`, the tier table's, name its tier). Sends nothing and writes nothing.
 */
export async function previewCampaign(
  campaign: Campaign,
  audience: Pick<AudienceRepository, 'entries' | 'suppressed'>,
  hasher: EmailHasher,
  tiers: TierNames,
): Promise<CampaignPreview> {
  const excluded = Object.fromEntries(exclusionReasons.map((reason) => [reason, 0])) as Record<
    ExclusionReason,
    number
  >;
  const byLanguage: Partial<Record<Language, number>> = {};
  const samples: Partial<Record<Language, RenderedVariant | null>> = Object.fromEntries(
    writtenLanguages(campaign).map((language) => [language, null]),
  );
  let included = 0;
  for (const resolved of await resolveAudience(campaign, audience, hasher)) {
    if ('excluded' in resolved) {
      excluded[resolved.excluded]++;
      continue;
    }
    const { entry, language } = resolved;
    included++;
    byLanguage[language] = (byLanguage[language] ?? 0) + 1;
    samples[language] ??= renderVariant(campaign, language, mergeValuesOf(entry, language, tiers));
  }
  return { audience: included, byLanguage, excluded, samples };
}
