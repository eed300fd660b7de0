import type { FC } from 'hono/jsx';
import type { EventReport } from '../../../events/event-report.ts';
import { eventCounters } from '../../../events/event-report-lines.ts';
import { leadStages } from '../../../leads/lead-stages.ts';
import { ListTable } from '../../components/list-table.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { stageName } from '../../i18n/domain-labels.ts';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { BarChart, type ChartBar } from './chart.tsx';
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
        {/* The section's heading says it on screen; the caption names the table to a screen reader. */}
        <caption class="visually-hidden">{title}</caption>
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
 * Figures as a two-column table, and the same figures as a bar chart below it (rows after the bars in
 * `more`, such as a rate, are the table's alone).
 */
const TableAndChart: FC<{
  keyName: string;
  valueName: string;
  chart: { id: string; title: string };
  bars: ChartBar[];
  more?: [string, string][];
}> = ({ keyName, valueName, chart, bars, more = [] }) => (
  <>
    <ListTable columns={[keyName, [valueName, 'number']]}>
      {[...bars.map((bar): [string, string] => [bar.label, bar.shown]), ...more].map(([label, shown]) => (
        <tr>
          <th scope="row">{label}</th>
          <td class="number">{shown}</td>
        </tr>
      ))}
    </ListTable>
    <BarChart id={chart.id} title={chart.title} bars={bars} />
  </>
);

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
        <TableAndChart
          keyName={m.figure}
          valueName={m.count}
          chart={{ id: 'event-chart', title: m.eventChart }}
          bars={eventCounters.map((counter) => ({
            label: m[counter],
            value: report.total[counter],
            shown: formatNumber(locale, report.total[counter]),
          }))}
          more={[
            // So the requests add up: those neither accepted nor declined (an expired one is a pending
            // one past the deadline, which no write marks, so the counters cannot tell it apart).
            [
              m.unanswered,
              formatNumber(locale, report.total.requests - report.total.accepted - report.total.declined),
            ],
            [m.acceptanceRate, rate(locale, report.total)],
          ]}
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
        <TableAndChart
          keyName={m.stage}
          valueName={m.leads}
          chart={{ id: 'event-leads-chart', title: m.leadsByStageChart }}
          bars={leadStages.map((stage) => ({
            label: stageName(locale, stage),
            value: report.leadsByStage[stage] ?? 0,
            shown: formatNumber(locale, report.leadsByStage[stage] ?? 0),
          }))}
        />
      </section>
    </>
  );
};
