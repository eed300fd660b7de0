import type { Child, FC } from 'hono/jsx';
import { intlTags } from '../../../domain/languages.ts';
import { currencyMinorDigits } from '../../../domain/money.ts';
import type { PipelineGroupLine } from '../../../reports/pipeline-report.ts';
import type { ReportMoney } from '../../../reports/tier-report.ts';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { reportText } from './report-messages.ts';

/**
 * A report figure in its currency. One beyond 2^53 − 1 minor units comes as an exact decimal string
 * (`exactAmount`): Intl formats such a string exactly, where a number would be rounded.
 */
export function reportMoneyText(locale: Locale, money: ReportMoney): string {
  if (money.amount !== null) return formatMoney(locale, { amount: money.amount, currency: money.currency });
  const digits = currencyMinorDigits[money.currency];
  const whole = money.exactAmount.padStart(digits + 1, '0');
  const decimal = digits > 0 ? `${whole.slice(0, -digits)}.${whole.slice(-digits)}` : whole;
  return new Intl.NumberFormat(intlTags[locale], {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal as `${number}`);
}

/** A figure's size for a chart bar: only its proportion to the others matters. */
export const moneyValue = (money: ReportMoney): number => money.amount ?? Number(money.exactAmount);

export type ReportTab = 'tiers' | 'pipeline' | 'events';
const tabHref: Record<ReportTab, string> = {
  tiers: '/console/reports',
  pipeline: '/console/reports/pipeline',
  events: '/console/reports/events',
};

export const ReportTabs: FC<{ locale: Locale; current: ReportTab | undefined }> = ({ locale, current }) => {
  const m = reportText[locale];
  return (
    <nav aria-label={m.sections}>
      <ul>
        {(Object.keys(tabHref) as ReportTab[]).map((tab) => (
          <li>
            <a href={tabHref[tab]} aria-current={tab === current ? 'page' : undefined}>
              {m[tab]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/**
 * One grouping of the pipeline report (by stage, source, country…): a row per key. By stage, the won
 * count, conversion and won value are left out: a stage's leads are all won or none are (the funnel
 * says how leads move on instead).
 */
export const PipelineTable: FC<{
  caption: string;
  keyName: string;
  lines: readonly PipelineGroupLine[];
  currency: string;
  label: (key: string) => Child;
  locale: Locale;
  byStage?: boolean;
}> = ({ caption, keyName, lines, currency, label, locale, byStage = false }) => {
  const m = reportText[locale];
  return (
    <div class="overflow-auto">
      <table class="striped">
        {/* The section's heading says it on screen; the caption names the table to a screen reader. */}
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyName}</th>
            <th scope="col" class="number">
              {m.leads}
            </th>
            {byStage ? null : (
              <>
                <th scope="col" class="number">
                  {m.won}
                </th>
                <th scope="col" class="number">
                  {m.conversion}
                </th>
              </>
            )}
            <th scope="col" class="number">
              {m.value}
            </th>
            <th scope="col" class="number">
              {m.valueConverted(currency)}
            </th>
            {byStage ? null : (
              <th scope="col" class="number">
                {m.wonValue}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr>
              <th scope="row">{label(line.key)}</th>
              <td class="number">{formatNumber(locale, line.leads)}</td>
              {byStage ? null : (
                <>
                  <td class="number">{formatNumber(locale, line.won)}</td>
                  <td class="number">{formatPercent(locale, line.conversion)}</td>
                </>
              )}
              <td class="number">
                {line.value.length === 0 ? '—' : line.value.map((v) => reportMoneyText(locale, v)).join('; ')}
              </td>
              <td class="number">{reportMoneyText(locale, line.valueConverted)}</td>
              {byStage ? null : <td class="number">{reportMoneyText(locale, line.wonValue)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
