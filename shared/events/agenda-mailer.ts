import { AudienceRepository } from '../campaigns/audience-repository.ts';
import type { SendingDeps } from '../campaigns/sending-deps.ts';
import { sendTransactionalEmail } from '../campaigns/transactional-email.ts';
import { PreconditionFailedError } from '../domain/errors.ts';
import { type Language, textIn } from '../domain/languages.ts';
import { quoted } from '../domain/quoted.ts';
import { logger } from '../observability/logger.ts';
import { type Agenda, type AgendaCancellation, agendaOf, agendaSentTo, noLongerSent } from './agenda.ts';
import { AgendaBusyError, AgendaClaims } from './agenda-claims.ts';
import { agendaIcs, meetingLines, timesIn } from './agenda-ics.ts';
import { type AgendaMessage, agendaToSend } from './agenda-queue.ts';
import { EventRepository } from './event-repository.ts';
import type { Delegate, Event, Participant } from './event-schema.ts';
import { zoneInline } from './zone-names.ts';

/**
 * Agenda emails, the sending half: the campaign worker emails each delegate of a participant queued by
 * agenda-queue.ts (which says when one is queued, and sent) its own meetings, in the delegate's
 * language, with them as an `.ics`, then records on the participant the version and the digest of what
 * went (`agendaSent`, `agendaHash`).
 */

interface Texts {
  subject: (event: string, update: boolean) => string;
  intro: (name: string, event: string) => string;
  zones: (eventZone: string, delegateZone: string) => string;
  none: string;
  cancelled: (when: string) => string;
  handedOver: (when: string) => string;
  /** Why every meeting is cancelled, when one reason covers them all. */
  notice: Record<AgendaNotice, string>;
  calendar: string;
}

/** The whole event cancelled, or the delegate's company withdrawn from it. */
type AgendaNotice = 'event-cancelled' | 'withdrawn';

const texts: Record<Language, Texts> = {
  en: {
    subject: (event, update) => `${update ? 'Updated: your' : 'Your'} B2B meetings at ${event}`,
    intro: (name, event) => `Dear ${name}, here are your meetings at ${event}.`,
    zones: (eventZone, delegateZone) =>
      eventZone === delegateZone
        ? `Times are local (${eventZone}).`
        : `Times are given for the event (${eventZone}) and for you (${delegateZone}).`,
    none: 'You have no meetings at the moment.',
    cancelled: (when) => `Cancelled: the meeting on ${when}.`,
    handedOver: (when) =>
      `The meeting on ${when} is now attended by a colleague of yours; it is taken out of your calendar.`,
    notice: {
      'event-cancelled': 'The event has been cancelled: none of its meetings take place.',
      withdrawn: 'Your company has withdrawn from the event: its meetings do not take place.',
    },
    calendar: 'The attached agenda.ics puts the meetings in your calendar; a newer one updates them.',
  },
  ru: {
    subject: (event, update) => `${update ? 'Обновлено: ваши' : 'Ваши'} B2B-встречи — ${event}`,
    intro: (name, event) => `${name}, здравствуйте! Ваши встречи на мероприятии ${quoted.ru(event)}.`,
    zones: (eventZone, delegateZone) =>
      eventZone === delegateZone
        ? `Время местное (${eventZone}).`
        : `Время указано по месту мероприятия (${eventZone}) и по вашему часовому поясу (${delegateZone}).`,
    none: 'Сейчас у вас нет встреч.',
    cancelled: (when) => `Отменена встреча: ${when}.`,
    handedOver: (when) => `Встречу ${when} теперь ведёт ваш коллега; из вашего календаря она удалена.`,
    notice: {
      'event-cancelled': 'Мероприятие отменено: встречи на нём не состоятся.',
      withdrawn: 'Ваша компания отказалась от участия в мероприятии: её встречи не состоятся.',
    },
    calendar: 'Приложенный файл agenda.ics добавит встречи в ваш календарь; более новый файл обновит их.',
  },
  vi: {
    subject: (event, update) => `${update ? 'Cập nhật: lịch' : 'Lịch'} gặp gỡ B2B của bạn tại ${event}`,
    intro: (name, event) => `Kính gửi ${name}, đây là các cuộc gặp của bạn tại ${event}.`,
    zones: (eventZone, delegateZone) =>
      eventZone === delegateZone
        ? `Thời gian theo giờ địa phương (${eventZone}).`
        : `Thời gian theo giờ của sự kiện (${eventZone}) và theo giờ của bạn (${delegateZone}).`,
    none: 'Hiện bạn chưa có cuộc gặp nào.',
    cancelled: (when) => `Đã hủy: cuộc gặp ${when}.`,
    handedOver: (when) =>
      `Cuộc gặp ${when} đã được chuyển cho một đồng nghiệp của bạn và được xóa khỏi lịch của bạn.`,
    notice: {
      'event-cancelled': 'Sự kiện đã bị hủy: các cuộc gặp tại sự kiện sẽ không diễn ra.',
      withdrawn: 'Công ty của bạn đã rút khỏi sự kiện: các cuộc gặp của công ty sẽ không diễn ra.',
    },
    calendar: 'Tệp agenda.ics đính kèm đưa các cuộc gặp vào lịch của bạn; tệp mới hơn sẽ cập nhật chúng.',
  },
};

