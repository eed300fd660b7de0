import { createHash } from 'node:crypto';

/** A one-way hash of an email: enough to refuse sending to it again, not enough to recover it. */
export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
