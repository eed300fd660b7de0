import type { Language } from './languages.ts';
import type { Tier } from './tiers.ts';

/** What a member without verified revenue (the `unassessed` tier, no tier in the table) is called. */
export const unassessedTierNames: Record<Language, string> = {
  en: 'Not assessed',
  ru: 'Без оценки',
  vi: 'Chưa xếp hạng',
};

/** A tier's label in `language` where the table gives one, else its one label. */
export const tierLabel = (tier: Pick<Tier, 'label' | 'labels'>, language: Language): string =>
  tier.labels?.[language] ?? tier.label;
