import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { AuditCounts } from '../../../audit/audit-log.ts';
import { forEachBounded } from '../../../concurrency/for-each-bounded.ts';
import { type Member, ulidSchema } from '../../../domain/member-schema.ts';
import { toProblem } from '../../../http/problem.ts';
import { type Actor, actorOf } from '../../../members/actor.ts';
import { editMember } from '../../../members/member-patch.ts';
import { logger } from '../../../observability/logger.ts';
import { auditActor } from '../../audit-actor.ts';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { csvDelimiters, type Locale } from '../../i18n/locales.ts';
import { countryName } from '../../i18n/names.ts';
import { safeReturnPath, withQuery } from '../../session/session-cookies.ts';
import { bulkStatuses } from './directory-components.tsx';
import { type DirectoryText, directoryMessages } from './directory-messages.ts';
import { refusal } from './directory-parts.tsx';
import type { DirectoryServices } from './directory-services.ts';
import { statusLabel } from './directory-view.ts';

/** Members one bulk action may take: a page of the directory is 50, two pages at most. */
export const maxBulkMembers = 100;
/** Members read or changed at once: each is a few reads and one transaction. */
const bulkConcurrency = 8;

type BulkStatus = (typeof bulkStatuses)[number];

type MemberResult =
  | { id: string; name: string; outcome: 'changed' | 'unchanged' }
  | { id: string; name: string; outcome: 'failed'; status: number; detail: string };

/**
 * One member's status changed as `PATCH /v1/members/{id}` changes it (editMember: authorization first,
 * so only an admin reinstates a resigned member), at the version read just before. Every failure is a
 * result, a server error's too (logged, its detail kept out of the page): the members already changed
 * must still be reported and audited.
 */
async function changeStatus(
  services: DirectoryServices,
  id: string,
  status: BulkStatus,
  actor: Actor,
): Promise<MemberResult> {
  let name = id;
  try {
    const current = await services.service.get(id, { consistent: true });
    name = current.name;
    const edit = { members: services.service, accounts: services.accounts };
    const after = await editMember(edit, id, { status }, actor, () => current.version);
    return { id, name, outcome: after.version === current.version ? 'unchanged' : 'changed' };
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      logger.error('bulk status change failed', { status: problem.status, error: error as Error });
      return { id, name, outcome: 'failed', status: problem.status, detail: '' };
    }
    return { id, name, outcome: 'failed', status: problem.status, detail: problem.detail };
  }
}

function reasonOf(
  m: DirectoryText,
  common: (typeof commonMessages)[Locale],
  result: Extract<MemberResult, { outcome: 'failed' }>,
): string {
  if (result.status === 503) return common.unavailable;
  if (result.status >= 500) return common.error;
  if (result.status === 403) return m.reasonForbidden;
  if (result.status === 404) return m.reasonNotFound;
  if (result.status === 409 || result.status === 412) return m.reasonConflict;
  return `${m.reasonInvalid} ${result.detail}`;
}

