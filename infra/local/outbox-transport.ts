import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailTransport, OutgoingEmail } from '../../shared/email/mail-transport.ts';
import { simulatedSesEvent } from './mail-simulator.ts';

/**
 * The local mail provider: each message is written to the outbox folder as one `.eml` file (the
 * bytes SES would get), which any mail client opens. The file appears whole or not at all. A message
 * to one of SES's simulator addresses also produces the event SES would publish for it.
 */
export class OutboxTransport implements MailTransport {
  constructor(
    private readonly dir: string,
    private readonly newId: () => string,
    /** Receives the events SES would publish for its simulator addresses (./mail-simulator.ts). */
    private readonly onProviderEvent: (sesEvent: unknown) => Promise<void> = async () => {},
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const messageId = this.newId();
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${messageId}.eml`);
    await writeFile(`${file}.tmp`, email.raw);
    await rename(`${file}.tmp`, file);
    const event = simulatedSesEvent(email, messageId, new Date());
    if (event) await this.onProviderEvent(event);
    return { messageId };
  }

  /** Deletes the copies of these messages (an erased member's); a copy already gone is fine. */
  async erase(messageIds: readonly string[]): Promise<void> {
    for (const messageId of messageIds) await rm(join(this.dir, `${messageId}.eml`), { force: true });
  }
}
