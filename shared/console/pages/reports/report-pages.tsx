import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { campaignNames } from '../../../campaigns/campaign-names.ts';
import { pageFrom } from '../../../data/cursor.ts';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { textIn } from '../../../domain/languages.ts';
import { type Currency, currencies } from '../../../domain/money.ts';
import { eventReport } from '../../../events/event-report.ts';
import { EventRepository } from '../../../events/event-repository.ts';
import { LeadRepository } from '../../../leads/lead-repository.ts';
import type { LeadStage } from '../../../leads/lead-stages.ts';
import { readPipelineReport } from '../../../reports/pipeline-report-read.ts';
import { readTierAggregates } from '../../../reports/tier-aggregates-read.ts';
import type { TierReportLine } from '../../../reports/tier-report.ts';
import { readTierReport } from '../../../reports/tier-report-read.ts';
import { SettingsRepository } from '../../../settings/settings-repository.ts';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { eventStateLabels, stageName, tierLabel, tierName } from '../../i18n/domain-labels.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../i18n/format.ts';
import { countryName, topicName } from '../../i18n/names.ts';
import { eventDates } from '../events/event-headline.ts';
import { ulidPattern } from '../route-patterns.ts';
import { BarChart } from './chart.tsx';
import { EventReportView } from './report-event.tsx';
import { reportText } from './report-messages.ts';
import { moneyValue, PipelineTable, ReportTabs, reportMoneyText } from './report-parts.tsx';

const isCurrency = (value: unknown): value is Currency =>
  typeof value === 'string' && (currencies as readonly string[]).includes(value);

/**
 * The reports section: tiers, the pipeline and each event's report, each as the API computes it
 * (tier-report-read.ts, pipeline-report-read.ts, event-report.ts), as tables with a chart beside.
 */
