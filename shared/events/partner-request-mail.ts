import { AudienceRepository } from '../campaigns/audience-repository.ts';
import type { SendingDeps } from '../campaigns/sending-deps.ts';
import { sendTransactionalEmail } from '../campaigns/transactional-email.ts';
import type { Language } from '../domain/languages.ts';
import { quoted } from '../domain/quoted.ts';
import { EventRepository } from './event-repository.ts';
import { isBeforeHeld } from './event-states.ts';
import { requestAsOf } from './meeting-rules.ts';
import { requestAnswerUrl } from './partner-answer-links.ts';
import type { PartnerRequestMessage } from './partner-request-notifier.ts';
import { factLines, type RequestFacts, requestFacts } from './partner-request-texts.ts';

interface Texts {
  subject: (v: { from: string; event: string }) => string;
  intro: (v: { name: string; facts: RequestFacts; partner: string; organisation: string }) => string;
  open: string;
  after: string;
}

const texts: Record<Language, Texts> = {
  en: {
    subject: ({ from, event }) => `Meeting request from ${from}: ${event}`,
    intro: ({ name, facts, partner, organisation }) =>
      `Dear ${name}, ${facts.from} asks to meet ${partner} at ${facts.event}, organised by ${organisation}.`,
    open: 'Accept or decline',
    after:
      'The link works until the deadline above; a request unanswered by then expires. Accepted ' +
      'meetings are placed in the schedule, and you get your agenda when it is published.',
  },
  ru: {
    subject: ({ from, event }) => `Запрос на встречу от ${from}: ${event}`,
    intro: ({ name, facts, partner, organisation }) =>
      `${name}, здравствуйте! ${facts.from} предлагает ${partner} встретиться на мероприятии ` +
      `${quoted.ru(facts.event)}, которое проводит ${organisation}.`,
    open: 'Принять или отклонить',
    after:
      'Ссылка действует до указанного срока; запрос без ответа к этому времени истекает. Принятые ' +
      'встречи попадут в расписание, и вы получите свою программу, когда оно будет опубликовано.',
  },
  vi: {
    subject: ({ from, event }) => `Đề nghị gặp từ ${from}: ${event}`,
    intro: ({ name, facts, partner, organisation }) =>
      `Kính gửi ${name}, ${facts.from} đề nghị gặp ${partner} tại sự kiện ${quoted.vi(facts.event)} do ` +
      `${organisation} tổ chức.`,
    open: 'Chấp nhận hoặc từ chối',
    after:
      'Liên kết có hiệu lực đến hạn nêu trên; đề nghị chưa được trả lời đến lúc đó sẽ hết hạn. Các ' +
      'cuộc gặp được chấp nhận sẽ được xếp vào lịch, và bạn sẽ nhận lịch gặp khi lịch được công bố.',
  },
};

/**
 * Emails one delegate of a partner asked to meet the request and the link that answers it, in the
 * delegate's language: who asks (company and country), the topic, priority and reason, the event and
 * its days, and the deadline the link works until. Read when sent: nothing goes for a request no
 * longer pending (answered, withdrawn, expired), an event past taking answers, a delegate no longer
 * the partner's, or a contact erased or without a verified address. Transactional mail
 * (transactional-email.ts): a suppressed address gets nothing.
 */
export async function sendPartnerRequest(
  message: PartnerRequestMessage['partnerRequest'],
  deps: Pick<
    SendingDeps,
    'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender' | 'partnerAnswers'
  >,
): Promise<void> {
  const events = new EventRepository(deps.db);
  const { eventId, requestId, contactId } = message;
  const [event, request] = await Promise.all([
    events.event(eventId),
    events.request(eventId, requestId, true),
  ]);
  if (!event || !request || !isBeforeHeld(event.state)) return;
  if (requestAsOf(request, event.requestDeadline, deps.clock()).status !== 'pending') return;
  const [to, from] = await Promise.all([
    events.participant(eventId, request.to),
    events.participant(eventId, request.from),
  ]);
  if (!to || !from || to.card.kind !== 'partner' || to.status !== 'registered') return;
  const delegate = to.delegates.find((d) => d.contactId === contactId);
  if (!delegate) return;
  // The contact's audience entry holds its address as the partner's last write left it (none once it
  // is erased, or the partner erased or joined), so the sender bundles none of the partner code.
  const contact = await new AudienceRepository(deps.db).entry(to.id, contactId, 'partner');
  if (!contact?.email || !contact.verified) return;
  const language = delegate.language;
  const facts = requestFacts(event, request, from.card, language);
  const token = (await deps.partnerAnswers()).sign(
    { eventId, requestId, partnerId: to.id, contactId },
    event.requestDeadline,
  );
  const text = texts[language];
  await sendTransactionalEmail(
    {
      to: contact.email,
      language,
      subject: text.subject({ from: from.card.name, event: facts.event }),
      before: [
        text.intro({
          name: contact.contactName,
          facts,
          partner: contact.memberName,
          organisation: deps.sender.organisation.name,
        }),
        ...factLines(facts, language),
      ],
      link: { url: requestAnswerUrl(deps.sender.publicBaseUrl, token), label: text.open },
      after: [text.after],
      purpose: 'meeting-request',
      ids: { eventId, requestId, contactId },
    },
    deps,
  );
}
