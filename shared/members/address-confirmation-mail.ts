import { AudienceRepository } from '../campaigns/audience-repository.ts';
import type { SendingDeps } from '../campaigns/sending-deps.ts';
import { sendTransactionalEmail } from '../campaigns/transactional-email.ts';
import type { Language } from '../domain/languages.ts';
import {
  AddressConfirmations,
  type ConfirmationTarget,
  confirmationUrl,
  confirmationValidityMs,
  newConfirmationToken,
} from './address-confirmation.ts';

/** Asks the sender to email a contact the link that confirms its address. */
export interface AddressConfirmationMessage {
  confirmAddress: ConfirmationTarget;
}

interface Texts {
  subject: (company: string) => string;
  body: (v: { name: string; company: string; email: string; organisation: string }) => string;
  open: string;
  ignore: string;
}

const texts: Record<Language, Texts> = {
  en: {
    subject: (company) => `Confirm your email address for ${company}`,
    body: ({ name, company, email, organisation }) =>
      `Dear ${name}, ${company} has added ${email} as a contact address in the member directory of ` +
      `${organisation}. To confirm that this address is yours, open this link within 7 days:`,
    open: 'Confirm my address',
    ignore:
      'If you did not expect this email, ignore it: we send no other mail to this address unless it is confirmed.',
  },
  ru: {
    subject: (company) => `Подтвердите адрес электронной почты для ${company}`,
    body: ({ name, company, email, organisation }) =>
      `${name}, здравствуйте! ${company} указывает ${email} как адрес контактного лица в реестре членов ` +
      `${organisation}. Чтобы подтвердить, что это ваш адрес, откройте ссылку в течение 7 дней:`,
    open: 'Подтвердить адрес',
    ignore:
      'Если вы не ждали этого письма, просто не отвечайте на него: без подтверждения мы не пишем на этот адрес.',
  },
  vi: {
    subject: (company) => `Xác nhận địa chỉ email của bạn cho ${company}`,
    body: ({ name, company, email, organisation }) =>
      `Kính gửi ${name}, ${company} đã thêm ${email} làm địa chỉ liên hệ trong danh bạ hội viên của ` +
      `${organisation}. Để xác nhận địa chỉ này là của bạn, hãy mở liên kết sau trong vòng 7 ngày:`,
    open: 'Xác nhận địa chỉ của tôi',
    ignore:
      'Nếu bạn không chờ email này, hãy bỏ qua nó: chúng tôi không gửi thư nào khác tới địa chỉ này nếu chưa được xác nhận.',
  },
};

/**
 * Emails a contact whose address a member added the link that confirms it, in the contact's language.
 * A new link replaces the pending one (the older link stops working); nothing is sent for a contact
 * gone, erased or verified meanwhile. Transactional mail (transactional-email.ts): a suppressed
 * address gets nothing, and a send that may have gone is not retried, so nobody gets two links: the
 * member can ask for another.
 */
export async function sendAddressConfirmation(
  target: ConfirmationTarget,
  deps: Pick<SendingDeps, 'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender'>,
): Promise<void> {
  // The contact's audience entry holds all the email needs (its member's write keeps it current), so the
  // sender reads no member and bundles none of the member code.
  const contact = await new AudienceRepository(deps.db).entry(target.memberId, target.contactId);
  if (!contact?.email || contact.verified) return;
  const now = deps.clock();
  const { token, secretHash } = newConfirmationToken(target);
  await new AddressConfirmations(deps.db).put({
    ...target,
    email: contact.email,
    language: contact.contactLanguage,
    secretHash,
    validUntil: new Date(now.getTime() + confirmationValidityMs).toISOString(),
  });
  const text = texts[contact.contactLanguage];
  await sendTransactionalEmail(
    {
      to: contact.email,
      language: contact.contactLanguage,
      subject: text.subject(contact.memberName),
      before: [
        text.body({
          name: contact.contactName,
          company: contact.memberName,
          email: contact.email,
          organisation: deps.sender.organisation.name,
        }),
      ],
      link: { url: confirmationUrl(deps.sender.publicBaseUrl, token), label: text.open },
      after: [text.ignore],
      purpose: 'address-confirmation',
      ids: { ...target },
    },
    deps,
  );
}
