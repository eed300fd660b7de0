import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { type AuditEntry, auditCounts, monthOf } from '../../../audit/audit-log.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Person } from '../../components/person.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { defineMessages } from '../../i18n/messages.ts';
import { roleName } from '../../i18n/role-names.ts';
import { requireAdmin } from '../../require-admin.ts';
import { rosterCheckActor } from '../../staff-roster-check.ts';
import { exportFilterWords } from './export-filter-words.ts';

const text = defineMessages({
  en: {
    title: 'Audit log',
    month: 'Month',
    show: 'Show',
    when: 'When',
    who: 'Who',
    action: 'Action',
    details: 'Details',
    openView: 'Open this view',
    allMembers: 'All members (no filter)',
    rows: 'Rows',
    outcome: 'Outcome',
    empty: 'Nothing recorded in this month.',
    'sign-in': 'Signed in',
    'mfa-enrolment': 'Two-step sign-in turned on',
    export: 'CSV export',
    'bulk-status': 'Bulk status change',
    'bulk-export': 'Bulk export',
    import: 'CSV import',
    'staff-left': 'Marked as no longer staff',
    'staff-restored': 'Restored to staff',
    rosterCheck: 'Daily check against the sign-in service',
    created: 'created',
    updated: 'updated',
    changed: 'changed',
    unchanged: 'unchanged',
    rejected: 'rejected',
    failed: 'failed',
    exported: 'exported',
    count: (count: string, what: string) => `${count} ${what}`,
    queued: (job: string) => `queued as job ${job}`,
  },
  ru: {
    title: 'Журнал аудита',
    month: 'Месяц',
    show: 'Показать',
    when: 'Когда',
    who: 'Кто',
    action: 'Действие',
    details: 'Подробности',
    openView: 'Открыть эту выборку',
    allMembers: 'Все участники (без фильтров)',
    rows: 'Число строк',
    outcome: 'Итог',
    empty: 'В этом месяце записей нет.',
    'sign-in': 'Вход',
    'mfa-enrolment': 'Включён двухэтапный вход',
    export: 'Выгрузка CSV',
    'bulk-status': 'Массовая смена статуса',
    'bulk-export': 'Массовая выгрузка',
    import: 'Загрузка CSV',
    'staff-left': 'Отмечен уход сотрудника',
    'staff-restored': 'Сотрудник возвращён в штат',
    rosterCheck: 'Ежедневная сверка с сервисом входа',
    created: 'создано',
    updated: 'обновлено',
    changed: 'изменено',
    unchanged: 'без изменений',
    rejected: 'отклонено',
    failed: 'с ошибкой',
    exported: 'выгружено',
    count: (count: string, what: string) => `${what}: ${count}`,
    queued: (job: string) => `поставлена в очередь (задание ${job})`,
  },
  vi: {
    title: 'Nhật ký hoạt động',
    month: 'Tháng',
    show: 'Xem',
    when: 'Thời điểm',
    who: 'Người thực hiện',
    action: 'Thao tác',
    details: 'Chi tiết',
    openView: 'Mở danh sách này',
    allMembers: 'Tất cả hội viên (không lọc)',
    rows: 'Số dòng',
    outcome: 'Kết quả',
    empty: 'Không có bản ghi nào trong tháng này.',
    'sign-in': 'Đăng nhập',
    'mfa-enrolment': 'Bật đăng nhập hai bước',
    export: 'Xuất CSV',
    'bulk-status': 'Đổi trạng thái hàng loạt',
    'bulk-export': 'Xuất hàng loạt',
    import: 'Nhập CSV',
    'staff-left': 'Đánh dấu không còn là nhân viên',
    'staff-restored': 'Khôi phục làm nhân viên',
    rosterCheck: 'Đối chiếu hằng ngày với dịch vụ đăng nhập',
    created: 'đã tạo',
    updated: 'đã cập nhật',
    changed: 'đã đổi',
    unchanged: 'không đổi',
    rejected: 'bị từ chối',
    failed: 'thất bại',
    exported: 'đã xuất',
    count: (count: string, what: string) => `${what}: ${count}`,
    queued: (job: string) => `đã đưa vào hàng đợi, tác vụ ${job}`,
  },
});

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

/** The audit log, for admins: one month at a time, newest first. */
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
    const cursors = await deps.app.cursors();
    const [page, roster] = await Promise.all([
      deps.audit.list(month, {
        limit: 100,
        ...(c.req.query('cursor') ? { cursor: c.req.query('cursor') } : {}),
        cursors,
      }),
      deps.roster.read(),
    ]);
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <form method="get" action="/console/audit">
          <label for="audit-month">{m.month}</label>
          <fieldset role="group">
            <input type="month" id="audit-month" name="month" value={month} />
            <button type="submit">{m.show}</button>
          </fieldset>
        </form>
        <ListTable
          count={page.entries.length}
          empty={m.empty}
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
                ) : entry.filter || entry.action === 'export' ? (
                  <>
                    {entry.filter ? exportFilterWords(entry.filter, locale).join(' · ') : m.allMembers}{' '}
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
        {page.next ? (
          <a href={`/console/audit?month=${month}&cursor=${encodeURIComponent(page.next)}`}>{common.next}</a>
        ) : null}
      </article>,
      { title: m.title, section: 'audit' },
    );
  });
  return app;
}
