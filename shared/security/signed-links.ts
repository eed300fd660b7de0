import { createHmac, timingSafeEqual } from 'node:crypto';

/** A key that signs links, named by the version its tokens carry. */
export interface LinkKey {
  version: string;
  key: Uint8Array;
}

const versionPattern = /^[0-9]{1,3}$/;
const expiryPattern = /^[0-9]{1,12}$/;
/** 128 bits of HMAC-SHA256, as the unsubscribe links carry: out of reach to forge, short in a URL. */
const macBytes = 16;

/**
 * The tokens of the links emails carry to act without an account (a partner's answer to a meeting
 * request, a side's to the follow-up question): `<key version>.<field>….<expiry>.<mac>`, fields being
 * ids. The MAC (HMAC-SHA256, truncated) covers all of it under the purpose's key (purpose-keys.ts) and
 * is compared in constant time. The newest key signs, and every key given verifies its own tokens, so
 * a new key can replace the old without voiding the links of emails sent under it.
 */
export class SignedLinks {
  private readonly signing: LinkKey;
  private readonly byVersion: Map<string, Uint8Array>;

  /** `keys`: the newest first; it signs. */
  constructor(keys: readonly LinkKey[], what: string) {
    if (keys.length === 0) throw new Error(`${what} needs a key.`);
    for (const { version } of keys) {
      if (!versionPattern.test(version)) throw new Error(`Not a key version: ${version}.`);
    }
    this.signing = keys[0]!;
    this.byVersion = new Map(keys.map((k) => [k.version, k.key]));
  }

  /** A token for the fields, valid until `expiresAt` (whole seconds, rounded down: never later). */
  sign(fields: readonly string[], expiresAt: number): string {
    const payload = [this.signing.version, ...fields, String(Math.floor(expiresAt / 1000))].join('.');
    return `${payload}.${mac(this.signing.key, payload).toString('base64url')}`;
  }

  /** The `count` fields of a token signed with one of the keys, and its expiry; else undefined. */
  verify(
    token: string,
    count: number,
    now: Date,
  ): { fields: string[]; expiresAt: Date; expired: boolean } | undefined {
    const parts = token.split('.');
    if (parts.length !== count + 3) return undefined;
    const key = this.byVersion.get(parts[0]!);
    const expiry = parts[count + 1]!;
    const given = parts[count + 2]!;
    if (!key || !expiryPattern.test(expiry)) return undefined;
    const givenMac = Buffer.from(given, 'base64url');
    const expected = mac(key, parts.slice(0, count + 2).join('.'));
    if (givenMac.length !== expected.length || !timingSafeEqual(givenMac, expected)) return undefined;
    // base64url decoding skips stray characters: only the exact encoding is the token.
    if (givenMac.toString('base64url') !== given) return undefined;
    const expiresAt = new Date(Number(expiry) * 1000);
    return {
      fields: parts.slice(1, count + 1),
      expiresAt,
      expired: now.getTime() >= expiresAt.getTime(),
    };
  }
}

const mac = (key: Uint8Array, payload: string): Buffer =>
  createHmac('sha256', key).update(payload).digest().subarray(0, macBytes);
