import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { pageFrom } from '../../../data/cursor.ts';
import { BadRequestError } from '../../../domain/errors.ts';
import { textIn } from '../../../domain/languages.ts';
import { type MeetingRequest, requestStatuses } from '../../../events/event-record-schema.ts';
import { eventServicesFor } from '../../../events/event-services.ts';
import { eventMovesAt, isBeforeHeld } from '../../../events/event-states.ts';
import { zoneLabel } from '../../../events/zone-names.ts';
import { utcToZoned } from '../../../events/zoned-time.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import { requiredFormVersion } from '../../components/form-fields.tsx';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { companyName, countryName, spokenLanguageName, topicName } from '../../i18n/names.ts';
import { withQuery } from '../../session/session-cookies.ts';
import { pairPattern } from '../route-patterns.ts';
import { deadlineDay } from './event-form.ts';
import { eventFormPages } from './event-form-pages.tsx';
import { eventDates } from './event-headline.ts';
import { eventFormText, eventStateText, eventText, meetingText, type StateMove } from './event-messages.ts';
import { eventParticipantPages, participantText } from './event-participant-pages.tsx';
import { companyPath, delegatesPath, EventHeader, eventPath } from './event-parts.tsx';
import { requestsHref, requestsPageOf, requestsView } from './event-requests-view.ts';

const pageSize = 50;

/**
 * What the request just answered became, named by its two sides: a list of many pending requests
 * looks alike before and after one of them is answered. A link without the request's id says only
 * that the answer is saved.
 */
const AnsweredNotice: FC<{
  answered: string | undefined;
  requests: readonly MeetingRequest[];
  nameOf: (company: string) => string;
  locale: Locale;
}> = ({ answered, requests, nameOf, locale }) => {
  if (answered === undefined) return null;
  const m = eventText[locale];
  const request = requests.find((r) => r.id === answered);
  return (
    <p role="status">
      {request && (request.status === 'accepted' || request.status === 'declined')
        ? m.answeredOne(nameOf(request.from), nameOf(request.to), request.status)
        : m.answered}
    </p>
  );
};

/**
 * The events section: the list, each event's overview with its state moves, its participants and its
 * requests; the schedule, interpreter and outcome pages are their own section (event-meetings-section.ts). Every read and write
 * goes through the services the events API uses (event-services.ts).
 */
