import { AudienceRepository } from '../campaigns/audience-repository.ts';
import type { SendingDeps } from '../campaigns/sending-deps.ts';
import { sendTransactionalEmail } from '../campaigns/transactional-email.ts';
import type { Language } from '../domain/languages.ts';
import { linkUrl, newLinkToken } from '../security/link-token.ts';
import { AccountRepository, invitationPath, invitationValidityMs } from './member-accounts.ts';

/** Asks the sender to email a contact the link that opens its account. */
export interface InvitationMessage {
  invite: { memberId: string; contactId: string; accountId: string };
}

interface Texts {
  subject: (company: string) => string;
  body: (v: { name: string; company: string; organisation: string }) => string;
  open: string;
  expiry: string;
}

const texts: Record<Language, Texts> = {
  en: {
    subject: (company) => `Your account for ${company}`,
    body: ({ name, company, organisation }) =>
      `Dear ${name}, ${organisation} invites you to an account for ${company}, to keep its profile in the ` +
      'member directory up to date. Choose your password here:',
    open: 'Set my password',
    expiry: 'The link works once, for 7 days. If you did not expect this email, ignore it.',
  },
  ru: {
    subject: (company) => `Ваша учётная запись для ${company}`,
    body: ({ name, company, organisation }) =>
      `${name}, здравствуйте! ${organisation} приглашает вас в учётную запись ${company}, чтобы вы сами ` +
      'обновляли данные компании в реестре членов. Задайте пароль по ссылке:',
    open: 'Задать пароль',
    expiry: 'Ссылка действует один раз в течение 7 дней. Если вы не ждали этого письма, просто удалите его.',
  },
  vi: {
    subject: (company) => `Tài khoản của bạn cho ${company}`,
    body: ({ name, company, organisation }) =>
      `Kính gửi ${name}, ${organisation} mời bạn dùng tài khoản của ${company} để tự cập nhật hồ sơ ` +
      'doanh nghiệp trong danh bạ hội viên. Hãy đặt mật khẩu tại đây:',
    open: 'Đặt mật khẩu',
    expiry: 'Liên kết chỉ dùng được một lần trong 7 ngày. Nếu bạn không chờ email này, hãy bỏ qua nó.',
  },
};

/**
 * Emails a contact the link that opens its account, in the contact's language: a new link replaces
 * the pending one (the older stops working). Nothing is sent for an account no longer invited or a
 * contact gone; the rest is transactional mail's (transactional-email.ts).
 */
export async function sendInvitation(
  invite: InvitationMessage['invite'],
  deps: Pick<SendingDeps, 'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender'>,
): Promise<void> {
  const accounts = new AccountRepository(deps.db);
  const account = await accounts.get(invite.memberId, invite.accountId);
  if (account?.state !== 'invited') return;
  const contact = await new AudienceRepository(deps.db).entry(invite.memberId, invite.contactId);
  // The account signs in with the address it was invited at: a contact that has another one since
  // gets no link for it (a write of its contacts revokes the account).
  if (!contact?.email || !contact.verified || contact.email.toLowerCase() !== account.email.toLowerCase())
    return;
  const { token, secretHash } = newLinkToken([invite.memberId, invite.contactId]);
  await accounts.putInvitation({
    ...invite,
    email: contact.email,
    language: contact.contactLanguage,
    secretHash,
    validUntil: new Date(deps.clock().getTime() + invitationValidityMs).toISOString(),
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
          organisation: deps.sender.organisation.name,
        }),
      ],
      link: {
        url: linkUrl(deps.sender.publicBaseUrl, invitationPath, token),
        label: text.open,
      },
      after: [text.expiry],
      purpose: 'account-invitation',
      ids: { ...invite },
    },
    deps,
  );
}
