import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { textIn } from '../../../domain/languages.ts';
import type { Event, Meeting } from '../../../events/event-schema.ts';
import type { EventServices } from '../../../events/event-services.ts';
import { slotsOf } from '../../../events/event-slots.ts';
import { interpreterPlanOf } from '../../../events/interpreter-plan.ts';
import { zoneLabel } from '../../../events/zone-names.ts';
import { JobRepository, type ScheduleJob } from '../../../jobs/job-repository.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import { requiredFormVersion } from '../../components/form-fields.tsx';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime, formatTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { defineMessages, plural } from '../../i18n/messages.ts';
import { companyName, spokenLanguageName } from '../../i18n/names.ts';
import { pollAttributes } from '../../session/session-middleware.ts';
import { isUlid } from '../route-patterns.ts';
import { eventText, meetingText } from './event-messages.ts';
import { EventHeader, eventPath, scheduleRecordsOf } from './event-parts.tsx';

const text = defineMessages({
  en: {
    run: 'Make the schedule',
    runLead:
      'Schedule places the accepted requests into slots and tables around the confirmed meetings; Publish does the same, confirms them and sends each participant whose agenda changed its agenda.',
    schedule: 'Schedule',
    publish: 'Publish',
    closesRegistration:
      'Members can then no longer register themselves, whatever the deadline; staff still can register them.',
    confirmPublish: (participants: number) =>
      plural('en', participants, {
        one: 'Publish the schedule? Its meetings are confirmed, and the participant gets the agenda by email now if it changed.',
        other:
          'Publish the schedule? Its meetings are confirmed, and participants whose agenda changed get it by email now (# participants in all).',
      }),
    notSchedulable: 'A schedule is made while the event is open or scheduled.',
    ran: (placed: number, kept: number, unplaced: number) =>
      `Meetings placed: ${placed}; confirmed ones kept: ${kept}; accepted requests without a place: ${unplaced}.`,
    published: 'The schedule is published; agendas are on their way.',
    job: 'The event is large: the schedule runs in the background.',
    jobState: 'State of the run',
    queued: 'Waiting to start',
    running: 'Running',
    succeeded: 'Finished',
    failed: 'Failed',
    refresh: 'Refresh',
    grid: 'Meetings by slot and table',
    caption: (zone: string) => `Times in the event's zone: ${zone}.`,
    slot: 'Slot',
    interpreter: 'Interpreter',
    noMeetings: 'No meeting is placed yet.',
    plan: 'Interpreter plan',
    pairs: 'Language pairs',
    time: 'Time',
    table: 'Table',
    companies: 'Companies',
    languages: 'Languages',
    state: 'State',
    noAssignments: 'No meeting for this interpreter yet.',
    noInterpreters: 'This event has no interpreters.',
  },
  ru: {
    run: 'Составить расписание',
    runLead:
      '«Составить» размещает принятые заявки по слотам и столам вокруг подтверждённых встреч; «Опубликовать» делает то же, подтверждает встречи и рассылает программу каждому участнику, у которого она изменилась.',
    schedule: 'Составить',
    publish: 'Опубликовать',
    closesRegistration:
      'После этого члены ассоциации не смогут зарегистрироваться сами, каким бы ни был срок; сотрудники по-прежнему могут их зарегистрировать.',
    confirmPublish: (participants: number) =>
      `Опубликовать расписание? Встречи будут подтверждены. Программу сразу получат по почте те из ${plural('ru', participants, { one: '# участника', other: '# участников' })}, у кого она изменилась.`,
    notSchedulable: 'Расписание составляется, пока идёт регистрация или расписание опубликовано.',
    ran: (placed: number, kept: number, unplaced: number) =>
      `Размещено встреч: ${placed}, подтверждённых сохранено: ${kept}; не нашлось места для принятых заявок: ${unplaced}.`,
    published: 'Расписание опубликовано; программы отправляются.',
    job: 'Мероприятие большое: расписание составляется в фоне.',
    jobState: 'Состояние расчёта',
    queued: 'Ожидает запуска',
    running: 'Выполняется',
    succeeded: 'Завершён',
    failed: 'Завершился ошибкой',
    refresh: 'Обновить',
    grid: 'Встречи по слотам и столам',
    caption: (zone: string) => `Время в часовом поясе мероприятия: ${zone}.`,
    slot: 'Слот',
    interpreter: 'Переводчик',
    noMeetings: 'Встречи ещё не размещены.',
    plan: 'План переводчиков',
    pairs: 'Языковые пары',
    time: 'Время',
    table: 'Стол',
    companies: 'Компании',
    languages: 'Языки',
    state: 'Состояние',
    noAssignments: 'У этого переводчика пока нет встреч.',
    noInterpreters: 'На этом мероприятии нет переводчиков.',
  },
  vi: {
    run: 'Xếp lịch gặp',
    runLead:
      '“Xếp lịch” đưa các yêu cầu đã chấp nhận vào lượt và bàn, giữ nguyên các cuộc gặp đã xác nhận; “Công bố” làm như vậy, xác nhận các cuộc gặp và gửi lịch cho mỗi đơn vị có lịch thay đổi.',
    schedule: 'Xếp lịch',
    publish: 'Công bố',
    closesRegistration:
      'Sau đó hội viên không tự đăng ký được nữa, dù chưa hết hạn; nhân viên vẫn đăng ký cho họ được.',
    confirmPublish: (participants: number) =>
      plural('vi', participants, {
        other:
          'Công bố lịch? Các cuộc gặp sẽ được xác nhận, và đơn vị nào có lịch thay đổi sẽ nhận lịch qua email ngay (trong số # đơn vị tham gia).',
      }),
    notSchedulable: 'Chỉ xếp lịch khi sự kiện đang mở đăng ký hoặc đã có lịch.',
    ran: (placed: number, kept: number, unplaced: number) =>
      `Cuộc gặp đã xếp: ${placed}; cuộc gặp đã xác nhận được giữ: ${kept}; yêu cầu đã chấp nhận chưa có chỗ: ${unplaced}.`,
    published: 'Lịch đã được công bố; lịch gặp đang được gửi đi.',
    job: 'Sự kiện lớn: lịch được xếp ở chế độ nền.',
    jobState: 'Trạng thái xếp lịch',
    queued: 'Đang chờ',
    running: 'Đang chạy',
    succeeded: 'Hoàn tất',
    failed: 'Thất bại',
    refresh: 'Làm mới',
    grid: 'Cuộc gặp theo lượt và bàn',
    caption: (zone: string) => `Giờ theo múi giờ của sự kiện: ${zone}.`,
    slot: 'Lượt',
    interpreter: 'Phiên dịch',
    noMeetings: 'Chưa xếp cuộc gặp nào.',
    plan: 'Kế hoạch phiên dịch',
    pairs: 'Cặp ngôn ngữ',
    time: 'Thời gian',
    table: 'Bàn',
    companies: 'Doanh nghiệp',
    languages: 'Ngôn ngữ',
    state: 'Trạng thái',
    noAssignments: 'Phiên dịch viên này chưa có cuộc gặp nào.',
    noInterpreters: 'Sự kiện này không có phiên dịch viên.',
  },
});