/**
 * One delegate's email: its own meetings (and cancellations), with them as a calendar file. The
 * meetings `handedOver` to a colleague since its last agenda are cancelled in its calendar too, and
 * said to be its colleague's now; a `notice` says why, when one reason cancels them all.
 */
export function agendaEmailOf(
  agenda: Agenda,
  delegate: Pick<Delegate, 'name' | 'language' | 'timeZone'>,
  options: {
    update: boolean;
    stamp: Date;
    handedOver?: readonly AgendaCancellation[];
    notice?: AgendaNotice | undefined;
  },
): { subject: string; paragraphs: string[]; after: string[]; ics: string } {
  const language = delegate.language;
  const text = texts[language];
  const eventName = textIn(agenda.event.name, language);
  const zone = delegate.timeZone ?? agenda.event.timeZone;
  const handed = options.handedOver ?? [];
  const when = (c: AgendaCancellation) => timesIn(c, agenda.event.timeZone, language);
  // The delegate reads its own name nowhere: each meeting here is its own.
  const meetings = agenda.meetings.map((m) => meetingLines(m, language, { ownDelegate: false }).join('; '));
  // The zones' offsets as of the agenda's first meeting, or cancellation (a zone may change its own).
  const at = Date.parse(
    agenda.meetings[0]?.start ?? agenda.cancelled[0]?.start ?? options.stamp.toISOString(),
  );
  return {
    subject: text.subject(eventName, options.update),
    paragraphs: [
      text.intro(delegate.name, eventName),
      ...(options.notice ? [text.notice[options.notice]] : []),
      text.zones(zoneInline(agenda.event.timeZone, language, at), zoneInline(zone, language, at)),
      ...(meetings.length > 0 ? meetings : [text.none]),
      ...agenda.cancelled.map((c) => text.cancelled(when(c))),
      ...handed.map((c) => text.handedOver(when(c))),
    ],
    after: [text.calendar],
    ics: agendaIcs(
      { ...agenda, cancelled: [...agenda.cancelled, ...handed] },
      { language, stamp: options.stamp },
    ),
  };
}

/**
 * Sends a participant's delegates their agendas of the published schedule `scheduleVersion`, unless
 * it was sent or did not change (see above). A delegate's address is its contact's current one, as
 * its company's last write left it (the audience entry, read strongly); an erased contact, one without
 * an address, or an address not confirmed yet gets nothing (the confirmation email promises no other
 * mail before), and a suppressed address nothing either (transactional-email.ts). Each delegate's
 * cancellations are the meetings the last agenda sent it that it no longer has (a colleague's now, or
 * off the schedule: agenda.ts `noLongerSent`), so a delegate taken out is sent them too, as its contact
 * is named and speaks now; a participant whose last agenda predates that record is sent, as before,
 * every cancelled meeting that names the delegate. One delivery at a time works on a participant
 * (agenda-claims.ts): another finds it claimed and fails with `AgendaBusyError`, to be delivered again
 * once the first has recorded what it sent.
 */
