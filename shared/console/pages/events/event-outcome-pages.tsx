import type { Context } from 'hono';
import { Hono } from 'hono';
import { ConflictError } from '../../../domain/errors.ts';
import { textIn } from '../../../domain/languages.ts';
import { quoted } from '../../../domain/quoted.ts';
import { type Meeting, meetingOutcomeInputSchema, meetingOutcomes } from '../../../events/event-schema.ts';
import type { EventServices } from '../../../events/event-services.ts';
import { slotsOf } from '../../../events/event-slots.ts';
import { outcomeIsDue } from '../../../events/meeting-rules.ts';
import { actorOf } from '../../../members/actor.ts';
import { FieldError } from '../../components/form-fields.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { defineMessages } from '../../i18n/messages.ts';
import { companyName } from '../../i18n/names.ts';
import { localizeIssues } from '../../i18n/zod-messages.ts';
import { pairPattern } from '../route-patterns.ts';
import { eventText, meetingText } from './event-messages.ts';
import { EventHeader, eventPath, scheduleRecordsOf } from './event-parts.tsx';

const text = defineMessages({
  en: {
    meetings: 'Meetings and what came of them',
    report: 'Event report',
    time: 'Time',
    table: 'Table',
    meeting: 'Meeting',
    state: 'State',
    reported: 'As reported',
    notReported: 'not reported',
    didNotHappen: 'did not happen',
    happenedNoOutcome: 'took place',
    agreement: 'agreement reached',
    noAgreement: 'no agreement reached',
    record: 'Report an outcome',
    side: 'Reported by',
    happened: 'Did the meeting take place?',
    outcome: 'Outcome',
    noOutcome: 'No outcome to give',
    note: 'Note',
    save: 'Save the outcome',
    recorded: 'The outcome is saved.',
    noMeetings: 'No confirmed meeting yet: outcomes come after the schedule is published.',
    notYet: 'Outcomes are reported once the schedule is published.',
    lead: 'Lead',
    notBegun: 'Reported once the meeting has begun',
    notBegunRefused: 'This meeting has not begun yet: its outcome is reported once it has.',
  },
  ru: {
    meetings: 'Встречи и их итоги',
    report: 'Отчёт по мероприятию',
    time: 'Время',
    table: 'Стол',
    meeting: 'Встреча',
    state: 'Состояние',
    reported: 'Что сообщили',
    notReported: 'не сообщили',
    didNotHappen: 'не состоялась',
    happenedNoOutcome: 'состоялась',
    agreement: 'соглашение достигнуто',
    noAgreement: 'соглашение не достигнуто',
    record: 'Сообщить итог',
    side: 'От чьего имени',
    happened: 'Встреча состоялась?',
    outcome: 'Итог',
    noOutcome: 'Без итога',
    note: 'Заметка',
    save: 'Сохранить итог',
    recorded: 'Итог сохранён.',
    noMeetings: 'Подтверждённых встреч пока нет: итоги сообщают после публикации расписания.',
    notYet: 'Итоги сообщают после публикации расписания.',
    lead: 'Сделка',
    notBegun: 'Итог можно сообщить после начала встречи',
    notBegunRefused: 'Эта встреча ещё не началась: итог сообщают после её начала.',
  },
  vi: {
    meetings: 'Các cuộc gặp và kết quả',
    report: 'Báo cáo sự kiện',
    time: 'Thời gian',
    table: 'Bàn',
    meeting: 'Cuộc gặp',
    state: 'Trạng thái',
    reported: 'Đã báo cáo',
    notReported: 'chưa báo cáo',
    didNotHappen: 'không diễn ra',
    happenedNoOutcome: 'đã diễn ra',
    agreement: 'đã đạt thỏa thuận',
    noAgreement: 'không đạt được thỏa thuận',
    record: 'Báo cáo kết quả',
    side: 'Bên báo cáo',
    happened: 'Cuộc gặp có diễn ra không?',
    outcome: 'Kết quả',
    noOutcome: 'Không có kết quả',
    note: 'Ghi chú',
    save: 'Lưu kết quả',
    recorded: 'Đã lưu kết quả.',
    noMeetings: 'Chưa có cuộc gặp đã xác nhận: kết quả được báo cáo sau khi công bố lịch.',
    notYet: 'Kết quả được báo cáo sau khi công bố lịch.',
    lead: 'Cơ hội',
    notBegun: 'Báo cáo sau khi cuộc gặp bắt đầu',
    notBegunRefused: 'Cuộc gặp này chưa bắt đầu: kết quả được báo cáo sau khi cuộc gặp bắt đầu.',
  },
});

