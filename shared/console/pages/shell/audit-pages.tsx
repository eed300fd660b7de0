import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { type AuditEntry, auditCounts, monthOf } from '../../../audit/audit-log.ts';
import { listAuditMonth } from '../../../audit/audit-month.ts';
import { readTierTable } from '../../../settings/tier-table-read.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Person } from '../../components/person.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { roleName } from '../../i18n/role-names.ts';
import { requireAdmin } from '../../require-admin.ts';
import { rosterCheckActor } from '../../staff-roster-check.ts';
import { AuditFilterForm, AuditFilterSummary, auditFilterOf, auditPath } from './audit-filters.tsx';
import { auditMessages as text } from './audit-messages.ts';
import { exportFilterWords, namesTier } from './export-filter-words.ts';

/** Entries per page: a month's sign-ins alone are a few hundred, so a page stays short to read. */
const pageSize = 100;

/**
 * An entry's outcome in the reader's language: its counts, the import job it was queued as (linked to
 * the job's report), or the text older entries hold.
 */
const Outcome: FC<{ locale: Locale; entry: AuditEntry }> = ({ locale, entry }) => {
  const m = text[locale];
  const { counts, jobId } = entry;
  if (jobId)
    return <a href={`/console/members/import/jobs/${encodeURIComponent(jobId)}`}>{m.queued(jobId)}</a>;
  const said = counts
    ? auditCounts
        .flatMap((name) =>
          counts[name] === undefined ? [] : [m.count(formatNumber(locale, counts[name]), m[name])],
        )
        .join(', ')
    : entry.outcome;
  return <>{said || commonMessages[locale].none}</>;
};

/**
 * The audit log, for admins: one month at a time, newest first, all of it or one action's or one
 * person's entries (a FilterExpression on the month's Query: never a Scan).
 */
export function auditPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  app.use('/console/audit', requireAdmin);
  app.get('/console/audit', async (c) => {
    const locale = c.get('locale');
    const m = text[locale];
    const common = commonMessages[locale];
    const asked = c.req.query('month');
    const month =
      asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : monthOf(deps.app.clock().toISOString());
    const filter = auditFilterOf({ action: c.req.query('action'), who: c.req.query('who') });
    const filtered = Boolean(filter.action || filter.actorSub);
    const cursors = await deps.app.cursors();
    const [page, roster] = await Promise.all([
      listAuditMonth(deps.app.db, month, {
        limit: pageSize,
        cursor: c.req.query('cursor') || undefined,
        cursors,
        filter,
      }),
      deps.roster.read(),
    ]);
    // Only an export filtered by tier names one: the tier table is read for those pages alone.
    const tiers = page.entries.some((entry) => entry.filter && namesTier(entry.filter))
      ? (await readTierTable(deps.app.db)).tiers
      : [];
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <AuditFilterForm locale={locale} month={month} filter={filter} roster={roster} />
        <AuditFilterSummary locale={locale} month={month} filter={filter} roster={roster} />
        <ListTable
          count={page.entries.length}
          empty={!filtered ? m.empty : page.next ? m.searchOn : m.emptyFiltered}
          columns={[m.when, m.who, m.action, m.details, m.rows, m.outcome]}
        >
          {page.entries.map((entry) => (
            <tr>
              <td>{formatDateTime(locale, entry.at)}</td>
              <td>
                <Person
                  sub={entry.actor.sub}
                  roster={roster}
                  name={entry.actor.sub === rosterCheckActor.sub ? m.rosterCheck : undefined}
                />{' '}
                ({roleName(locale, entry.actor.role)})
              </td>
              <td>{m[entry.action]}</td>
              <td>
                {entry.staffSub ? (
                  <Person sub={entry.staffSub} roster={roster} />
                ) : entry.company ? (
                  <a href={`/console/${entry.company.kind}s/${entry.company.id}`}>
                    {entry.company.kind === 'member' ? m.memberRecord : m.partnerRecord}
                  </a>
                ) : entry.filter || entry.action === 'export' ? (
                  <>
                    {entry.filter ? exportFilterWords(entry.filter, locale, tiers).join(' · ') : m.allMembers}{' '}
                    <a href={entry.filter ? `/console/members?${entry.filter}` : '/console/members'}>
                      {m.openView}
                    </a>
                  </>
                ) : (
                  common.none
                )}
              </td>
              <td>{entry.rows !== undefined ? formatNumber(locale, entry.rows) : common.none}</td>
              <td>
                <Outcome locale={locale} entry={entry} />
              </td>
            </tr>
          ))}
        </ListTable>
        {page.next ? <a href={auditPath(month, filter, page.next)}>{common.next}</a> : null}
      </article>,
      { title: m.title, section: 'audit' },
    );
  });
  return app;
}
