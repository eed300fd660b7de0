import { createTransport } from 'nodemailer';
import {
  MailNotAcceptedError,
  MailRejectedError,
  type MailTransport,
  type OutgoingEmail,
} from '../../shared/email/mail-transport.ts';

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
}

/**
 * `npm start` with `SMTP_URL` set (e.g. `smtp://user:pass@127.0.0.1:1025`, or Mailpit's): the same
 * bytes the outbox would hold go to that server, as-is (`raw`), with the envelope beside them. What
 * the server's answer proves decides what the sender may do next: a 4xx or a refused connection means
 * it has not taken the message (retried later); a 5xx that it never will (`failed`); anything after the
 * message was handed over (a timeout, a reset) may have come after it took it (`unknown`).
 */
export class SmtpTransport implements MailTransport {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(
    url: string,
    private readonly newId: () => string,
  ) {
    this.transport = createTransport(url);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      await this.transport.sendMail({ envelope: { from: email.from, to: [email.to] }, raw: email.raw });
    } catch (error) {
      const smtp = error as SmtpError;
      const code = smtp.responseCode ?? 0;
      // The server's own text often quotes the address: the message says only what it did.
      const what = `SMTP ${smtp.command ?? 'connection'} answered ${code || smtp.code || 'nothing'}`;
      if (code >= 400 && code < 500) throw new MailNotAcceptedError(what, { cause: error });
      if (code >= 500) throw new MailRejectedError(what, { cause: error });
      if (smtp.command === 'CONN' || smtp.code === 'ECONNECTION' || smtp.code === 'EAUTH') {
        throw new MailNotAcceptedError(what, { cause: error });
      }
      throw new Error(`${what}; the server may have taken the message`, { cause: error });
    }
    // SMTP has no provider message id to match events with (there are none): the transport names it.
    return { messageId: this.newId() };
  }

  close(): void {
    this.transport.close();
  }
}
