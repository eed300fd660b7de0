import { AudienceRepository } from '../campaigns/audience-repository.ts';
import type { SendingDeps } from '../campaigns/sending-deps.ts';
import { sendTransactionalEmail } from '../campaigns/transactional-email.ts';
import type { Language } from '../domain/languages.ts';
import { quoted } from '../domain/quoted.ts';
import { EventRepository } from './event-repository.ts';
import type { FollowUpMessage } from './follow-up.ts';
import { FollowUpLinks, followUpLinkDays, followUpUrl } from './follow-up-links.ts';
import { followUpFacts, followUpTexts } from './follow-up-texts.ts';

const subjects: Record<Language, (event: string) => string> = {
  en: (event) => `After ${event}: did you reach an agreement?`,
  ru: (event) => `После мероприятия ${quoted.ru(event)}: удалось ли договориться?`,
  vi: (event) => `Sau sự kiện ${quoted.vi(event)}: hai bên đã đạt thỏa thuận chưa?`,
};

const afterTexts: Record<Language, string> = {
  en: 'One click answers; you can change your answer through the other link. The links work for 60 days.',
  ru: 'Ответ — один щелчок; изменить его можно по другой ссылке. Ссылки действуют 60 дней.',
  vi: 'Chỉ cần một lần nhấp để trả lời; bạn có thể đổi câu trả lời bằng liên kết còn lại. Liên kết có hiệu lực 60 ngày.',
};

/**
 * Emails one delegate of one side of a held meeting the follow-up question (issue 11): "At <event> on
 * <date> you met <counterpart>. Did you reach a cooperation agreement?", with a yes and a no link to
 * the page that answers it (follow-up-links.ts signs them for 60 days), in the delegate's language.
 * Read when sent: nothing goes for a meeting no longer held, a side that answered meanwhile, a
 * delegate no longer the side's, or a contact erased or without a verified address. Transactional
 * mail (transactional-email.ts): no consent is needed, a suppressed address gets nothing.
 */
export async function sendFollowUp(
  message: FollowUpMessage['followUp'],
  deps: Pick<SendingDeps, 'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender' | 'followUpKey'>,
): Promise<void> {
  const events = new EventRepository(deps.db);
  const { eventId, meetingId, companyId, contactId } = message;
  const [event, meeting] = await Promise.all([
    events.event(eventId),
    events.meeting(eventId, meetingId, true),
  ]);
  if (!event || !meeting || meeting.state !== 'held') return;
  if (event.state !== 'held' && event.state !== 'closed') return;
  if (meeting.outcomes[companyId]?.agreement !== undefined) return;
  const otherId = meeting.a === companyId ? meeting.b : meeting.a;
  const [side, other] = await Promise.all([
    events.participant(eventId, companyId),
    events.participant(eventId, otherId),
  ]);
  if (!side || !other || (meeting.a !== companyId && meeting.b !== companyId)) return;
  const delegate = side.delegates.find((d) => d.contactId === contactId);
  if (!delegate) return;
  // The audience entry holds the address as the company's last write left it: none once erased.
  const contact = await new AudienceRepository(deps.db).entry(side.id, contactId, side.card.kind);
  if (!contact?.email || !contact.verified) return;
  const language = delegate.language;
  const text = followUpTexts[language];
  const facts = followUpFacts(event, meeting.slot, other.card, language);
  const expiresAt = new Date(deps.clock().getTime() + followUpLinkDays * 24 * 60 * 60 * 1000);
  const token = new FollowUpLinks([await deps.followUpKey()]).sign(
    { eventId, meetingId, companyId },
    expiresAt,
  );
  const url = followUpUrl(deps.sender.publicBaseUrl, token);
  await sendTransactionalEmail(
    {
      to: contact.email,
      language,
      subject: subjects[language](facts.event),
      before: [`${contact.contactName}, ${text.question(facts)}`],
      links: [
        { url: `${url}?answer=yes&lang=${language}`, label: text.yes },
        { url: `${url}?answer=no&lang=${language}`, label: text.no },
      ],
      after: [afterTexts[language]],
      purpose: 'event-follow-up',
      ids: { eventId, meetingId, contactId },
    },
    deps,
  );
}
