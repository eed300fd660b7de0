import type { Language } from '../domain/languages.ts';
import { RecipientRepository } from './recipient-repository.ts';
import type { SendingDeps } from './sending-deps.ts';
import { sendTransactionalEmail } from './transactional-email.ts';
import type { UnsubscribeTarget } from './unsubscribe-token.ts';

/** Asks the sender to confirm a recipient's unsubscribe to it, as Vietnam's Decree 91/2020 asks. */
export interface UnsubscribeConfirmationMessage {
  unsubscribed: UnsubscribeTarget & { at: string };
}

interface Texts {
  subject: string;
  body: (v: { email: string; at: string; organisation: string }) => string;
}

const texts: Record<Language, Texts> = {
  vi: {
    subject: 'Xác nhận từ chối nhận email quảng cáo',
    body: ({ email, at, organisation }) =>
      `Chúng tôi đã nhận được yêu cầu từ chối nhận email quảng cáo của bạn lúc ${at}. ` +
      `${organisation} sẽ không gửi thêm email quảng cáo nào tới ${email}.`,
  },
  en: {
    subject: 'Your unsubscribe is confirmed',
    body: ({ email, at, organisation }) =>
      `We received your request to stop advertising emails at ${at}. ${organisation} will send no ` +
      `more of them to ${email}.`,
  },
  ru: {
    subject: 'Отписка подтверждена',
    body: ({ email, at, organisation }) =>
      `Мы получили ваш запрос об отказе от рекламных писем ${at}. ${organisation} больше не будет ` +
      `присылать их на ${email}.`,
  },
};

/** The time of receipt as the recipient reads it: Vietnam's time, with its zone named. */
function receivedAt(at: string, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
    timeZoneName: 'short',
  }).format(new Date(at));
}

/**
 * Decree 91/2020/ND-CP (Art. 16) asks an advertiser, right after a refusal, to confirm it received the
 * request, saying when, and to stop sending. It is written for text messages; we read it as covering
 * emails too, for recipients in Vietnam, and send this one transactional email in the recipient's
 * language (the unsubscribe page has confirmed it already). A recipient erased meanwhile has no
 * address and gets nothing.
 */
export async function sendUnsubscribeConfirmation(
  target: UnsubscribeConfirmationMessage['unsubscribed'],
  deps: Pick<SendingDeps, 'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender'>,
): Promise<void> {
  const recipient = await new RecipientRepository(deps.db).get(target.campaignId, target.contactId);
  if (!recipient?.email || !recipient.language) return;
  const text = texts[recipient.language];
  await sendTransactionalEmail(
    {
      to: recipient.email,
      language: recipient.language,
      subject: text.subject,
      before: [
        text.body({
          email: recipient.email,
          at: receivedAt(target.at, recipient.language),
          organisation: deps.sender.organisation.name,
        }),
      ],
      purpose: 'unsubscribe-confirmation',
      ids: { campaignId: target.campaignId, contactId: target.contactId },
    },
    deps,
  );
}
