import { type Context, Hono } from 'hono';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../../domain/errors.ts';
import type { Contact } from '../../../domain/member-schema.ts';
import { queueChangedAgendas } from '../../../events/agenda-queue.ts';
import { EventRepository } from '../../../events/event-repository.ts';
import { type Event, maxDelegatesPerCompany, type Participant } from '../../../events/event-schema.ts';
import { slotTimes } from '../../../events/event-slots.ts';
import { isBeforeHeld } from '../../../events/event-states.ts';
import { ParticipantChanges, UnattendedMeetings } from '../../../events/participant-changes.ts';
import { memberReads } from '../../../members/member-read.ts';
import { partnerReads } from '../../../partners/partner-read.ts';
import { many, requiredFormVersion, valuesFrom } from '../../components/form-fields.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { defineMessages } from '../../i18n/messages.ts';
import { companyName } from '../../i18n/names.ts';
import { ulidPattern } from '../route-patterns.ts';
import { DelegateBoxes, participantPage, participantText } from './event-participant-pages.tsx';
import { companyPath, delegatesPath, eventPath } from './event-parts.tsx';

type Ctx = Context<ConsoleEnv>;

const delegateText = defineMessages({
  en: {
    title: (company: string) => `Delegates of ${company}`,
    intro:
      'Who comes for the company. Its requests and meetings stay; a scheduled meeting of a delegate taken out passes to one who comes to its slot. When a published meeting passes to another delegate, the agendas it changes are emailed at once, and the delegate who had it is sent its cancellation.',
    save: 'Save delegates',
    unattended: (slots: string) =>
      `No delegate chosen would attend its scheduled meetings at ${slots}: keep one who comes then, or tick another contact (a delegate added comes to all the company's slots).`,
    changedMeanwhile:
      'Someone changed this registration since the page was opened: here it is as it is now. Choose again.',
    closed: 'The event has been held: its participants can no longer change.',
    noContacts: 'The company has no contact to send.',
    addContact: 'Add a contact to the company',
  },
  ru: {
    title: (company: string) => `Делегаты: ${company}`,
    intro:
      'Кто приедет от компании. Её запросы и встречи сохраняются; встреча делегата, которого убрали, переходит к другому делегату, свободному в это время. Если опубликованная встреча переходит к другому делегату, изменившиеся программы сразу отправляются по почте, а прежнему делегату — её отмена.',
    save: 'Сохранить делегатов',
    unattended: (slots: string) =>
      `Ни один из выбранных делегатов не будет на её встречах (${slots}): оставьте того, кто будет в это время, или отметьте ещё один контакт (новый делегат будет во всех слотах компании).`,
    changedMeanwhile:
      'Кто-то изменил эту регистрацию после того, как страница была открыта: вот она сейчас. Выберите ещё раз.',
    closed: 'Мероприятие уже прошло: состав участников больше не меняется.',
    noContacts: 'У компании нет контактов, которых можно отправить.',
    addContact: 'Добавить контакт компании',
  },
  vi: {
    title: (company: string) => `Đại biểu của ${company}`,
    intro:
      'Những người tham dự thay mặt công ty. Các yêu cầu và cuộc gặp vẫn giữ nguyên; cuộc gặp của đại biểu bị bỏ ra được chuyển cho người có mặt vào khung giờ đó. Khi một cuộc gặp đã công bố được chuyển cho đại biểu khác, các lịch trình thay đổi được gửi qua email ngay, và đại biểu trước đó nhận được thông báo hủy.',
    save: 'Lưu đại biểu',
    unattended: (slots: string) =>
      `Không đại biểu nào được chọn có mặt tại các cuộc gặp đã xếp lúc ${slots}: hãy giữ một người có mặt khi đó, hoặc chọn thêm một người liên hệ (đại biểu mới có mặt ở mọi khung giờ của công ty).`,
    changedMeanwhile:
      'Ai đó đã thay đổi đăng ký này sau khi trang được mở: đây là đăng ký hiện tại. Hãy chọn lại.',
    closed: 'Sự kiện đã diễn ra: danh sách người tham gia không thể thay đổi nữa.',
    noContacts: 'Công ty không có người liên hệ nào để cử đi.',
    addContact: 'Thêm người liên hệ cho công ty',
  },
});

/** Slots by their ids (`2027-03-16T10:00`, the event's local start) as the reader reads a time, in the event's zone. */
function slotWords(slots: readonly string[], event: Event, locale: Locale): string {
  return slots.map((slot) => formatDateTime(locale, slotTimes(event, slot).start, event.timeZone)).join('; ');
}

