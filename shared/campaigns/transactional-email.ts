import type { Language } from '../domain/languages.ts';
import { composeEmail, type EmailAttachment } from '../email/compose-email.ts';
import { MailNotAcceptedError } from '../email/mail-transport.ts';
import { logger } from '../observability/logger.ts';
import { escapeHtml } from './email-footer.ts';
import type { SendingDeps } from './sending-deps.ts';
import { isSuppressed } from './suppression-list.ts';

/** One transactional email: paragraphs of plain text, and at most one link as its own paragraph. */
export interface TransactionalEmail {
  to: string;
  language: Language;
  subject: string;
  /** Paragraphs before the link (or all of them, without one). */
  before: string[];
  link?: { url: string; label: string };
  /** Instead of one link, several, each its own paragraph, labelled in the text part too (yes / no). */
  links?: { url: string; label: string }[];
  after?: string[];
  /** Files attached (an agenda's `.ics`). */
  attachments?: EmailAttachment[];
  /** The SES `purpose` tag: what the email is, for its events and the logs. */
  purpose: string;
  /** Ids (never addresses) the logs name the email by. */
  ids: Record<string, string>;
}

/**
 * Sends a transactional email (an address confirmation, an unsubscribe's confirmation) as campaign
 * emails go (one MIME path, the sender's transport), signed with the organisation. It checks the
 * suppression list and nothing else: no consent is needed for it, but a suppressed address gets no
 * mail at all. A provider that certainly refused it (throttling) throws, so the queue delivers the
 * message again; any other failure is logged and not retried, so nobody gets it twice. Resolves to
 * whether it went to the provider.
 */
export async function sendTransactionalEmail(
  email: TransactionalEmail,
  deps: Pick<SendingDeps, 'db' | 'clock' | 'newId' | 'suppression' | 'transport' | 'sender'>,
): Promise<boolean> {
  if (await isSuppressed(deps.db, await deps.suppression(), email.to)) {
    logger.info(`${email.purpose} not sent: the address is suppressed`, email.ids);
    return false;
  }
  const { organisation } = deps.sender;
  const signature = `${organisation.name}, ${organisation.postalAddress}`;
  const after = email.after ?? [];
  const links = email.links ?? [];
  const text = [
    ...email.before,
    ...(email.link ? [email.link.url] : []),
    ...links.map((l) => `${l.label}: ${l.url}`),
    ...after,
  ].join('\n\n');
  const paragraph = (p: string) => `<p>${escapeHtml(p)}</p>\n`;
  const anchor = (l: { url: string; label: string }) =>
    `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></p>\n`;
  const html =
    email.before.map(paragraph).join('') +
    (email.link ? anchor(email.link) : '') +
    links.map(anchor).join('') +
    after.map(paragraph).join('');
  const raw = await composeEmail({
    from: deps.sender.from,
    to: email.to,
    subject: email.subject,
    text: `${text}\n\n-- \n${signature}\n`,
    html: `${html}<hr>\n${paragraph(signature)}`,
    language: email.language,
    messageId: deps.newId(),
    domain: deps.sender.domain,
    date: deps.clock(),
    ...(email.attachments?.length ? { attachments: email.attachments } : {}),
  });
  try {
    await deps.transport.send({
      from: deps.sender.from,
      to: email.to,
      raw,
      tags: { purpose: email.purpose },
    });
    return true;
  } catch (error) {
    if (error instanceof MailNotAcceptedError) throw error;
    logger.error(`${email.purpose}: send outcome unknown, not retried`, {
      ...email.ids,
      error: error as Error,
    });
    return false;
  }
}
