import type { memberStatuses } from '../../../domain/member-schema.ts';
import { quoted } from '../../../domain/quoted.ts';
import type { Tier } from '../../../domain/tiers.ts';
import { memberStatusLabels, tierName } from '../../i18n/domain-labels.ts';
import type { Locale } from '../../i18n/locales.ts';
import { defineMessages } from '../../i18n/messages.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { regionLabel } from '../../i18n/region-names.ts';

const filterLabels = defineMessages({
  en: {
    q: 'Name',
    tier: 'Tier',
    sector: 'Sector',
    region: 'Region',
    country: 'Country',
    interest: 'Interest',
    status: 'Status',
  },
  ru: {
    q: 'Название',
    tier: 'Категория',
    sector: 'Отрасль',
    region: 'Регион',
    country: 'Страна',
    interest: 'Интерес',
    status: 'Статус',
  },
  vi: {
    q: 'Tên',
    tier: 'Hạng',
    sector: 'Ngành',
    region: 'Tỉnh/vùng',
    country: 'Quốc gia',
    interest: 'Lĩnh vực quan tâm',
    status: 'Trạng thái',
  },
});

type FilterName = keyof (typeof filterLabels)['en'];
const isFilterName = (name: string): name is FilterName => Object.hasOwn(filterLabels.en, name);

/** The tier table's entries, by which a tier filter is named. */
type TierLabels = readonly Pick<Tier, 'name' | 'label' | 'labels'>[];

/** A filter's value as the directory's own pickers name it. */
function valueText(name: FilterName, value: string, locale: Locale, tiers: TierLabels): string {
  switch (name) {
    case 'q':
      return quoted[locale](value);
    case 'country':
      return countryName(value, locale);
    case 'region':
      return regionLabel(value, locale);
    case 'sector':
    case 'interest':
      return topicName(value, locale);
    case 'status':
      return memberStatusLabels[locale][value as (typeof memberStatuses)[number]] ?? value;
    case 'tier':
      return tierName(value, locale, tiers);
  }
}

/**
 * An export's filter as the audit log recorded it (the directory's query string) in the reader's
 * words, one "Country: Vietnam" per filter in the order recorded, a tier by its label in `tiers`; a
 * name the directory no longer has reads as it was written.
 */
export function exportFilterWords(filter: string, locale: Locale, tiers: TierLabels): string[] {
  return [...new URLSearchParams(filter)].map(([name, value]) =>
    isFilterName(name)
      ? `${filterLabels[locale][name]}: ${valueText(name, value, locale, tiers)}`
      : `${name}: ${value}`,
  );
}

/** Whether a recorded filter names a tier, so that its words need the tier table. */
export const namesTier = (filter: string): boolean => new URLSearchParams(filter).has('tier');