export function eventPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const services = eventServicesFor(deps.app);
  const { events, service } = services;

  app.get('/console/events', async (c) => {
    const locale = c.get('locale');
    const m = eventText[locale];
    const cursor = c.req.query('cursor');
    const page = await pageFrom(deps.app.cursors, 'events', cursor, (startKey) =>
      events.list({ limit: pageSize, startKey }),
    );
    const next = page.nextCursor;
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <p>
          <a href="/console/events/new">{eventFormText[locale].newEvent}</a>
        </p>
        <ListTable count={page.items.length} empty={m.empty} columns={[m.name, m.dates, m.place, m.state]}>
          {page.items.map((event) => (
            <tr>
              <th scope="row">
                <a href={`/console/events/${event.id}`}>{textIn(event.name, locale)}</a>
              </th>
              <td>{eventDates(event, locale)}</td>
              <td>{event.online ? m.online : textIn(event.city, locale)}</td>
              <td>{eventStateText[locale][event.state]}</td>
            </tr>
          ))}
        </ListTable>
        <p>
          {cursor ? <a href="/console/events">{commonMessages[locale].first}</a> : null}{' '}
          {next ? (
            <a href={`/console/events?cursor=${encodeURIComponent(next)}`}>{commonMessages[locale].next}</a>
          ) : null}
        </p>
      </article>,
      { title: m.title, section: 'events' },
    );
  });

  app.get(eventPath, async (c) => {
    const locale = c.get('locale');
    const m = eventText[locale];
    const states = eventStateText[locale];
    const event = await service.get(c.req.param('id'));
    // Held only once the event has begun: before, the move is not offered.
    const moves = eventMovesAt(event, deps.app.clock()).filter((s): s is StateMove => s !== 'scheduled');
    // A deadline at midnight in the event's zone is the end of the day before, as the form sets it.
    const deadlineText = (instant: string) =>
      utcToZoned(new Date(instant), event.timeZone).endsWith(' 00:00')
        ? m.endOfDay(formatDate(locale, deadlineDay(instant, event.timeZone)))
        : formatDateTime(locale, instant, event.timeZone);
    return c.render(
      <article>
        <EventHeader event={event} locale={locale} current="overview" />
        {c.req.query('moved') !== undefined || c.req.query('saved') !== undefined ? (
          <p role="status">{commonMessages[locale].saved}</p>
        ) : null}
        <p>
          <a href={`/console/events/${event.id}/edit`}>{eventFormText[locale].editLink}</a>
        </p>
        <dl>
          <dt>{m.timeZone}</dt>
          <dd>{zoneLabel(event.timeZone, locale)}</dd>
          <dt>{m.days}</dt>
          <dd>
            <ul>
              {event.days.map((day) => (
                <li>
                  {eventDates({ days: [day] }, locale)}:{' '}
                  {day.sessions.map((s) => `${s.start}–${s.end}`).join(', ')}
                </li>
              ))}
            </ul>
            {m.slotLength(event.slotMinutes, event.gapMinutes)}
          </dd>
          <dt>{m.tables}</dt>
          <dd>{formatNumber(locale, event.tables.length)}</dd>
          <dt>{m.registrationDeadline}</dt>
          <dd>{deadlineText(event.registrationDeadline)}</dd>
          <dt>{m.requestDeadline}</dt>
          <dd>{deadlineText(event.requestDeadline)}</dd>
          <dt>{m.scheduleVersion}</dt>
          <dd>{event.scheduleVersion > 0 ? m.version(event.scheduleVersion) : m.notPublished}</dd>
        </dl>
        <section aria-labelledby="move-state">
          <h2 id="move-state">{m.moveState}</h2>
          {moves.length === 0 ? (
            <p>{m.noMoves}</p>
          ) : (
            <form method="post" action={`/console/events/${event.id}/state`}>
              <input type="hidden" name="version" value={String(event.version)} />
              {moves.map((to) => (
                <>
                  <button
                    type="submit"
                    name="state"
                    value={to}
                    class={to === 'cancelled' ? 'secondary' : undefined}
                    data-confirm={to === 'cancelled' ? m.confirmMove(states['to-cancelled']) : undefined}
                  >
                    {states[`to-${to}`]}
                  </button>{' '}
                </>
              ))}
            </form>
          )}
        </section>
      </article>,
      { title: textIn(event.name, locale), section: 'events' },
    );
  });

  app.post(`${eventPath}/state`, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    // Cancelling asks first; where script does not run, on a page of its own.
    const asking = form.state === 'cancelled' && !wasConfirmed(form) ? await service.get(id) : undefined;
    // A form read before a change gets the conflict page first, as it would once confirmed.
    if (asking && String(asking.version) === form.version) {
      const locale = c.get('locale');
      const states = eventStateText[locale];
      const event = asking;
      return c.render(
        <article>
          <EventHeader event={event} locale={locale} current="overview" />
          <ConfirmFirst
            question={eventText[locale].confirmMove(states['to-cancelled'])}
            action={`/console/events/${id}/state`}
            fields={{ version: String(form.version ?? ''), state: 'cancelled' }}
            yes={states['to-cancelled']}
            back={{ href: `/console/events/${id}`, label: commonMessages[locale].cancel }}
          />
        </article>,
        { title: states['to-cancelled'], section: 'events' },
      );
    }
    await service.patch(id, { state: String(form.state ?? '') }, requiredFormVersion(form.version, 'event'));
    return c.redirect(`/console/events/${id}?moved`, 303);
  });

  app.get(`${eventPath}/participants`, async (c) => {
    const locale = c.get('locale');
    const m = eventText[locale];
    const id = c.req.param('id');
    const [event, participants] = await Promise.all([service.get(id), events.participants(id)]);
    const sorted = [...participants].sort(
      (x, y) => x.status.localeCompare(y.status) || x.card.name.localeCompare(y.card.name),
    );
    const t = participantText[locale];
    // After a registration or a withdrawal: which company, by the name the list has for it.
    const doneName = (id: string | undefined) => {
      const found = id ? participants.find((p) => p.id === id) : undefined;
      return found ? companyName(found.card) : undefined;
    };
    const registered = doneName(c.req.query('registered'));
    const withdrawn = doneName(c.req.query('withdrawn'));
    const changed = doneName(c.req.query('changed'));
    const open = isBeforeHeld(event.state);
    return c.render(
      <article>
        <EventHeader event={event} locale={locale} current="participants" />
        <h2>{m.participants}</h2>
        {registered || withdrawn || changed ? (
          <p role="status" id="done">
            {registered
              ? t.registeredNotice(registered)
              : withdrawn
                ? t.withdrawnNotice(withdrawn)
                : t.changedNotice(changed!)}
          </p>
        ) : null}
        {open ? (
          <p>
            {t.registerHint} <a href="/console/members">{t.members}</a> ·{' '}
            <a href="/console/partners">{t.partners}</a>
          </p>
        ) : null}
        <ListTable
          count={sorted.length}
          empty={m.noParticipants}
          columns={[m.company, m.country, m.delegates, m.languages, m.offers, m.needs, m.status]}
        >
          {sorted.map((p) => (
            <tr>
              <th scope="row">
                <a href={companyPath(p)}>{companyName(p.card)}</a>
                <br />
                <small>{p.card.kind === 'member' ? m.member : m.partner}</small>
              </th>
              <td>{countryName(p.card.country, locale)}</td>
              <td>
                {p.delegates.map((d) => d.name).join(', ')}
                {open && p.status === 'registered' ? (
                  <>
                    {' '}
                    <a
                      href={delegatesPath(event.id, p.id)}
                      aria-label={t.changeDelegatesOf(companyName(p.card))}
                    >
                      {t.changeDelegates}
                    </a>
                  </>
                ) : null}
              </td>
              <td>{p.languages.map((language) => spokenLanguageName(language, locale)).join(', ')}</td>
              <td>{p.offers.map((t) => topicName(t, locale)).join(', ')}</td>
              <td>{p.needs.map((t) => topicName(t, locale)).join(', ')}</td>
              <td>
                {p.status === 'registered' ? m.registered : m.withdrawn}
                {open && p.status === 'registered' ? (
                  <form method="post" action={`/console/events/${event.id}/participants/${p.id}/withdraw`}>
                    <button
                      type="submit"
                      class="secondary outline"
                      data-confirm={t.confirmWithdraw(companyName(p.card))}
                      aria-label={`${t.withdraw}: ${companyName(p.card)}`}
                    >
                      {t.withdraw}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </ListTable>
      </article>,
      { title: `${m.participants} · ${textIn(event.name, locale)}`, section: 'events' },
    );
  });

  app.get(`${eventPath}/requests`, async (c) => {
    const locale = c.get('locale');
    const m = eventText[locale];
    const words = meetingText[locale];
    const common = commonMessages[locale];
    const id = c.req.param('id');
    const [event, requests, participants] = await Promise.all([
      service.get(id),
      service.requests(id),
      events.participants(id),
    ]);
    const names = new Map(participants.map((p) => [p.id, companyName(p.card)]));
    const view = requestsView(requests, c.req.query(), pageSize);
    // Every status some request has, and the one chosen even when none has it (any more).
    const filters = [undefined, ...requestStatuses.filter((s) => view.counts[s] > 0 || s === view.status)];
    return c.render(
      <article>
        <EventHeader event={event} locale={locale} current="requests" />
        <h2>{m.requests}</h2>
        <AnsweredNotice
          answered={c.req.query('answered')}
          requests={requests}
          nameOf={(company) => names.get(company) ?? company}
          locale={locale}
        />
        {requests.length === 0 ? (
          <p>{m.noRequests}</p>
        ) : (
          <>
            <p>{m.requestsSummary(requests.length, view.counts.accepted)}</p>
            <nav aria-label={m.requestFilter}>
              <ul>
                {filters.map((status) => (
                  <li>
                    <a
                      href={requestsHref(id, status)}
                      aria-current={status === view.status ? 'page' : undefined}
                    >
                      {status ? m.requestsWith(status) : m.allRequests} (
                      {formatNumber(locale, view.counts[status ?? 'all'])})
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <ListTable
              count={view.rows.length}
              empty={m.noRequestsWith}
              columns={[m.from, m.to, m.priority, m.topic, m.reason, m.status, m.answer]}
              cards
            >
              {view.rows.map((r) => (
                <tr>
                  <th scope="row">{names.get(r.from) ?? r.from}</th>
                  <td data-label={m.to}>{names.get(r.to) ?? r.to}</td>
                  <td data-label={m.priority}>{words[r.priority]}</td>
                  <td data-label={m.topic}>{topicName(r.topic, locale)}</td>
                  <td data-label={m.reason}>{r.reason}</td>
                  <td data-label={m.status}>{words[r.status]}</td>
                  <td class="act" data-label={r.status === 'pending' ? undefined : m.answer}>
                    {r.status === 'pending' ? (
                      <form method="post" action={`/console/events/${id}/requests/${r.id}`}>
                        {view.status ? <input type="hidden" name="status" value={view.status} /> : null}
                        {view.page > 1 ? <input type="hidden" name="page" value={String(view.page)} /> : null}
                        <div class="answer-buttons">
                          <button type="submit" name="answer" value="accepted">
                            {m.accept}
                          </button>
                          <button
                            type="submit"
                            name="answer"
                            value="declined"
                            class="secondary"
                            data-confirm={m.confirmDecline(
                              names.get(r.from) ?? r.from,
                              names.get(r.to) ?? r.to,
                            )}
                          >
                            {m.decline}
                          </button>
                        </div>
                      </form>
                    ) : (
                      common.none
                    )}
                  </td>
                </tr>
              ))}
            </ListTable>
            {view.pages > 1 ? (
              <nav aria-label={m.requestPages}>
                <ul>
                  {view.page > 1 ? (
                    <li>
                      <a href={requestsHref(id, view.status, view.page - 1)} rel="prev">
                        {m.previousPage}
                      </a>
                    </li>
                  ) : null}
                  <li>{m.pageOf(view.page, view.pages)}</li>
                  {view.page < view.pages ? (
                    <li>
                      <a href={requestsHref(id, view.status, view.page + 1)} rel="next">
                        {common.next}
                      </a>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
          </>
        )}
      </article>,
      { title: `${m.requests} · ${textIn(event.name, locale)}`, section: 'events' },
    );
  });

  app.post(`${eventPath}/requests/:requestId{${pairPattern}}`, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const answer =
      form.answer === 'accepted' ? 'accepted' : form.answer === 'declined' ? 'declined' : undefined;
    if (!answer) throw new BadRequestError('Answer `accepted` or `declined`.');
    // Staff answer for the requested side, as the API lets them (a partner's answer, for one).
    await service.answer(id, c.req.param('requestId'), answer, { role: 'staff' });
    // Back to the list as it was shown: the same status and page.
    const status = requestStatuses.find((s) => s === form.status);
    const back = requestsHref(id, status, requestsPageOf(form.page));
    return c.redirect(withQuery(back, `answered=${c.req.param('requestId')}`), 303);
  });

  app.route('/', eventFormPages(service));
  app.route('/', eventParticipantPages(deps, services));
  return app;
}