/**
 * A registered company's delegates changed in place, as `PATCH /v1/events/{id}/participants/{companyId}`
 * changes them (ParticipantChanges, at the version the form was filled from): its requests and meetings
 * stay, a scheduled meeting of a delegate taken out passes to a delegate kept who comes to its slot. A
 * delegate kept keeps the slots and zone it had; one added comes to all the company's slots. A
 * published meeting handed over moves the schedule to a new version, and the agendas it changed are
 * sent at once (ParticipantChanges).
 */
export function participantDelegatePages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const events = new EventRepository(deps.app.db);
  const members = memberReads(deps.app.db);
  const partners = partnerReads(deps.app.db);
  const changes = new ParticipantChanges({
    events,
    members,
    partners,
    clock: deps.app.clock,
    published: queueChangedAgendas(events, deps.app.sendQueue),
  });
  const route = `${eventPath}/participants/:companyId{${ulidPattern}}/delegates`;

  /** The event, the registration and the company's contacts that may be sent; a 404 for none. */
  async function read(c: Ctx) {
    const [event, participant] = await Promise.all([
      events.event(c.req.param('id') ?? '', { consistent: true }),
      events.participant(c.req.param('id') ?? '', c.req.param('companyId') ?? '', true),
    ]);
    if (!event || participant?.status !== 'registered') throw new NotFoundError('No such registration.');
    // Consistent: a contact just added on the record, whose form leads back here, is offered.
    const company =
      participant.card.kind === 'member'
        ? await members.get(participant.id, { consistent: true })
        : await partners.get(participant.id, { consistent: true });
    const contacts = (company?.contacts ?? []).filter((contact) => !contact.erasedAt);
    return { event, participant, contacts };
  }

  function page(
    c: Ctx,
    { event, participant, contacts }: { event: Event; participant: Participant; contacts: Contact[] },
    state: { chosen?: string[]; error?: string } = {},
    status: 200 | 409 | 412 | 422 = 200,
  ) {
    const locale = c.get('locale');
    const t = delegateText[locale];
    const title = t.title(companyName(participant.card));
    const chosen = state.chosen ?? participant.delegates.map((d) => d.contactId);
    // A delegate is one of the company's contacts: one not there yet is added on its record first,
    // whose form leads back here once saved.
    const back = encodeURIComponent(delegatesPath(event.id, participant.id));
    const addContact = (
      <p>
        <a href={`${companyPath(participant)}/contacts/new?back=${back}`}>{t.addContact}</a>
      </p>
    );
    c.status(status);
    return participantPage(
      c,
      event,
      title,
      !isBeforeHeld(event.state) ? (
        <p>{t.closed}</p>
      ) : contacts.length === 0 ? (
        <>
          <p>{t.noContacts}</p>
          {addContact}
        </>
      ) : (
        <form method="post" action={delegatesPath(event.id, participant.id)}>
          <p>{t.intro}</p>
          {state.error ? (
            <p role="alert" class="error" id="delegates-error" tabindex={-1} data-focus>
              {state.error}
            </p>
          ) : null}
          <input type="hidden" name="version" value={String(participant.version)} />
          <DelegateBoxes
            contacts={contacts}
            chosen={(contact) => chosen.includes(contact.id)}
            errorId={state.error ? 'delegates-error' : undefined}
            locale={locale}
          />
          <button type="submit">{t.save}</button>
          {addContact}
        </form>
      ),
    );
  }

  app.get(route, async (c) => page(c, await read(c)));

  app.post(route, async (c) => {
    const locale = c.get('locale');
    const t = delegateText[locale];
    const words = participantText[locale];
    const form = await c.req.parseBody({ all: true });
    const version = requiredFormVersion(form.version, 'registration');
    const held = await read(c);
    const { event, participant } = held;
    const chosen = [...new Set(many(valuesFrom(form, ['delegates'], new Set(['delegates'])), 'delegates'))];
    if (chosen.length === 0) return page(c, held, { chosen, error: words.chooseDelegate }, 422);
    if (chosen.length > maxDelegatesPerCompany) {
      return page(c, held, { chosen, error: words.tooManyDelegates(maxDelegatesPerCompany) }, 422);
    }
    try {
      // One already coming keeps its slots and zone (ParticipantChanges); one added comes to all.
      await changes.amend(
        event.id,
        participant.id,
        { delegates: chosen.map((contactId) => ({ contactId })) },
        version,
      );
    } catch (error) {
      if (error instanceof UnattendedMeetings) {
        return page(c, held, { chosen, error: t.unattended(slotWords(error.slots, event, locale)) }, 409);
      }
      if (error instanceof PreconditionFailedError) {
        return page(c, await read(c), { error: t.changedMeanwhile }, 412);
      }
      if (error instanceof ConflictError && error.field === 'state') {
        return page(c, held, { chosen, error: t.closed }, 409);
      }
      throw error;
    }
    return c.redirect(`/console/events/${event.id}/participants?changed=${participant.id}#done`, 303);
  });

  return app;
}
