import type { FC } from 'hono/jsx';
import type { EventReport } from '../../events/event-report.ts';
import { eventCounters } from '../../events/event-report-lines.ts';
import { leadStages } from '../../leads/lead-stages.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { BarChart } from './chart.tsx';
import { countryName, topicName } from './event-parts.tsx';
import { reportText } from './report-messages.ts';

type Line = EventReport['total'];

const rate = (locale: Locale, line: Line) =>
  line.acceptanceRate === null ? commonMessages[locale].none : formatPercent(locale, line.acceptanceRate);

/** A breakdown of the counters (by country pair, by topic): one row per key, the counters across. */
const Breakdown: FC<{ title: string; keyName: string; lines: [string, Line][]; locale: Locale }> = ({
  title,
  keyName,
  lines,
  locale,
}) => {
  const m = reportText[locale];
  return (
    <div class="overflow-auto">
      <table class="striped">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{keyName}</th>
            {eventCounters.map((counter) => (
              <th scope="col" class="number">
                {m[counter]}
              </th>
            ))}
            <th scope="col" class="number">
              {m.acceptanceRate}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([key, line]) => (
            <tr>
              <th scope="row">{key}</th>
              {eventCounters.map((counter) => (
                <td class="number">{formatNumber(locale, line[counter])}</td>
              ))}
              <td class="number">{rate(locale, line)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/**
 * The event report (GET /v1/reports/events/{id}) as tables, with a chart of its totals and one of its
 * leads by stage: on the reports section and under an event's outcomes. `level` is the heading level
 * its sections take on the page they are part of.
 */
export const EventReportView: FC<{ report: EventReport; locale: Locale; level: 2 | 3 }> = ({
  report,
  locale,
  level,
}) => {
  const m = reportText[locale];
  const Heading = level === 2 ? 'h2' : 'h3';
  const pairs = Object.entries(report.byCountryPair)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pair, line]): [string, Line] => [
      pair
        .split('-')
        .map((code) => countryName(code, locale))
        .join(' – '),
      line,
    ]);
  const topics = Object.entries(report.byTopic)
    .map(([topic, line]): [string, Line] => [topicName(topic, locale), line])
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <section aria-labelledby="event-figures">
        <Heading id="event-figures">{m.figures}</Heading>
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.figure}</th>
                <th scope="col" class="number">
                  {m.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {eventCounters.map((counter) => (
                <tr>
                  <th scope="row">{m[counter]}</th>
                  <td class="number">{formatNumber(locale, report.total[counter])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{m.acceptanceRate}</th>
                <td class="number">{rate(locale, report.total)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <BarChart
          id="event-chart"
          title={m.eventChart}
          bars={eventCounters.map((counter) => ({
            label: m[counter],
            value: report.total[counter],
            shown: formatNumber(locale, report.total[counter]),
          }))}
        />
      </section>
      {pairs.length > 0 ? (
        <section aria-labelledby="event-pairs">
          <Heading id="event-pairs">{m.byCountryPair}</Heading>
          <Breakdown title={m.byCountryPair} keyName={m.countryPair} lines={pairs} locale={locale} />
        </section>
      ) : null}
      {topics.length > 0 ? (
        <section aria-labelledby="event-topics">
          <Heading id="event-topics">{m.byTopic}</Heading>
          <Breakdown title={m.byTopic} keyName={m.topic} lines={topics} locale={locale} />
        </section>
      ) : null}
      <section aria-labelledby="event-leads">
        <Heading id="event-leads">{m.leadsByStage}</Heading>
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.stage}</th>
                <th scope="col" class="number">
                  {m.leads}
                </th>
              </tr>
            </thead>
            <tbody>
              {leadStages.map((stage) => (
                <tr>
                  <th scope="row">{m[stage]}</th>
                  <td class="number">{formatNumber(locale, report.leadsByStage[stage] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <BarChart
          id="event-leads-chart"
          title={m.leadsByStageChart}
          bars={leadStages.map((stage) => ({
            label: m[stage],
            value: report.leadsByStage[stage] ?? 0,
            shown: formatNumber(locale, report.leadsByStage[stage] ?? 0),
          }))}
        />
      </section>
    </>
  );
};
