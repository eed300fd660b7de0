import { countryName } from '../domain/display-names.ts';
import type { Language } from '../domain/languages.ts';
import { regionName } from '../domain/region-names.ts';
import { tierLabel } from '../domain/tier-names.ts';
import { type Tier, unassessedTier } from '../domain/tiers.ts';
import type { AudienceEntry } from '../members/audience-entry.ts';
import type { MergeValues } from './campaign-template.ts';

/** The tier table's tiers as far as naming them goes. */
export type TierNames = readonly Pick<Tier, 'name' | 'label' | 'labels'>[];

/** What a recipient's merge values are made of: its audience entry's company and contact facts. */
export type MergeFacts = Pick<
  AudienceEntry,
  'companyKind' | 'memberName' | 'contactName' | 'tier' | 'country' | 'region' | 'website'
>;

/**
 * A member's tier as the console names it to a reader of `language`: its label in the tier table
 * (in that language where the table gives one, else its one label). Empty where there is none to
 * name in a letter, so a `{{#tier}}` section shows nothing: a partner's, a member's without verified
 * revenue (as before the values were names), and one no longer in the table (its bare code is no
 * word for a letter).
 */
function tierIn(facts: MergeFacts, language: Language, tiers: TierNames): string {
  if (facts.companyKind === 'partner' || facts.tier === null || facts.tier === unassessedTier) return '';
  const known = tiers.find((tier) => tier.name === facts.tier);
  return known ? tierLabel(known, language) : '';
}

/**
 * The merge values of one recipient, in the language its email is written in: the tier by the
 * association's label, the country and region by name (a region we do not list by its code); names
 * and the website as stored. The unsubscribe link is minted when the email is sent.
 */
export function mergeValuesOf(facts: MergeFacts, language: Language, tiers: TierNames): MergeValues {
  return {
    companyName: facts.memberName,
    contactName: facts.contactName,
    tier: tierIn(facts, language, tiers),
    country: countryName(facts.country, language),
    region: facts.region === null ? '' : regionName(facts.region, language),
    website: facts.website ?? '',
  };
}