/**
 * Slots down, tables across: each cell the meeting placed there, by the two companies' names and the
 * delegate each sends (a company with several delegates meets at several tables in one slot).
 */
const ScheduleGrid: FC<{
  event: Event;
  meetings: Meeting[];
  names: Map<string, string>;
  delegates: Map<string, string>;
  locale: Locale;
}> = ({ event, meetings, names, delegates, locale }) => {
  const m = text[locale];
  const side = (meeting: Meeting, company: string) => {
    const contact = meeting.delegates[company];
    const delegate = contact === undefined ? undefined : delegates.get(contact);
    return (
      <>
        {names.get(company) ?? company}
        {delegate ? <small> · {delegate}</small> : null}
      </>
    );
  };
  const at = new Map(meetings.map((meeting) => [`${meeting.slot}|${meeting.table}`, meeting]));
  const interpreters = new Map(event.interpreters.map((i) => [i.id, i.name]));
  // A wide grid scrolls on its own; the keyboard reaches it (its cells hold no link to tab to).
  // The zone's sentence above the box, not as the table's caption: a caption is as wide as the grid
  // and would be cut off at a phone's width.
  return (
    <>
      <p id="grid-caption">{m.caption(zoneLabel(event.timeZone, locale))}</p>
      <section class="overflow-auto" aria-labelledby="grid-caption" tabindex={0}>
        <table class="grid-schedule striped">
          <thead>
            <tr>
              <th scope="col">{m.slot}</th>
              {event.tables.map((table) => (
                <th scope="col">{table.label ?? table.id}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slotsOf(event).map((slot, i, slots) => (
              <tr>
                <th scope="row">
                  {/* The day once, at its first slot; then the time alone. */}
                  <time datetime={slot.start}>
                    {i > 0 && slots[i - 1]!.id.slice(0, 10) === slot.id.slice(0, 10)
                      ? formatTime(locale, slot.start, event.timeZone)
                      : formatDateTime(locale, slot.start, event.timeZone)}
                  </time>
                </th>
                {event.tables.map((table) => {
                  const meeting = at.get(`${slot.id}|${table.id}`);
                  if (!meeting) return <td />;
                  return (
                    <td>
                      {side(meeting, meeting.a)}
                      <br />
                      {side(meeting, meeting.b)}
                      {meeting.state !== 'confirmed' ? (
                        <>
                          <br />
                          <small>{meetingText[locale][meeting.state]}</small>
                        </>
                      ) : null}
                      {meeting.interpreter ? (
                        <>
                          <br />
                          <small>
                            {m.interpreter}: {interpreters.get(meeting.interpreter) ?? meeting.interpreter}
                          </small>
                        </>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
};

/** A background run's state; while it runs, htmx asks again every few seconds (a link does it without). */
const JobStatus: FC<{ job: ScheduleJob; eventId: string; locale: Locale }> = ({ job, eventId, locale }) => {
  const m = text[locale];
  const href = `/console/events/${eventId}/schedule?job=${job.id}`;
  const live = job.status === 'queued' || job.status === 'running';
  return (
    <section
      id="schedule-job"
      aria-labelledby="schedule-job-title"
      {...(live
        ? {
            'hx-get': href,
            'hx-trigger': 'every 2s',
            'hx-select': '#schedule-job',
            'hx-swap': 'outerHTML',
            ...pollAttributes,
          }
        : {})}
    >
      <h3 id="schedule-job-title">{m.jobState}</h3>
      <p role="status" aria-busy={live ? 'true' : undefined}>
        {m.job} {m[job.status]}.
        {job.result ? ` ${m.ran(job.result.placed, job.result.kept, job.result.unplaced)}` : ''}
      </p>
      {live ? <a href={href}>{m.refresh}</a> : null}
    </section>
  );
};

/** The schedule (run, publish, the grid) and the interpreter plan of an event. */
/** Publishing's question; an open event's first publication also closes its registration, said so. */
const publishQuestion = (m: (typeof text)[Locale], state: string, participants: number) =>
  state === 'open'
    ? `${m.confirmPublish(participants)} ${m.closesRegistration}`
    : m.confirmPublish(participants);

export function eventSchedulePages(deps: ConsolePageDeps, services: EventServices) {
  const app = new Hono<ConsoleEnv>();
  const { events, schedules } = services;
  const jobs = new JobRepository(deps.app.db);

  app.get(`${eventPath}/schedule`, async (c) => {
    const locale = c.get('locale');
    const m = text[locale];
    const id = c.req.param('id');
    const jobId = c.req.query('job');
    const jobRead = jobId && isUlid(jobId) ? jobs.get(jobId, 'schedule') : undefined;
    const [{ event, live: meetings, participants }, scheduleJob] = await Promise.all([
      scheduleRecordsOf(events, id),
      jobRead,
    ]);
    const names = new Map(participants.map((p) => [p.id, companyName(p.card)]));
    const delegates = new Map(participants.flatMap((p) => p.delegates.map((d) => [d.contactId, d.name])));
    const ran = ['placed', 'kept', 'unplaced'].map((key) => Number(c.req.query(key)));
    const schedulable = event.state === 'open' || event.state === 'scheduled';
    return c.render(
      <article>
        <EventHeader event={event} locale={locale} current="schedule" />
        <section aria-labelledby="run-title">
          <h2 id="run-title">{m.run}</h2>
          {ran.every(Number.isInteger) ? (
            <p role="status">
              {m.ran(ran[0]!, ran[1]!, ran[2]!)}
              {c.req.query('published') !== undefined ? ` ${m.published}` : ''}
            </p>
          ) : null}
          {scheduleJob?.eventId === id ? <JobStatus job={scheduleJob} eventId={id} locale={locale} /> : null}
          {schedulable ? (
            <form method="post" action={`/console/events/${id}/schedule`}>
              <p>{m.runLead}</p>
              <input type="hidden" name="version" value={String(event.version)} />
              <button type="submit" name="publish" value="false">
                {m.schedule}
              </button>{' '}
              <button
                type="submit"
                name="publish"
                value="true"
                class="secondary"
                data-confirm={publishQuestion(m, event.state, participants.length)}
              >
                {m.publish}
              </button>
            </form>
          ) : (
            <p>{m.notSchedulable}</p>
          )}
        </section>
        <section aria-labelledby="grid-title">
          <h2 id="grid-title">{m.grid}</h2>
          {meetings.length === 0 ? (
            <p>{m.noMeetings}</p>
          ) : (
            <ScheduleGrid
              event={event}
              meetings={meetings}
              names={names}
              delegates={delegates}
              locale={locale}
            />
          )}
        </section>
      </article>,
      { title: `${eventText[locale].schedule} · ${textIn(event.name, locale)}`, section: 'events' },
    );
  });

  // As POST /v1/events/{id}/schedule does: inline, or a job for a large event; the form's version
  // must still be the event's (412 otherwise: someone changed it since the page was read).
  app.post(`${eventPath}/schedule`, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const publish = form.publish === 'true';
    // Publishing sends each participant their agenda, so it asks first; where script does not run, on
    // a page of its own.
    const asking = publish && !wasConfirmed(form) ? await scheduleRecordsOf(events, id) : undefined;
    // A form read before a change gets the conflict page first, as it would once confirmed.
    if (asking && String(asking.event.version) === form.version) {
      const locale = c.get('locale');
      const m = text[locale];
      const { event, participants } = asking;
      return c.render(
        <article>
          <EventHeader event={event} locale={locale} current="schedule" />
          <ConfirmFirst
            question={publishQuestion(m, event.state, participants.length)}
            action={`/console/events/${id}/schedule`}
            fields={{ version: String(form.version ?? ''), publish: 'true' }}
            yes={m.publish}
            back={{ href: `/console/events/${id}/schedule`, label: commonMessages[locale].cancel }}
          />
        </article>,
        { title: m.publish, section: 'events' },
      );
    }
    const started = await schedules.start(id, {
      publish,
      expectedVersion: requiredFormVersion(form.version, 'event'),
    });
    if ('job' in started) return c.redirect(`/console/events/${id}/schedule?job=${started.job.id}`, 303);
    const { placed, kept, unplaced } = started.run;
    const query = new URLSearchParams({
      placed: String(placed),
      kept: String(kept),
      unplaced: String(unplaced.length),
    });
    return c.redirect(`/console/events/${id}/schedule?${query}${publish ? '&published' : ''}`, 303);
  });

  app.get(`${eventPath}/interpreters`, async (c) => {
    const locale = c.get('locale');
    const m = text[locale];
    const id = c.req.param('id');
    const records = await scheduleRecordsOf(events, id);
    const { event } = records;
    const plan = interpreterPlanOf(records);
    return c.render(
      <article>
        <EventHeader event={event} locale={locale} current="interpreters" />
        <h2>{m.plan}</h2>
        {plan.interpreters.length === 0 ? <p>{m.noInterpreters}</p> : null}
        {plan.interpreters.map((interpreter) => (
          <section aria-labelledby={`interpreter-${interpreter.id}`}>
            <h3 id={`interpreter-${interpreter.id}`}>{interpreter.name}</h3>
            <p>
              {m.pairs}:{' '}
              {interpreter.pairs
                .map((pair) => pair.map((language) => spokenLanguageName(language, locale)).join(' ⇄ '))
                .join(', ')}
            </p>
            <ListTable
              count={interpreter.assignments.length}
              empty={m.noAssignments}
              columns={[m.time, m.table, m.companies, m.languages, m.state]}
            >
              {interpreter.assignments.map((a) => (
                <tr>
                  <th scope="row">
                    <time datetime={a.start}>{formatDateTime(locale, a.start, plan.timeZone)}</time>
                  </th>
                  <td>{a.table.label ?? a.table.id}</td>
                  <td>{a.companies.map((company) => companyName(company)).join(' — ')}</td>
                  <td>{a.languages.map((language) => spokenLanguageName(language, locale)).join(' ⇄ ')}</td>
                  <td>{meetingText[locale][a.state]}</td>
                </tr>
              ))}
            </ListTable>
          </section>
        ))}
      </article>,
      { title: `${m.plan} · ${textIn(event.name, locale)}`, section: 'events' },
    );
  });

  return app;
}