export function reportPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const settings = new SettingsRepository(deps.app.db);
  const members = { tierAggregates: () => readTierAggregates(deps.app.db) };
  // The reports only read events and leads: their repositories, none of the events' use cases.
  const events = new EventRepository(deps.app.db);
  const leads = new LeadRepository(deps.app.db);

  app.get('/console/reports', async (c) => {
    const locale = c.get('locale');
    const m = reportText[locale];
    const asked = c.req.query('currency');
    const reads = { settings, members, clock: deps.app.clock };
    // A currency without a rate in force: the report in the table's currency, and why (the API's 422).
    let noRate: Currency | undefined;
    const report = await readTierReport(reads, isCurrency(asked) ? asked : undefined).catch(
      (error: unknown) => {
        if (!(error instanceof ValidationError) || !isCurrency(asked)) throw error;
        noRate = asked;
        return readTierReport(reads);
      },
    );
    if (noRate) c.status(422);
    const lineName = (line: TierReportLine) =>
      line.label === null ? tierName(line.tier, locale) : tierLabel({ ...line, label: line.label }, locale);
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <ReportTabs locale={locale} current="tiers" />
        <h2>{m.tiersTitle}</h2>
        <form method="get" action="/console/reports">
          <fieldset role="group">
            <select name="currency" aria-label={m.currency}>
              {currencies.map((currency) => (
                <option value={currency} selected={currency === report.currency}>
                  {currency}
                </option>
              ))}
            </select>
            <button type="submit">{m.show}</button>
          </fieldset>
        </form>
        {noRate ? <p role="alert">{m.noRate(noRate, report.currency)}</p> : null}
        <p>
          {m.asOf(formatDateTime(locale, report.asOf))}. <small>{m.tiersCounted}</small>
        </p>
        <div class="overflow-auto">
          <table class="striped" id="tier-report">
            <thead>
              <tr>
                <th scope="col">{m.tier}</th>
                <th scope="col" class="number">
                  {m.members}
                </th>
                <th scope="col" class="number">
                  {m.revenue}
                </th>
                <th scope="col" class="number">
                  {m.dues}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.tiers.map((line) => (
                <tr>
                  <th scope="row">{lineName(line)}</th>
                  <td class="number">{formatNumber(locale, line.memberCount)}</td>
                  <td class="number">{reportMoneyText(locale, line.revenue)}</td>
                  <td class="number">
                    {line.duesExpected
                      ? reportMoneyText(locale, line.duesExpected)
                      : commonMessages[locale].none}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{m.total}</th>
                <td class="number">{formatNumber(locale, report.totals.memberCount)}</td>
                <td class="number">{reportMoneyText(locale, report.totals.revenue)}</td>
                <td class="number">{reportMoneyText(locale, report.totals.duesExpected)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <BarChart
          id="tier-chart"
          title={m.membersChart}
          bars={report.tiers.map((line) => ({
            label: lineName(line),
            value: line.memberCount,
            shown: formatNumber(locale, line.memberCount),
          }))}
        />
        <BarChart
          id="tier-revenue-chart"
          title={m.revenue}
          bars={report.tiers.map((line) => ({
            label: lineName(line),
            value: moneyValue(line.revenue),
            shown: reportMoneyText(locale, line.revenue),
          }))}
        />
      </article>,
      { title: m.tiers, section: 'reports' },
    );
  });

  app.get('/console/reports/pipeline', async (c) => {
    const locale = c.get('locale');
    const m = reportText[locale];
    const query = c.req.query('asOf');
    const asked = query && /^\d{4}-\d{2}-\d{2}$/.test(query) ? query : undefined;
    // A date some currency had no rate on: the report as of today, and why (the API's 422).
    let noRate: string | undefined;
    const report = await readPipelineReport(deps.app, asked).catch((error: unknown) => {
      if (!(error instanceof ValidationError) || !asked) throw error;
      noRate = asked;
      return readPipelineReport(deps.app);
    });
    if (noRate) c.status(422);
    const campaigns = await campaignNames(
      deps.app.db,
      report.byCampaign.map((line) => line.key),
    );
    const table = (
      caption: string,
      keyName: string,
      lines: typeof report.byStage,
      label: (k: string) => Child,
    ) => (
      <PipelineTable
        caption={caption}
        keyName={keyName}
        lines={lines}
        currency={report.currency}
        label={label}
        locale={locale}
        byStage={lines === report.byStage}
      />
    );
    const stage = (key: string) => stageName(locale, key as LeadStage);
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <ReportTabs locale={locale} current="pipeline" />
        <h2>{m.pipelineTitle}</h2>
        <form method="get" action="/console/reports/pipeline">
          <fieldset role="group">
            <input type="date" name="asOf" value={report.asOf} aria-label={m.reportDate} />
            <button type="submit">{m.show}</button>
          </fieldset>
        </form>
        {noRate ? <p role="alert">{m.noRateOn(formatDate(locale, noRate))}</p> : null}
        <p>{m.asOf(formatDate(locale, report.asOf))}</p>
        <section aria-labelledby="by-stage">
          <h3 id="by-stage">{m.byStage}</h3>
          {table(m.byStage, m.stage, report.byStage, stage)}
          <BarChart
            id="stage-chart"
            title={m.leadsChart}
            bars={report.byStage.map((line) => ({
              label: stage(line.key),
              value: line.leads,
              shown: formatNumber(locale, line.leads),
            }))}
          />
        </section>
        <section aria-labelledby="funnel">
          <h3 id="funnel">{m.funnel}</h3>
          <p>{m.funnelNote(stageName(locale, 'won'), stageName(locale, 'contacted'))}</p>
          <ListTable
            columns={[m.stage, [m.entered, 'number'], [m.movedOn, 'number'], [m.movedOnShare, 'number']]}
          >
            {report.funnel.map((step) => (
              <tr>
                <th scope="row">{stage(step.stage)}</th>
                <td class="number">{formatNumber(locale, step.entered)}</td>
                <td class="number">{formatNumber(locale, step.movedOn)}</td>
                <td class="number">{formatPercent(locale, step.conversion)}</td>
              </tr>
            ))}
          </ListTable>
        </section>
        <section aria-labelledby="by-source">
          <h3 id="by-source">{m.bySource}</h3>
          {report.bySource.length === 0 ? (
            <p>{m.noLines}</p>
          ) : (
            table(m.bySource, m.source, report.bySource, (key) => m[`source-${key}` as 'source-event'] ?? key)
          )}
        </section>
        <section aria-labelledby="by-country">
          <h3 id="by-country">{m.byCountry}</h3>
          {report.byCountry.length === 0 ? (
            <p>{m.noLines}</p>
          ) : (
            table(m.byCountry, m.country, report.byCountry, (key) => countryName(key, locale))
          )}
        </section>
        <section aria-labelledby="by-topic">
          <h3 id="by-topic">{m.byTopic}</h3>
          {report.byTopic.length === 0 ? (
            <p>{m.noLines}</p>
          ) : (
            table(m.byTopic, m.topic, report.byTopic, (key) => topicName(key, locale))
          )}
        </section>
        <section aria-labelledby="by-campaign">
          <h3 id="by-campaign">{m.byCampaign}</h3>
          {report.byCampaign.length === 0 ? (
            <p>{m.noLines}</p>
          ) : (
            table(m.byCampaign, m.campaign, report.byCampaign, (key) => {
              const campaign = campaigns.get(key);
              // A deleted draft brought no lead; an id without its campaign stays as the id.
              return campaign ? (
                <a href={`/console/campaigns/${key}`}>{campaign.name}</a>
              ) : (
                <code>{key}</code>
              );
            })
          )}
        </section>
        <section aria-labelledby="days-per-stage">
          <h3 id="days-per-stage">{m.daysPerStage}</h3>
          <div class="overflow-auto">
            <table class="striped">
              <thead>
                <tr>
                  <th scope="col">{m.stage}</th>
                  {(report.daysPerStage[0]?.buckets ?? []).map((bucket) => (
                    <th scope="col" class="number">
                      {m.daysRange(bucket.fromDays, bucket.toDays)}
                    </th>
                  ))}
                  <th scope="col" class="number">
                    {m.left}
                  </th>
                  <th scope="col" class="number">
                    {m.median}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.daysPerStage.map((line) => (
                  <tr>
                    <th scope="row">{stage(line.stage)}</th>
                    {line.buckets.map((bucket) => (
                      <td class="number">{formatNumber(locale, bucket.leads)}</td>
                    ))}
                    <td class="number">{formatNumber(locale, line.left)}</td>
                    <td class="number">
                      {line.median
                        ? m.daysRange(line.median.fromDays, line.median.toDays)
                        : commonMessages[locale].none}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </article>,
      { title: m.pipeline, section: 'reports' },
    );
  });

  app.get('/console/reports/events', async (c) => {
    const locale = c.get('locale');
    const m = reportText[locale];
    const cursor = c.req.query('cursor');
    const page = await pageFrom(deps.app.cursors, 'events', cursor, (startKey) =>
      events.list({ limit: 50, startKey }),
    );
    const next = page.nextCursor;
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <ReportTabs locale={locale} current="events" />
        <h2>{m.eventsTitle}</h2>
        {page.items.length === 0 ? (
          <p>{m.noLines}</p>
        ) : (
          <ul>
            {page.items.map((event) => (
              <li>
                <a href={`/console/reports/events/${event.id}`}>{textIn(event.name, locale)}</a> ·{' '}
                {eventDates(event, locale)} · {eventStateLabels[locale][event.state]}
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <a href={`/console/reports/events?cursor=${encodeURIComponent(next)}`}>
            {commonMessages[locale].next}
          </a>
        ) : null}
      </article>,
      { title: m.eventsTitle, section: 'reports' },
    );
  });

  app.get(`/console/reports/events/:id{${ulidPattern}}`, async (c) => {
    const locale = c.get('locale');
    const m = reportText[locale];
    const id = c.req.param('id');
    // eventReport answers 404 for an unknown event; the event itself is read beside it.
    const [event, report] = await Promise.all([events.event(id), eventReport(id, events, leads)]);
    if (!event) throw new NotFoundError(`No event ${id}.`);
    const name = textIn(event.name, locale);
    return c.render(
      <article>
        <h1>{m.eventReport(name)}</h1>
        <ReportTabs locale={locale} current={undefined} />
        <p>
          <a href={`/console/events/${id}`}>{name}</a> · {eventDates(event, locale)} ·{' '}
          {eventStateLabels[locale][event.state]}
        </p>
        <EventReportView report={report} locale={locale} level={2} />
      </article>,
      { title: m.eventReport(name), section: 'reports' },
    );
  });

  return app;
}
