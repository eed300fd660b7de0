import { type Context, Hono } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { ConflictError, NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { textIn } from '../../../domain/languages.ts';
import type { Contact, Member } from '../../../domain/member-schema.ts';
import type { Partner } from '../../../domain/partner-schema.ts';
import { type Event, maxDelegatesPerCompany } from '../../../events/event-schema.ts';
import type { EventServices } from '../../../events/event-services.ts';
import { isBeforeHeld } from '../../../events/event-states.ts';
import type { CompanyRef } from '../../../events/participations.ts';
import { actorOf } from '../../../members/actor.ts';
import { memberReads } from '../../../members/member-read.ts';
import { partnerReads } from '../../../partners/partner-read.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import { many, valuesFrom } from '../../components/form-fields.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import type { Locale } from '../../i18n/locales.ts';
import { defineMessages } from '../../i18n/messages.ts';
import { companyName } from '../../i18n/names.ts';
import { isUlid, ulidPattern } from '../route-patterns.ts';
import { eventText } from './event-messages.ts';
import { EventHeader, eventPath } from './event-parts.tsx';

type Ctx = Context<ConsoleEnv>;

export const participantText = defineMessages({
  en: {
    registerTitle: (company: string) => `Register ${company}`,
    delegates: 'Delegates',
    delegatesHint: (max: number) =>
      `The contacts who attend, at most ${max}; each gets the agenda in their own language.`,
    noContacts: 'This member has no contact to send as a delegate: add one on its record first.',
    noContactsPartner:
      'This partner has no contact to send as a delegate; a partner’s contacts are added through the API.',
    register: 'Register',
    chooseDelegate: 'Choose at least one delegate.',
    tooManyDelegates: (max: number) => `At most ${max} delegates.`,
    registeredAlready: 'This company is registered already.',
    closed: 'The event takes no more participants.',
    withdrawClosed: 'The event has been held: its participants can no longer change.',
    notActive: 'Only an active member can be registered.',
    joined: 'This partner has joined the association: register it as the member it became.',
    registeredNotice: (company: string) => `${company} is registered.`,
    withdraw: 'Withdraw',
    confirmWithdraw: (company: string) =>
      `Withdraw ${company}? Its meeting requests are withdrawn and its meetings cancelled.`,
    withdrawnNotice: (company: string) => `${company} is withdrawn.`,
    changeDelegates: 'Change',
    changeDelegatesOf: (company: string) => `Change the delegates of ${company}`,
    changedNotice: (company: string) => `The delegates of ${company} are changed.`,
    registerHint:
      'To register a company, open its record, a member’s or a partner’s: “Events”, “Register for an event”.',
    members: 'Find the member',
    partners: 'Find the partner',
  },
  ru: {
    registerTitle: (company: string) => `Регистрация: ${company}`,
    delegates: 'Делегаты',
    delegatesHint: (max: number) =>
      `Контакты, которые примут участие, не больше ${max}; каждый получит программу на своём языке.`,
    noContacts:
      'У участника нет контакта, которого можно направить делегатом: сначала добавьте его в карточке.',
    noContactsPartner:
      'У партнёра нет контакта, которого можно направить делегатом; контакты партнёра добавляются через API.',
    register: 'Зарегистрировать',
    chooseDelegate: 'Выберите хотя бы одного делегата.',
    tooManyDelegates: (max: number) => `Не больше ${max} делегатов.`,
    registeredAlready: 'Компания уже зарегистрирована.',
    closed: 'Мероприятие больше не принимает участников.',
    withdrawClosed: 'Мероприятие уже прошло: состав участников больше не меняется.',
    notActive: 'Зарегистрировать можно только действующего участника.',
    joined: 'Этот партнёр уже вступил в ассоциацию: зарегистрируйте его как участника.',
    registeredNotice: (company: string) => `${company}: регистрация выполнена.`,
    withdraw: 'Снять с участия',
    confirmWithdraw: (company: string) =>
      `Снять ${company} с участия? Запросы на встречи будут отозваны, встречи отменены.`,
    withdrawnNotice: (company: string) => `${company} больше не участвует.`,
    changeDelegates: 'Изменить',
    changeDelegatesOf: (company: string) => `Изменить делегатов: ${company}`,
    changedNotice: (company: string) => `Делегаты изменены: ${company}.`,
    registerHint:
      'Чтобы зарегистрировать компанию, откройте карточку участника или партнёра: «Мероприятия», «Зарегистрировать на мероприятие».',
    members: 'Найти участника',
    partners: 'Найти партнёра',
  },
  vi: {
    registerTitle: (company: string) => `Đăng ký ${company}`,
    delegates: 'Đại biểu',
    delegatesHint: (max: number) =>
      `Những người liên hệ sẽ tham dự, tối đa ${max}; mỗi người nhận lịch trình bằng ngôn ngữ của mình.`,
    noContacts: 'Hội viên này chưa có người liên hệ nào để cử làm đại biểu: hãy thêm trong hồ sơ trước.',
    noContactsPartner:
      'Đối tác này chưa có người liên hệ nào để cử làm đại biểu; người liên hệ của đối tác được thêm qua API.',
    register: 'Đăng ký',
    chooseDelegate: 'Hãy chọn ít nhất một đại biểu.',
    tooManyDelegates: (max: number) => `Tối đa ${max} đại biểu.`,
    registeredAlready: 'Doanh nghiệp này đã đăng ký.',
    closed: 'Sự kiện không nhận thêm người tham gia.',
    withdrawClosed: 'Sự kiện đã diễn ra: danh sách người tham gia không thể thay đổi nữa.',
    notActive: 'Chỉ có thể đăng ký hội viên đang hoạt động.',
    joined: 'Đối tác này đã trở thành hội viên của hiệp hội: hãy đăng ký với tư cách hội viên.',
    registeredNotice: (company: string) => `${company}: đã đăng ký.`,
    withdraw: 'Rút đăng ký',
    confirmWithdraw: (company: string) =>
      `Rút đăng ký của ${company}? Các đề nghị gặp sẽ bị rút và các cuộc gặp bị hủy.`,
    withdrawnNotice: (company: string) => `${company}: đã rút đăng ký.`,
    changeDelegates: 'Thay đổi',
    changeDelegatesOf: (company: string) => `Thay đổi đại biểu của ${company}`,
    changedNotice: (company: string) => `Đã thay đổi đại biểu của ${company}.`,
    registerHint:
      'Để đăng ký một doanh nghiệp, hãy mở hồ sơ hội viên hoặc đối tác tương ứng: “Sự kiện”, “Đăng ký tham gia sự kiện”.',
    members: 'Tìm hội viên',
    partners: 'Tìm đối tác',
  },
});

/**
 * A company's contacts as boxes to choose its delegates by, with the limit's hint: the registration's
 * form and the delegates' change (participant-delegates.tsx). `errorId`: the form's error, if shown.
 */
export const DelegateBoxes: FC<{
  contacts: Contact[];
  chosen: (contact: Contact, index: number) => boolean;
  errorId?: string | undefined;
  locale: Locale;
}> = ({ contacts, chosen, errorId, locale }) => {
  const t = participantText[locale];
  return (
    <>
      <fieldset class="choices" aria-describedby={errorId ? `delegates-hint ${errorId}` : 'delegates-hint'}>
        <legend>{t.delegates}</legend>
        {contacts.map((contact, index) => (
          <label>
            <input type="checkbox" name="delegates" value={contact.id} checked={chosen(contact, index)} />
            {contact.name}
            {contact.position ? `, ${contact.position}` : ''}
          </label>
        ))}
      </fieldset>
      <small id="delegates-hint">{t.delegatesHint(maxDelegatesPerCompany)}</small>
    </>
  );
};

/** A participant's page under its event's header: its title, what it shows, and the way back to the list. */
export function participantPage(c: Ctx, event: Event, title: string, body: Child) {
  const locale = c.get('locale');
  return c.render(
    <article>
      <EventHeader event={event} locale={locale} current="participants" />
      <h2>{title}</h2>
      {body}
      <p>
        <a href={`/console/events/${event.id}/participants`}>{commonMessages[locale].cancel}</a>
      </p>
    </article>,
    { title: `${title} · ${textIn(event.name, locale)}`, section: 'events' },
  );
}

/** Who can be registered: a member or a partner, with the contacts it may send as delegates. */
interface Registrant {
  kind: CompanyRef['kind'];
  id: string;
  name: string;
  /** Its contacts that are not erased. */
  contacts: Contact[];
  /** Its record, where contacts are added. */
  href: string;
  /** Why it cannot be registered at all, if so (EventService refuses it too). */
  refused?: 'notActive' | 'joined' | undefined;
  /** The record to go to instead: the member a partner became. */
  instead?: string | undefined;
}

const registrantOf = (
  company: { kind: 'member'; member: Member } | { kind: 'partner'; partner: Partner },
) => {
  const record = company.kind === 'member' ? company.member : company.partner;
  const registrant: Registrant = {
    kind: company.kind,
    id: record.id,
    name: companyName(record),
    contacts: record.contacts.filter((contact) => !contact.erasedAt),
    href: `/console/${company.kind}s/${record.id}`,
  };
  if (company.kind === 'member' && company.member.status !== 'active') registrant.refused = 'notActive';
  if (company.kind === 'partner' && company.partner.joinedAs) {
    registrant.refused = 'joined';
    registrant.instead = `/console/members/${company.partner.joinedAs}`;
  }
  return registrant;
};

export function eventParticipantPages(deps: ConsolePageDeps, services: EventServices) {
  const app = new Hono<ConsoleEnv>();
  const { service, events } = services;
  const members = memberReads(deps.app.db);
  const partners = partnerReads(deps.app.db);

  const registerPage = (
    c: Ctx,
    event: Event,
    company: Registrant,
    state: { chosen: string[] | 'first'; error?: string | undefined },
    status: 200 | 409 | 422 = 200,
  ) => {
    const locale = c.get('locale');
    const t = participantText[locale];
    const title = t.registerTitle(company.name);
    // A refused post says why in place of the form, focused as a form's error is.
    const refusal = state.error ? { role: 'alert', tabindex: -1, 'data-focus': true } : {};
    c.status(status);
    return participantPage(
      c,
      event,
      title,
      !isBeforeHeld(event.state) ? (
        <p {...refusal}>{t.closed}</p>
      ) : company.refused ? (
        <p {...refusal}>
          {t[company.refused]} <a href={company.instead ?? company.href}>{company.name}</a>
        </p>
      ) : company.contacts.length === 0 ? (
        <p>
          {company.kind === 'member' ? t.noContacts : t.noContactsPartner}{' '}
          <a href={`${company.href}#contacts`}>{company.name}</a>
        </p>
      ) : (
        <form method="post" action={`/console/events/${event.id}/participants`}>
          {state.error ? (
            <p role="alert" class="error" id="register-error" tabindex={-1} data-focus>
              {state.error}
            </p>
          ) : null}
          <input type="hidden" name={company.kind} value={company.id} />
          <DelegateBoxes
            contacts={company.contacts}
            chosen={(contact, index) =>
              state.chosen === 'first' ? index === 0 : state.chosen.includes(contact.id)
            }
            errorId={state.error ? 'register-error' : undefined}
            locale={locale}
          />
          <button type="submit">{t.register}</button>
        </form>
      ),
    );
  };

  /**
   * The company a form or link names (`member=` or `partner=`, exactly one); a 404 page for an id that
   * names none.
   */
  const companyNamed = async (given: { member?: unknown; partner?: unknown }): Promise<Registrant> => {
    const ulid = (id: unknown) => (typeof id === 'string' && isUlid(id) ? id : undefined);
    const memberId = ulid(given.member);
    const partnerId = ulid(given.partner);
    if (memberId && !partnerId) {
      const member = await members.get(memberId);
      if (member) return registrantOf({ kind: 'member', member });
    }
    if (partnerId && !memberId) {
      const partner = await partners.get(partnerId);
      if (partner) return registrantOf({ kind: 'partner', partner });
    }
    throw new NotFoundError('No such member or partner.');
  };

  // The record's form names the event in a select: one address for every event.
  app.get('/console/events/register', (c) => {
    const event = c.req.query('event') ?? '';
    const kind = c.req.query('partner') === undefined ? 'member' : 'partner';
    const company = c.req.query(kind) ?? '';
    if (!isUlid(event) || !isUlid(company)) throw new NotFoundError('No such event or company.');
    return c.redirect(`/console/events/${event}/participants/new?${kind}=${company}`, 303);
  });

  app.get(`${eventPath}/participants/new`, async (c) => {
    const [event, company] = await Promise.all([service.get(c.req.param('id')), companyNamed(c.req.query())]);
    return registerPage(c, event, company, { chosen: 'first' });
  });

  app.post(`${eventPath}/participants`, async (c) => {
    const t = participantText[c.get('locale')];
    const form = await c.req.parseBody({ all: true });
    const [event, company] = await Promise.all([service.get(c.req.param('id')), companyNamed(form)]);
    const chosen = [...new Set(many(valuesFrom(form, ['delegates'], new Set(['delegates'])), 'delegates'))];
    // What no choice of delegates changes first: the page says only that.
    if (!isBeforeHeld(event.state)) return registerPage(c, event, company, { chosen, error: t.closed }, 409);
    if (company.refused) return registerPage(c, event, company, { chosen, error: t[company.refused] }, 409);
    if (chosen.length === 0) return registerPage(c, event, company, { chosen, error: t.chooseDelegate }, 422);
    if (chosen.length > maxDelegatesPerCompany) {
      return registerPage(
        c,
        event,
        company,
        { chosen, error: t.tooManyDelegates(maxDelegatesPerCompany) },
        422,
      );
    }
    try {
      await service.register(
        event.id,
        { kind: company.kind, id: company.id },
        { delegates: chosen.map((contactId) => ({ contactId })) },
        actorOf(c.get('principal')),
      );
    } catch (error) {
      if (error instanceof ConflictError) {
        const why = error.field === 'state' ? t.closed : t.registeredAlready;
        return registerPage(c, event, company, { chosen, error: why }, 409);
      }
      // A contact removed since the form was read: the form again without it.
      if (error instanceof ValidationError) {
        return registerPage(c, event, company, { chosen: [], error: t.chooseDelegate }, 422);
      }
      throw error;
    }
    return c.redirect(`/console/events/${event.id}/participants?registered=${company.id}#done`, 303);
  });

  app.post(`${eventPath}/participants/:companyId{${ulidPattern}}/withdraw`, async (c) => {
    const locale = c.get('locale');
    const t = participantText[locale];
    const eventId = c.req.param('id');
    const companyId = c.req.param('companyId');
    const [event, participant] = await Promise.all([
      service.get(eventId),
      events.participant(eventId, companyId, true),
    ]);
    if (participant?.status !== 'registered') throw new NotFoundError('No such participant.');
    const name = companyName(participant.card);
    // Withdrawing cancels the company's meetings, so it asks first; where script does not run, here.
    if (isBeforeHeld(event.state) && !wasConfirmed(await c.req.parseBody())) {
      return c.render(
        <article>
          <EventHeader event={event} locale={locale} current="participants" />
          <ConfirmFirst
            question={t.confirmWithdraw(name)}
            action={`/console/events/${event.id}/participants/${companyId}/withdraw`}
            fields={{}}
            yes={t.withdraw}
            back={{ href: `/console/events/${event.id}/participants`, label: commonMessages[locale].cancel }}
          />
        </article>,
        { title: textIn(event.name, locale), section: 'events' },
      );
    }
    try {
      await service.withdraw(event.id, companyId, actorOf(c.get('principal')));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      c.status(409);
      return c.render(
        <article>
          <EventHeader event={event} locale={locale} current="participants" />
          <p role="alert" class="error">
            {t.withdrawClosed}
          </p>
          <p>
            <a href={`/console/events/${event.id}/participants`}>{eventText[locale].participants}</a>
          </p>
        </article>,
        { title: textIn(event.name, locale), section: 'events' },
      );
    }
    return c.redirect(`/console/events/${event.id}/participants?withdrawn=${companyId}#done`, 303);
  });

  return app;
}
