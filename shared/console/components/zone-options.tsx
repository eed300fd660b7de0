import type { FC } from 'hono/jsx';
import { russianTimeZones, southeastAsianTimeZones, zoneLabel } from '../../events/zone-names.ts';
import type { Locale } from '../i18n/locales.ts';
import { bound, type Errors, Labelled } from './form-fields.tsx';

const groupNames: Record<Locale, { russia: string; southeastAsia: string }> = {
  en: { russia: 'Russia', southeastAsia: 'Southeast Asia' },
  ru: { russia: 'Россия', southeastAsia: 'Юго-Восточная Азия' },
  vi: { russia: 'Nga', southeastAsia: 'Đông Nam Á' },
};

/**
 * A zone picker's options: UTC (posted as `utcValue`), then Russia's and Southeast Asia's zones in a
 * group each, by place and offset; a chosen zone the list does not offer comes last, as itself. None
 * is selected where `selected` is undefined (an option before them stands for something else).
 */
export const ZoneOptions: FC<{ locale: Locale; selected: string | undefined; utcValue: string }> = ({
  locale,
  selected,
  utcValue,
}) => {
  const names = groupNames[locale];
  // UTC by its own name is the picker's UTC, whatever value that posts.
  const chosen = selected === 'UTC' ? utcValue : selected;
  const option = (zone: string) => (
    <option value={zone} selected={zone === chosen}>
      {zoneLabel(zone, locale)}
    </option>
  );
  const offered: readonly string[] = [...russianTimeZones, ...southeastAsianTimeZones];
  return (
    <>
      <option value={utcValue} selected={chosen === utcValue}>
        UTC
      </option>
      <optgroup label={names.russia}>{russianTimeZones.map(option)}</optgroup>
      <optgroup label={names.southeastAsia}>{southeastAsianTimeZones.map(option)}</optgroup>
      {chosen !== undefined && chosen !== utcValue && !offered.includes(chosen) ? option(chosen) : null}
    </>
  );
};

/** A form's zone field: its label, the zones by place and offset, and its error beside them. */
export const ZoneSelect: FC<{
  name: string;
  label: string;
  locale: Locale;
  selected: string;
  utcValue: string;
  errors: Errors;
}> = ({ name, label, locale, selected, utcValue, errors }) => (
  <Labelled name={name} label={label} errors={errors}>
    <select {...bound(name, errors)}>
      <ZoneOptions locale={locale} selected={selected} utcValue={utcValue} />
    </select>
  </Labelled>
);