/** The audit log's counts: those that are not zero. */
function auditCountsOf(results: readonly MemberResult[]): AuditCounts {
  const counts: AuditCounts = {};
  for (const { outcome } of results) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

const ChosenMembers: FC<{ locale: Locale; members: readonly (Member | { id: string })[] }> = ({
  locale,
  members,
}) => {
  const m = directoryMessages[locale];
  return (
    <ListTable columns={[m.name, m.country, m.status]}>
      {members.map((member) =>
        'name' in member ? (
          <tr>
            <th scope="row">{member.name}</th>
            <td>{countryName(member.country, locale)}</td>
            <td>{statusLabel(m, member.status)}</td>
          </tr>
        ) : (
          <tr>
            <th scope="row">
              <code>{member.id}</code>
            </th>
            <td colspan={2}>{m.reasonNotFound}</td>
          </tr>
        ),
      )}
    </ListTable>
  );
};

/**
 * Bulk actions on the members chosen in the directory: a status change or a CSV of them. Each goes
 * through a confirmation page rendered by the server (it lists the members and the action), and
 * only its Confirm, posted with `confirmed=1`, acts.
 */
export function directoryBulkPages(deps: ConsolePageDeps, services: DirectoryServices) {
  const app = new Hono<ConsoleEnv>();

  app.post('/console/members/bulk', async (c) => {
    const locale = c.get('locale');
    const m = directoryMessages[locale];
    const common = commonMessages[locale];
    const form = await c.req.parseBody({ all: true });
    const back = safeReturnPath(form.return);
    const given = [form.id ?? []].flat().filter((v): v is string => typeof v === 'string');
    const ids = [...new Set(given)];
    const action = form.action === 'export' ? 'export' : form.action === 'status' ? 'status' : undefined;
    const status = bulkStatuses.find((s) => s === form.status);
    // Nothing ticked: back to the list, which says so, rather than to a page with nothing to confirm.
    if (ids.length === 0) return c.redirect(withQuery(back, 'notice=none-selected'), 303);
    if (ids.length > maxBulkMembers) {
      return refusal(c, 400, { title: m.confirmTitle, message: m.tooMany(maxBulkMembers), back });
    }
    if (!action || (action === 'status' && !status) || ids.some((id) => !ulidSchema.safeParse(id).success)) {
      return refusal(c, 400, { title: m.confirmTitle, message: m.noneSelected, back });
    }

    if (form.confirmed !== '1') {
      const members: (Member | { id: string })[] = new Array(ids.length);
      await forEachBounded(
        ids.map((id, i) => ({ id, i })),
        bulkConcurrency,
        async ({ id, i }) => {
          members[i] = (await services.members.get(id)) ?? { id };
        },
      );
      return c.render(
        <article>
          <h1>{m.confirmTitle}</h1>
          <p>
            {action === 'status' && status
              ? m.confirmStatus(statusLabel(m, status), ids.length)
              : m.confirmExport(ids.length)}
          </p>
          <ChosenMembers locale={locale} members={members} />
          <form method="post" action="/console/members/bulk">
            {ids.map((id) => (
              <input type="hidden" name="id" value={id} />
            ))}
            <input type="hidden" name="action" value={action} />
            {status ? <input type="hidden" name="status" value={status} /> : null}
            <input type="hidden" name="return" value={back} />
            <input type="hidden" name="confirmed" value="1" />
            {action === 'export' ? <p>{m.exportNote}</p> : null}
            <button type="submit">{action === 'export' ? m.downloadCsv : common.confirm}</button>{' '}
            <a href={back}>{action === 'export' ? m.backToList : common.cancel}</a>
          </form>
        </article>,
        { title: m.confirmTitle, section: 'members' },
      );
    }

    const actor = actorOf(c.get('principal'));
    if (action === 'export') {
      const { csv, rows } = await services.csv.exportMembers(ids, csvDelimiters[c.get('locale')]);
      await deps.audit.record({
        action: 'bulk-export',
        actor: auditActor(c),
        memberIds: ids,
        rows,
        counts: { exported: rows },
      });
      const day = deps.app.clock().toISOString().slice(0, 10);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="members-selected-${day}.csv"`,
      });
    }

    const results: MemberResult[] = [];
    const count = (outcome: MemberResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
    try {
      await forEachBounded(ids, bulkConcurrency, async (id) => {
        results.push(await changeStatus(services, id, status!, actor));
      });
      results.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    } finally {
      // Whatever stopped the loop, the members changed so far are on record.
      await deps.audit.record({
        action: 'bulk-status',
        actor: auditActor(c),
        memberIds: ids,
        // The members it was applied to; the counts say what came of each.
        rows: ids.length,
        counts: auditCountsOf(results),
      });
    }
    return c.render(
      <article>
        <h1>{m.resultsTitle}</h1>
        <p role="status">{m.summary(count('changed'), count('unchanged'), count('failed'))}</p>
        <ListTable columns={[m.name, m.result, m.reason]}>
          {results.map((result) => (
            <tr>
              <th scope="row">
                <a href={`/console/members/${result.id}`}>{result.name}</a>
              </th>
              <td>{m[result.outcome]}</td>
              <td>{result.outcome === 'failed' ? reasonOf(m, common, result) : common.none}</td>
            </tr>
          ))}
        </ListTable>
        <p>
          <a href={back}>{m.backToList}</a>
        </p>
      </article>,
      { title: m.resultsTitle, section: 'members' },
    );
  });

  return app;
}