/** A form sent back with what was wrong, beside the meeting it was about. */
interface Refused {
  meetingId: string;
  errors: Map<string, string>;
  values: Record<string, string>;
}

/** Meetings that may carry an outcome: confirmed, or reported already. */
const reportable = (m: Meeting) => m.state === 'confirmed' || m.state === 'held' || m.state === 'no-show';

/** What one side said of a meeting, in the reader's language. */
function sideReport(meeting: Meeting, side: string, locale: Locale): string {
  const m = text[locale];
  const said = meeting.outcomes[side];
  if (!said) return m.notReported;
  const parts = [
    said.happened ? (said.outcome ? meetingText[locale][said.outcome] : m.happenedNoOutcome) : m.didNotHappen,
    // The follow-up's answer, months on: a likely deal that came to nothing says so beside its note.
    ...(said.agreement === undefined ? [] : [said.agreement ? m.agreement : m.noAgreement]),
    ...(said.note ? [quoted[locale](said.note)] : []),
  ];
  return parts.join(' · ');
}

/** Each meeting's outcomes as its sides reported them, staff's form to report one, and a link to the event's report. */
export function eventOutcomePages(services: EventServices, clock: () => Date) {
  const app = new Hono<ConsoleEnv>();
  const { events, outcomes } = services;

  /**
   * `refused`: a form sent back with its errors; `early`: a report refused because its meeting has not
   * begun (sent from a page read before its time came).
   */
  async function page(
    c: Context<ConsoleEnv>,
    id: string,
    { refused, early }: { refused?: Refused; early?: boolean } = {},
  ) {
    const locale = c.get('locale');
    const m = text[locale];
    const { event, live: meetings, participants } = await scheduleRecordsOf(events, id);
    const names = new Map(participants.map((p) => [p.id, companyName(p.card)]));
    const starts = new Map(slotsOf(event).map((slot) => [slot.id, slot.start]));
    const shown = meetings.filter(reportable);
    const open = ['scheduled', 'held', 'closed'].includes(event.state);
    const now = clock();
    if (refused) c.status(422);
    if (early) c.status(409);
    return c.render(
      <article>
        <EventHeader event={event} locale={locale} current="outcomes" />
        <section aria-labelledby="meetings-title">
          <h2 id="meetings-title">{m.meetings}</h2>
          {c.req.query('recorded') !== undefined ? <p role="status">{m.recorded}</p> : null}
          {refused ? <p role="alert">{commonMessages[locale].fixErrors}</p> : null}
          {early ? <p role="alert">{m.notBegunRefused}</p> : null}
          {/* With no meeting to show, the sentence below says why on its own. */}
          {!open && shown.length > 0 ? <p>{m.notYet}</p> : null}
          {shown.length === 0 ? (
            <p>{m.noMeetings}</p>
          ) : (
            <div class="overflow-auto">
              <table class="striped cards">
                <thead>
                  <tr>
                    <th scope="col">{m.meeting}</th>
                    <th scope="col">{m.time}</th>
                    <th scope="col">{m.table}</th>
                    <th scope="col">{m.state}</th>
                    <th scope="col">{m.reported}</th>
                    {open ? <th scope="col">{m.record}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((meeting) => (
                    <tr id={`meeting-${meeting.id}`}>
                      <th scope="row">
                        {names.get(meeting.a) ?? meeting.a} — {names.get(meeting.b) ?? meeting.b}
                      </th>
                      <td data-label={m.time}>
                        {formatDateTime(locale, starts.get(meeting.slot) ?? meeting.slot, event.timeZone)}
                      </td>
                      <td data-label={m.table}>{meeting.table}</td>
                      <td data-label={m.state}>{meetingText[locale][meeting.state]}</td>
                      <td data-label={m.reported}>
                        {[meeting.a, meeting.b].map((side) => (
                          <p>
                            {names.get(side) ?? side}: {sideReport(meeting, side, locale)}
                          </p>
                        ))}
                        {meeting.leadId ? <a href={`/console/leads/${meeting.leadId}`}>{m.lead}</a> : null}
                      </td>
                      {open && !outcomeIsDue(event, meeting, now) ? (
                        <td class="act">{m.notBegun}</td>
                      ) : open ? (
                        <td class="act">
                          <OutcomeForm
                            eventId={id}
                            meeting={meeting}
                            names={names}
                            locale={locale}
                            refused={refused?.meetingId === meeting.id ? refused : undefined}
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {/* The report's page is the reports section's (its own function): linked, not drawn twice. */}
        <p>
          <a href={`/console/reports/events/${id}`}>{m.report}</a>
        </p>
      </article>,
      { title: `${eventText[locale].outcomes} · ${textIn(event.name, locale)}`, section: 'events' },
    );
  }

  app.get(`${eventPath}/outcomes`, (c) => page(c, c.req.param('id')));

  // As POST /v1/events/{id}/meetings/{meetingId}/outcome does for staff: they name the side.
  app.post(`${eventPath}/meetings/:meetingId{${pairPattern}}/outcome`, async (c) => {
    const id = c.req.param('id');
    const meetingId = c.req.param('meetingId');
    const form = await c.req.parseBody();
    const values = Object.fromEntries(
      ['side', 'happened', 'outcome', 'note'].map((key) => [
        key,
        typeof form[key] === 'string' ? form[key] : '',
      ]),
    ) as Record<'side' | 'happened' | 'outcome' | 'note', string>;
    const parsed = meetingOutcomeInputSchema.safeParse({
      ...(values.side ? { side: values.side } : {}),
      happened: values.happened === 'yes' ? true : values.happened === 'no' ? false : undefined,
      ...(values.outcome ? { outcome: values.outcome } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    });
    if (!parsed.success) {
      return page(c, id, {
        refused: { meetingId, errors: localizeIssues(parsed.error.issues, c.get('locale')), values },
      });
    }
    try {
      await outcomes.record(id, meetingId, parsed.data, { actor: actorOf(c.get('principal')) });
    } catch (error) {
      if (error instanceof ConflictError && error.field === 'slot') return page(c, id, { early: true });
      throw error;
    }
    return c.redirect(`/console/events/${id}/outcomes?recorded#meeting-${meetingId}`, 303);
  });

  return app;
}

function OutcomeForm(props: {
  eventId: string;
  meeting: Meeting;
  names: Map<string, string>;
  locale: Locale;
  refused: Refused | undefined;
}) {
  const { eventId, meeting, names, locale, refused } = props;
  const m = text[locale];
  const common = commonMessages[locale];
  const key = meeting.id;
  const error = (field: string) => refused?.errors.get(field);
  // A field refused points at its message, so a screen reader reads it with the field.
  const checked = (field: string) =>
    error(field) ? { 'aria-invalid': 'true', 'aria-describedby': `${field}-${key}-error` } : {};
  const happened = refused?.values.happened ?? 'yes';
  const Invalid = ({ field }: { field: string }) => (
    <FieldError id={`${field}-${key}`} error={error(field)} />
  );
  return (
    <details open={refused !== undefined}>
      <summary>{m.record}</summary>
      <form method="post" action={`/console/events/${eventId}/meetings/${meeting.id}/outcome`}>
        <label for={`side-${key}`}>{m.side}</label>
        <select id={`side-${key}`} name="side" {...checked('side')}>
          {[meeting.a, meeting.b].map((side) => (
            <option value={side} selected={refused?.values.side === side}>
              {names.get(side) ?? side}
            </option>
          ))}
        </select>
        <Invalid field="side" />
        <fieldset>
          <legend>{m.happened}</legend>
          <label>
            <input type="radio" name="happened" value="yes" checked={happened === 'yes'} />
            {common.yes}
          </label>
          <label>
            <input type="radio" name="happened" value="no" checked={happened === 'no'} />
            {common.no}
          </label>
          <Invalid field="happened" />
        </fieldset>
        <label for={`outcome-${key}`}>{m.outcome}</label>
        <select id={`outcome-${key}`} name="outcome" {...checked('outcome')}>
          <option value="">{m.noOutcome}</option>
          {meetingOutcomes.map((outcome) => (
            <option value={outcome} selected={refused?.values.outcome === outcome}>
              {meetingText[locale][outcome]}
            </option>
          ))}
        </select>
        <Invalid field="outcome" />
        <label for={`note-${key}`}>{m.note}</label>
        <textarea id={`note-${key}`} name="note" rows={2} {...checked('note')}>
          {refused?.values.note ?? ''}
        </textarea>
        <Invalid field="note" />
        <button type="submit">{m.save}</button>
      </form>
    </details>
  );
}