export async function sendAgenda(target: AgendaMessage['agenda'], deps: AgendaSendingDeps): Promise<void> {
  const claims = new AgendaClaims(deps.db);
  const token = deps.newId();
  const now = deps.clock();
  const claim = await claims.claim(target.eventId, target.companyId, token, now);
  if (!claim.taken) {
    throw new AgendaBusyError(
      `Another delivery is sending the agendas of ${target.companyId} at event ${target.eventId}.`,
      // A second after it lapses: the claim is taken only once its time is past.
      Math.max(0, (claim.heldUntil.getTime() - now.getTime()) / 1000) + 1,
    );
  }
  try {
    await sendClaimed(target, deps);
  } finally {
    // A claim not given up lapses: failing this delivery for it would only have it refused by itself.
    await claims
      .release(target.eventId, target.companyId, token)
      .catch((error: unknown) =>
        logger.warn('agenda claim not given up', { ...target, error: error as Error }),
      );
  }
}

type AgendaSendingDeps = Pick<SendingDeps, 'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender'>;

async function sendClaimed(target: AgendaMessage['agenda'], deps: AgendaSendingDeps): Promise<void> {
  const events = new EventRepository(deps.db);
  const records = await events.records(target.eventId);
  if (!records) return;
  const { event } = records;
  // A message of an earlier version sends the latest agenda, if its delegates lack it: the later
  // version's own message then finds it sent, and a later change whose queueing failed loses nothing.
  if (event.scheduleVersion < target.scheduleVersion) {
    throw new Error(
      `event ${event.id} is at schedule ${event.scheduleVersion}, the message at ${target.scheduleVersion}`,
    );
  }
  const participant = records.participants.find((p) => p.id === target.companyId);
  if (!participant) return;
  const toSend = agendaToSend(records, participant);
  if (!toSend) return;
  const audience = new AudienceRepository(deps.db);
  const stamp = deps.clock();
  const lost = noLongerSent({ ...records, participant });
  const notice: AgendaNotice | undefined =
    event.state === 'cancelled'
      ? 'event-cancelled'
      : participant.status === 'withdrawn'
        ? 'withdrawn'
        : undefined;
  const contactIds = new Set([...participant.delegates.map((d) => d.contactId), ...lost.keys()]);
  let sent = 0;
  for (const contactId of contactIds) {
    const agenda = agendaOf({ ...records, participant }, { view: 'member', delegate: contactId });
    const changes = lost.get(contactId);
    const own =
      participant.agendaSentTo === undefined ? agenda : { ...agenda, cancelled: changes?.cancelled ?? [] };
    const handed = changes?.handedOver ?? [];
    if (own.meetings.length === 0 && own.cancelled.length === 0 && handed.length === 0) continue;
    const ids = { eventId: event.id, companyId: participant.id, contactId };
    const contact = await audience.entry(participant.id, contactId, participant.card.kind);
    if (!contact?.email || !contact.verified) {
      logger.info('agenda not sent: the delegate has no confirmed address', ids);
      continue;
    }
    const delegate = participant.delegates.find((d) => d.contactId === contactId) ?? {
      name: contact.contactName,
      language: contact.contactLanguage,
    };
    const email = agendaEmailOf(own, delegate, {
      update: participant.agendaHash !== undefined,
      stamp,
      handedOver: handed,
      notice,
    });
    await sendTransactionalEmail(
      {
        to: contact.email,
        language: delegate.language,
        subject: email.subject,
        before: email.paragraphs,
        after: email.after,
        attachments: [
          {
            filename: 'agenda.ics',
            content: email.ics,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          },
        ],
        purpose: 'event-agenda',
        ids,
      },
      deps,
    );
    sent++;
  }
  await recordSent(events, event, participant, toSend, deps.clock().toISOString());
  logger.info('agenda sent', { eventId: event.id, companyId: participant.id, delegates: sent });
}

/** Records the version and digest sent, on the participant as it is now (a write may have raced). */
async function recordSent(
  events: EventRepository,
  event: Event,
  read: Participant,
  sentAgenda: { agenda: Agenda; digest: string },
  now: string,
) {
  let before: Participant | undefined = read;
  for (let attempt = 1; before && before.agendaSent < event.scheduleVersion; attempt++) {
    const after: Participant = {
      ...before,
      agendaSent: event.scheduleVersion,
      agendaHash: sentAgenda.digest,
      agendaSentTo: agendaSentTo(sentAgenda.agenda),
      version: before.version + 1,
      updatedAt: now,
    };
    try {
      await events.write([{ kind: 'participant', event, before, after }]);
      return;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt === 3) throw error;
      before = await events.participant(event.id, read.id, true);
    }
  }
}
