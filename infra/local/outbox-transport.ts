import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailTransport, OutgoingEmail } from '../../shared/email/mail-transport.ts';

/**
 * The local mail provider: each message is written to the outbox folder as one `.eml` file (the
 * bytes SES would get), which any mail client opens. The file appears whole or not at all.
 */
export class OutboxTransport implements MailTransport {
  constructor(
    private readonly dir: string,
    private readonly newId: () => string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const messageId = this.newId();
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${messageId}.eml`);
    await writeFile(`${file}.tmp`, email.raw);
    await rename(`${file}.tmp`, file);
    return { messageId };
  }
}
