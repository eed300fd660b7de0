import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpTransport } from '../../infra/local/smtp-transport.ts';
import { MailNotAcceptedError, MailRejectedError } from '../../shared/email/mail-transport.ts';

/**
 * The SMTP transport against a real SMTP server on loopback (smtp-server, the library nodemailer's
 * author keeps for this): what arrives is the message's bytes, and each kind of refusal maps to what
 * the sender may do next.
 */
const received: { from: string; to: string[]; raw: string }[] = [];
let server: SMTPServer;
let url: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('busy@')) {
        return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
      }
      if (address.address.startsWith('nobody@')) {
        return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const email = (to: string) => ({
  from: 'outreach@example.org',
  to,
  raw: Buffer.from(`From: outreach@example.org\r\nTo: ${to}\r\nSubject: Hi\r\n\r\nHello ${to}\r\n`),
  tags: {},
});

describe('sending through SMTP (SMTP_URL)', () => {
  it('hands the server the message as built, with its envelope', async () => {
    const transport = new SmtpTransport(url, () => 'id-1');
    expect(await transport.send(email('lan@example.vn'))).toEqual({ messageId: 'id-1' });
    transport.close();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'outreach@example.org', to: ['lan@example.vn'] });
    expect(received[0]!.raw).toContain('Hello lan@example.vn');
  });

  it('answers a 4xx or a refused connection as not accepted (retry), a 5xx as rejected for good', async () => {
    const transport = new SmtpTransport(url, () => 'id-2');
    await expect(transport.send(email('busy@example.vn'))).rejects.toBeInstanceOf(MailNotAcceptedError);
    await expect(transport.send(email('nobody@example.vn'))).rejects.toBeInstanceOf(MailRejectedError);
    transport.close();
    const closed = new SmtpTransport('smtp://127.0.0.1:9', () => 'id-3');
    await expect(closed.send(email('lan@example.vn'))).rejects.toBeInstanceOf(MailNotAcceptedError);
    closed.close();
    expect(received.map((r) => r.to[0])).toEqual(['lan@example.vn']);
  });
});
