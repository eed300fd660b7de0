import MailComposer from 'nodemailer/lib/mail-composer';
import type { Language } from '../domain/member-schema.ts';

export interface EmailContent {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  language: Language;
  /** Further headers (List-Unsubscribe and its kin). */
  headers?: Record<string, string>;
  /** The Message-ID's local part, so that a message is recognisable in the outbox and in logs. */
  messageId: string;
  /** The Message-ID's domain (the sending domain). */
  domain: string;
  date: Date;
  /** Files the message carries (an agenda's `.ics`), from the strings or bytes given, never a path or URL. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  content: string | Buffer;
  /** With its parameters, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
}

/**
 * The one MIME path for every email (nodemailer's MailComposer: RFC 2047 encoded words for non-ASCII
 * subjects and names, quoted-printable or base64 bodies, multipart/alternative of text and HTML, in a
 * multipart/mixed with the attachments, if any).
 * Content comes only from the strings given: file and URL access are off, so a template can never
 * pull a local file or a remote resource into a message.
 */
export function composeEmail(content: EmailContent): Promise<Buffer> {
  const composer = new MailComposer({
    from: content.from,
    to: content.to,
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    subject: content.subject,
    text: content.text,
    html: content.html,
    date: content.date,
    messageId: `<${content.messageId}@${content.domain}>`,
    headers: { 'Content-Language': content.language, ...content.headers },
    ...(content.attachments?.length
      ? {
          attachments: content.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        }
      : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message)));
  });
}
