import { Hono } from 'hono';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import { auditActor } from '../../audit-actor.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { defineMessages, plural } from '../../i18n/messages.ts';
import { roleName } from '../../i18n/role-names.ts';
import { requireAdmin } from '../../require-admin.ts';
import type { StaffDirectory } from '../../session/staff-directory.ts';
import { checkStaffRoster } from '../../staff-roster-check.ts';

const text = defineMessages({
  en: {
    intro:
      'Everyone who has signed in to the console. Someone who has left is no longer offered as a lead’s owner, and keeps their name on what they did; signing in again as staff brings them back.',
    name: 'Name',
    role: 'Role',
    signedIn: 'Last signed in',
    status: 'Status',
    action: 'Action',
    current: 'Current',
    left: (when: string) => `Left on ${when}`,
    leave: 'Mark as left',
    restore: 'Restore',
    leaveLabel: (name: string) => `Mark as left: ${name}`,
    confirmLeave: (name: string) =>
      `Mark ${name} as no longer staff? They are no longer offered as a lead’s owner.`,
    restoreLabel: (name: string) => `Restore: ${name}`,
    you: '(you)',
    empty: 'Nobody has signed in yet.',
    leftDone: (name: string) => `${name} is marked as no longer staff.`,
    restoredDone: (name: string) => `${name} is staff again.`,
    checkIntro:
      'The sign-in service’s staff and admin groups decide who is staff. Check the list against them to mark as left everyone taken out of the groups, including those who have not signed in since. The same check runs by itself every day just after midnight UTC.',
    check: 'Check against the sign-in service',
    checked: (count: number) =>
      plural('en', count, {
        one: 'Checked: # person is no longer in the staff groups and is marked as left.',
        other: 'Checked: # people are no longer in the staff groups and are marked as left.',
      }),
    checkedNone: 'Checked: everyone on the list is still in the staff groups.',
    checkEmpty:
      'The sign-in service lists nobody in the staff groups, so nothing was changed. Check its groups.',
  },
  ru: {
    intro:
      'Все, кто входил в консоль. Ушедшего сотрудника нельзя назначить ответственным за сделку; его действия в истории остаются под его именем. Если он снова войдёт как сотрудник, он вернётся в список.',
    name: 'Имя',
    role: 'Роль',
    signedIn: 'Последний вход',
    status: 'Статус',
    action: 'Действие',
    current: 'В штате',
    left: (when: string) => `Не в штате с ${when}`,
    leave: 'Отметить уход',
    restore: 'Вернуть',
    leaveLabel: (name: string) => `Отметить уход: ${name}`,
    confirmLeave: (name: string) =>
      `Отметить, что ${name} больше не в штате? Этого сотрудника больше нельзя будет назначить ответственным за сделку.`,
    restoreLabel: (name: string) => `Вернуть: ${name}`,
    you: '(вы)',
    empty: 'В консоль ещё никто не входил.',
    leftDone: (name: string) => `${name}: отмечено, что больше не в штате.`,
    restoredDone: (name: string) => `${name} снова в штате.`,
    checkIntro:
      'Кто в штате, решают группы сотрудников и администраторов (staff и admin) в сервисе входа. Сверьте список с ними, чтобы отметить уход всех, кого исключили из групп, в том числе тех, кто с тех пор не входил. Такая же сверка проходит сама каждый день вскоре после полуночи по UTC.',
    check: 'Сверить с сервисом входа',
    checked: (count: number) =>
      plural('ru', count, {
        one: 'Сверено: # человек больше не состоит в группах сотрудников, отмечен уход.',
        few: 'Сверено: # человека больше не состоят в группах сотрудников, отмечен уход.',
        many: 'Сверено: # человек больше не состоят в группах сотрудников, отмечен уход.',
        other: 'Сверено: # человека больше не состоят в группах сотрудников, отмечен уход.',
      }),
    checkedNone: 'Сверено: все в списке по-прежнему состоят в группах сотрудников.',
    checkEmpty:
      'Сервис входа не показал никого в группах сотрудников, поэтому ничего не изменено. Проверьте его группы.',
  },
  vi: {
    intro:
      'Tất cả những người đã đăng nhập bảng điều khiển. Người đã nghỉ không còn được đề xuất làm người phụ trách cơ hội hợp tác, và tên của họ vẫn gắn với những gì họ đã làm; đăng nhập lại với vai trò nhân viên sẽ khôi phục họ.',
    name: 'Tên',
    role: 'Vai trò',
    signedIn: 'Đăng nhập lần cuối',
    status: 'Trạng thái',
    action: 'Thao tác',
    current: 'Đang làm việc',
    left: (when: string) => `Đã nghỉ từ ${when}`,
    leave: 'Đánh dấu đã nghỉ',
    restore: 'Khôi phục',
    leaveLabel: (name: string) => `Đánh dấu đã nghỉ: ${name}`,
    confirmLeave: (name: string) =>
      `Đánh dấu ${name} đã nghỉ? Người này sẽ không còn được chọn làm người phụ trách cơ hội hợp tác.`,
    restoreLabel: (name: string) => `Khôi phục: ${name}`,
    you: '(bạn)',
    empty: 'Chưa có ai đăng nhập.',
    leftDone: (name: string) => `${name} đã được đánh dấu là không còn là nhân viên.`,
    restoredDone: (name: string) => `${name} lại là nhân viên.`,
    checkIntro:
      'Nhóm staff và admin của dịch vụ đăng nhập quyết định ai là nhân viên. Đối chiếu danh sách với các nhóm này để đánh dấu đã nghỉ cho mọi người đã bị đưa ra khỏi nhóm, kể cả những người chưa đăng nhập lại. Việc đối chiếu này cũng tự chạy mỗi ngày, ngay sau nửa đêm giờ UTC.',
    check: 'Đối chiếu với dịch vụ đăng nhập',
    checked: (count: number) =>
      plural('vi', count, {
        other: 'Đã đối chiếu: # người không còn trong nhóm nhân viên và đã được đánh dấu là đã nghỉ.',
      }),
    checkedNone: 'Đã đối chiếu: mọi người trong danh sách vẫn ở trong nhóm nhân viên.',
    checkEmpty:
      'Dịch vụ đăng nhập không liệt kê ai trong nhóm nhân viên, nên không có gì thay đổi. Hãy kiểm tra các nhóm của dịch vụ.',
  },
});

