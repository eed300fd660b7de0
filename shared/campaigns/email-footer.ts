import type { Language } from '../domain/languages.ts';
import type { RenderedVariant } from './campaign-preview.ts';

/** Who sends the campaigns, as every email's footer names them (Decree 91/2020/ND-CP asks for it). */
export interface Organisation {
  name: string;
  postalAddress: string;
}

const unsubscribeLine: Record<Language, string> = {
  en: 'To stop receiving these emails, unsubscribe here:',
  ru: 'Чтобы больше не получать эти письма, отпишитесь по ссылке:',
  vi: 'Để ngừng nhận các email này, hãy hủy đăng ký tại:',
};

const unsubscribeLink: Record<Language, string> = {
  en: 'Unsubscribe',
  ru: 'Отписаться',
  vi: 'Hủy đăng ký',
};

/**
 * Whether a recipient is in Vietnam, by its company's country code as of dispatch (recipient.ts
 * `RecipientValues`; the merge value `country` is a name, but held the code before): Decree
 * 91/2020/ND-CP's rules (the subject label, the confirmation of an unsubscribe) apply to them.
 */
export const inVietnam = (values: { countryCode?: string; country?: string } | null) =>
  (values?.countryCode ?? values?.country) === 'VN';

/** Decree 91/2020/ND-CP: an advertising email's subject starts with this label. */
export const advertisingLabel = '[QC]';

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * What every campaign email adds to its variant, in the recipient's language: a footer that names the
 * sender (organisation, postal address) and ends with the unsubscribe link, in the text and the HTML
 * body alike, so a reader finds it without the mail client's button. For a recipient in Vietnam the
 * subject also starts with `[QC]`: Decree 91/2020/ND-CP on fighting spam messages, emails and calls
 * requires advertising emails to be labelled so at the start of the subject, to identify the sender,
 * and to end with a clear way to refuse further emails.
 */
export function withFooter(
  email: RenderedVariant,
  options: { language: Language; organisation: Organisation; unsubscribeUrl: string; inVietnam: boolean },
): RenderedVariant {
  const { language, organisation, unsubscribeUrl, inVietnam } = options;
  const sender = `${organisation.name}, ${organisation.postalAddress}`;
  const labelled = inVietnam && !email.subject.startsWith(advertisingLabel);
  return {
    subject: labelled ? `${advertisingLabel} ${email.subject}` : email.subject,
    text: `${email.text}\n\n-- \n${sender}\n${unsubscribeLine[language]} ${unsubscribeUrl}\n`,
    html:
      `${email.html}\n<hr>\n<p>${escapeHtml(sender)}<br>\n` +
      `${escapeHtml(unsubscribeLine[language])} <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(unsubscribeLink[language])}</a></p>\n`,
  };
}
