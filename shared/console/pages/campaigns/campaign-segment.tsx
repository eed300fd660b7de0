import type { FC } from 'hono/jsx';
import type { Campaign } from '../../../campaigns/campaign-schema.ts';
import type { Tier } from '../../../domain/tiers.ts';
import { tierName } from '../../i18n/domain-labels.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { regionLabel } from '../../i18n/region-names.ts';
import { campaignText } from './campaign-messages.ts';

/**
 * Whom a campaign past its draft was written for, in the reader's words: its segment field by field
 * (tiers by their labels, topics, regions and countries by their names), "any" where it names none.
 * A draft shows its form instead.
 */
export const SegmentSummary: FC<{ locale: Locale; segment: Campaign['segment']; tiers: readonly Tier[] }> = ({
  locale,
  segment,
  tiers,
}) => {
  const m = campaignText[locale];
  const countries = (codes: readonly string[] | undefined) => codes?.map((code) => countryName(code, locale));
  const rows: [string, readonly string[] | undefined][] = [
    [m.companies, (segment.companies ?? ['members']).map((companies) => m[companies])],
    [m.statuses, segment.statuses?.map((status) => m[status])],
    [m.tiers, segment.tiers?.map((tier) => tierName(tier, locale, tiers))],
    [m.sectors, segment.sectors?.map((topic) => topicName(topic, locale))],
    [m.interests, segment.interests?.map((topic) => topicName(topic, locale))],
    [m.regions, segment.regions?.map((code) => regionLabel(code, locale))],
    [m.countries, countries(segment.countries)],
    [m.segmentTargetMarkets, countries(segment.targetMarkets)],
  ];
  return (
    <table>
      <tbody>
        {rows.map(([label, values]) => (
          <tr>
            <th scope="row">{label}</th>
            <td>{values && values.length > 0 ? values.join(', ') : m.anyAudience}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
