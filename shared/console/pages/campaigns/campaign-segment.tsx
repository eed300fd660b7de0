import type { FC } from 'hono/jsx';
import type { Campaign } from '../../../campaigns/campaign-schema.ts';
import type { Tier } from '../../../domain/tiers.ts';
import { tierName } from '../../i18n/domain-labels.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { regionLabel } from '../../i18n/region-names.ts';
import { type SegmentField, segmentChoiceFields, segmentListFields } from './campaign-form.ts';
import { type CampaignText, campaignText } from './campaign-messages.ts';

/** The segment's fields in the order the form gives them: what it lists to choose, then what is typed. */
const segmentFields = [...segmentChoiceFields, ...segmentListFields];

/** A segment field's name, as the form and the summary head it. */
export const segmentFieldLabel = (m: CampaignText, field: SegmentField): string =>
  field === 'targetMarkets' ? m.segmentTargetMarkets : m[field];

const word = (m: CampaignText, key: string) =>
  Object.hasOwn(m, key) ? String(m[key as keyof CampaignText]) : key;

/** A segment field's values in the reader's words: tiers by their labels, topics, places by name. */
export function segmentValueTexts(
  field: SegmentField,
  values: readonly string[],
  locale: Locale,
  tiers: readonly Tier[],
): string[] {
  const m = campaignText[locale];
  switch (field) {
    case 'companies':
    case 'statuses':
      return values.map((value) => word(m, value));
    case 'tiers':
      return values.map((tier) => tierName(tier, locale, tiers));
    case 'sectors':
    case 'interests':
      return values.map((topic) => topicName(topic, locale));
    case 'regions':
      return values.map((code) => regionLabel(code, locale));
    case 'countries':
    case 'targetMarkets':
      return values.map((code) => countryName(code, locale));
  }
}

/**
 * Whom a campaign past its draft was written for, in the reader's words: its segment field by field,
 * "any" where it names none. A draft shows its form instead.
 */
export const SegmentSummary: FC<{ locale: Locale; segment: Campaign['segment']; tiers: readonly Tier[] }> = ({
  locale,
  segment,
  tiers,
}) => {
  const m = campaignText[locale];
  return (
    <table>
      <tbody>
        {segmentFields.map((field) => {
          // Without `companies` the API means members' contacts.
          const values = field === 'companies' ? (segment.companies ?? ['members']) : (segment[field] ?? []);
          return (
            <tr>
              <th scope="row">{segmentFieldLabel(m, field)}</th>
              <td>
                {values.length > 0
                  ? segmentValueTexts(field, values, locale, tiers).join(', ')
                  : m.anyAudience}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};
