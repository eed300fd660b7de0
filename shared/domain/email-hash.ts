import { createHmac } from 'node:crypto';

/** An address as the suppression list holds it: which key hashed it, and the hash. */
export interface EmailHash {
  keyVersion: string;
  hmac: string;
}

/**
 * A keyed one-way hash of an email: enough to refuse sending to it again, not enough to recover it,
 * and, unlike a plain SHA-256, not open to guessing addresses offline without the key. The key is
 * passed in by the runtime (shared/security/purpose-keys.ts); `keyVersion` names it, so an entry
 * written under one key stays checkable after a later key joins it.
 */
export class EmailHasher {
  constructor(
    readonly keyVersion: string,
    private readonly key: Uint8Array,
  ) {}

  hash(email: string): EmailHash {
    const normalised = email.trim().toLowerCase();
    return {
      keyVersion: this.keyVersion,
      hmac: createHmac('sha256', this.key).update(normalised).digest('hex'),
    };
  }
}