/** The user id a roster form names: present and short, or the request is refused before any read. */
function subOf(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) {
    throw new BadRequestError('Name a staff user.');
  }
  return value;
}

/**
 * The staff roster, for admins: who has signed in, and who has left. Marking someone as left takes
 * them off the owner choices (their groups in the identity provider are the admin's to change there:
 * the console re-reads a signed-in user's groups and marks them left by itself when the groups no
 * longer make them staff, and the check below, run by an admin here and daily by the job worker, does
 * the same for everyone on the roster at once).
 */
export function staffPages(deps: ConsolePageDeps, directory: StaffDirectory | undefined) {
  const app = new Hono<ConsoleEnv>();
  app.use('/console/staff', requireAdmin);
  app.use('/console/staff/*', requireAdmin);

  app.get('/console/staff', async (c) => {
    const locale = c.get('locale');
    const m = text[locale];
    const common = commonMessages[locale];
    const self = c.get('session').sub;
    const roster = await deps.roster.read();
    const done = c.req.query('left') ?? c.req.query('restored');
    const doneName = done !== undefined && roster.has(done) ? roster.nameOf(done) : undefined;
    const checkedQuery = c.req.query('checked');
    const checked = checkedQuery && /^\d{1,6}$/.test(checkedQuery) ? Number(checkedQuery) : undefined;
    return c.render(
      <article>
        <h1>{common.staff}</h1>
        <p>{m.intro}</p>
        {doneName !== undefined ? (
          <p role="status">{c.req.query('left') ? m.leftDone(doneName) : m.restoredDone(doneName)}</p>
        ) : null}
        {checked !== undefined ? (
          <p role="status">{checked === 0 ? m.checkedNone : m.checked(checked)}</p>
        ) : null}
        {c.req.query('unlisted') !== undefined ? <p role="alert">{m.checkEmpty}</p> : null}
        {directory ? (
          <form method="post" action="/console/staff/check">
            <p>
              <small>{m.checkIntro}</small>
            </p>
            <button type="submit" class="secondary">
              {m.check}
            </button>
          </form>
        ) : null}
        <ListTable
          count={roster.users.length}
          empty={m.empty}
          columns={[m.name, m.role, m.signedIn, m.status, m.action]}
        >
          {[...roster.current, ...roster.former].map((user) => (
            <tr>
              <td>
                {user.name} {user.sub === self ? m.you : null}
              </td>
              <td>{roleName(locale, user.role)}</td>
              <td>{formatDateTime(locale, user.signedInAt)}</td>
              <td>{user.leftAt === undefined ? m.current : m.left(formatDateTime(locale, user.leftAt))}</td>
              <td>
                {user.sub === self ? null : (
                  <form
                    method="post"
                    action={`/console/staff/${user.leftAt === undefined ? 'leave' : 'restore'}`}
                  >
                    <input type="hidden" name="sub" value={user.sub} />
                    <button
                      type="submit"
                      class="secondary"
                      data-confirm={user.leftAt === undefined ? m.confirmLeave(user.name) : undefined}
                      aria-label={
                        user.leftAt === undefined ? m.leaveLabel(user.name) : m.restoreLabel(user.name)
                      }
                    >
                      {user.leftAt === undefined ? m.leave : m.restore}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      </article>,
      { title: common.staff, section: 'staff' },
    );
  });

  app.post('/console/staff/leave', async (c) => {
    const body = await c.req.parseBody();
    const sub = subOf(body.sub);
    if (!wasConfirmed(body)) {
      const locale = c.get('locale');
      const m = text[locale];
      const roster = await deps.roster.read();
      if (!roster.has(sub)) throw new NotFoundError(`No staff user ${sub} has signed in to the console.`);
      return c.render(
        <article>
          <h1>{m.leave}</h1>
          <ConfirmFirst
            question={m.confirmLeave(roster.nameOf(sub))}
            action="/console/staff/leave"
            fields={{ sub }}
            yes={m.leave}
            back={{ href: '/console/staff', label: commonMessages[locale].cancel }}
          />
        </article>,
        { title: m.leave, section: 'staff' },
      );
    }
    if (await deps.roster.leave(sub, deps.app.clock().toISOString()))
      await deps.audit.record({ action: 'staff-left', actor: auditActor(c), staffSub: sub });
    return c.redirect(`/console/staff?left=${encodeURIComponent(sub)}`, 303);
  });

  app.post('/console/staff/restore', async (c) => {
    const sub = subOf((await c.req.parseBody()).sub);
    await deps.roster.restore(sub);
    await deps.audit.record({ action: 'staff-restored', actor: auditActor(c), staffSub: sub });
    return c.redirect(`/console/staff?restored=${encodeURIComponent(sub)}`, 303);
  });

  if (directory) {
    app.post('/console/staff/check', async (c) => {
      const outcome = await checkStaffRoster(
        { directory, roster: deps.roster, audit: deps.audit, clock: deps.app.clock },
        auditActor(c),
        c.get('session').sub,
      );
      return c.redirect(
        outcome.unlisted ? '/console/staff?unlisted' : `/console/staff?checked=${outcome.left}`,
        303,
      );
    });
  }

  return app;
}
