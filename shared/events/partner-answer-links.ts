import { createHmac, timingSafeEqual } from 'node:crypto';
import { linkUrl } from '../security/link-token.ts';

/** Where the public function answers a partner's link: `GET`/`POST <base>/event-requests/<token>`. */
export const requestAnswerPath = '/event-requests';

export function requestAnswerUrl(baseUrl: string, token: string): string {
  return linkUrl(baseUrl, requestAnswerPath, token);
}

/** Which request a link answers, for which partner, sent to which of its delegates. */
export interface AnswerLinkTarget {
  eventId: string;
  /** The request's id: the two participants' ids, sorted, joined by `-`. */
  requestId: string;
  /** The requested participant (the request's `to`), a partner. */
  partnerId: string;
  /** The delegate the link was emailed to, whose language the page speaks. */
  contactId?: string;
}

/** A key that signs answer links, named by the version its tokens carry. */
export interface AnswerLinkKey {
  version: string;
  key: Uint8Array;
}

const ulid = '[0-9A-HJKMNP-TV-Z]{26}';
const ulidPattern = new RegExp(`^${ulid}$`);
const pairPattern = new RegExp(`^(${ulid})-(${ulid})$`);
const versionPattern = /^[0-9]{1,3}$/;
const expiryPattern = /^[0-9]{1,12}$/;
/** 128 bits of HMAC-SHA256, as the unsubscribe links carry: out of reach to forge, short in a URL. */
const macBytes = 16;

/**
 * The token of the link a partner's delegate gets with a meeting request (issue 11), to accept or
 * decline it without an account: `<key version>.<event>.<request>.<partner>.<contact>.<expiry>.<mac>`.
 * It holds ids and a time, never a name or an address. The MAC (HMAC-SHA256, truncated) covers all
 * of it under a key derived for this purpose alone (purpose-keys.ts), so a link for one request says
 * nothing about another and no other purpose's key makes one; it is compared in constant time. The
 * expiry is the event's request deadline when the email went (whole seconds, never later): the link
 * stops working then even if staff move the deadline on, and the page also reads the request as the
 * event's current deadline has it, so an earlier deadline closes it sooner.
 *
 * The token names the version of the key it was signed with: the newest key signs, and every key given
 * verifies its own tokens, so a new key can replace the old without voiding the links of emails sent
 * under it. Nothing is stored for a link: answering spends it (a request answered takes no second
 * answer), and the deadline ends it.
 */
export class PartnerAnswerLinks {
  private readonly signing: AnswerLinkKey;
  private readonly byVersion: Map<string, Uint8Array>;

  /** `keys`: the newest first; it signs. */
  constructor(keys: readonly AnswerLinkKey[]) {
    if (keys.length === 0) throw new Error('An answer link needs a key.');
    for (const { version } of keys) {
      if (!versionPattern.test(version)) throw new Error(`Not a key version: ${version}.`);
    }
    this.signing = keys[0]!;
    this.byVersion = new Map(keys.map((k) => [k.version, k.key]));
  }

  /** A token for `target`, valid until `expiresAt` (the event's request deadline). */
  sign(target: AnswerLinkTarget, expiresAt: string | Date): string {
    const ms = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt.getTime();
    if (!Number.isFinite(ms)) throw new Error('An answer link needs the time it expires.');
    if (!this.parseTarget(target)) throw new Error('An answer link names ids only: event, request, partner.');
    // Rounded down: the link never outlives the deadline.
    const payload = [
      this.signing.version,
      target.eventId,
      target.requestId,
      target.partnerId,
      target.contactId ?? '',
      String(Math.floor(ms / 1000)),
    ].join('.');
    return `${payload}.${mac(this.signing.key, payload).toString('base64url')}`;
  }

  /**
   * What a token this deployment signed names, and whether it has expired at `now`; undefined for
   * anything else (altered, signed with another key or for another purpose, or not a token at all).
   */
  verify(
    token: string,
    now: Date,
  ): { target: AnswerLinkTarget; expiresAt: Date; expired: boolean } | undefined {
    const parts = token.split('.');
    if (parts.length !== 7) return undefined;
    const [version, eventId, requestId, partnerId, contactId, expiry, given] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const key = this.byVersion.get(version);
    if (!key || !expiryPattern.test(expiry)) return undefined;
    const target = this.parseTarget({
      eventId,
      requestId,
      partnerId,
      ...(contactId !== '' ? { contactId } : {}),
    });
    if (!target) return undefined;
    const givenMac = Buffer.from(given, 'base64url');
    const expected = mac(key, parts.slice(0, 6).join('.'));
    if (givenMac.length !== expected.length || !timingSafeEqual(givenMac, expected)) return undefined;
    // base64url decoding skips stray characters: only the exact encoding is the token.
    if (givenMac.toString('base64url') !== given) return undefined;
    const expiresAt = new Date(Number(expiry) * 1000);
    return { target, expiresAt, expired: now.getTime() >= expiresAt.getTime() };
  }

  /** The target if its ids are well formed: ULIDs, and a request of two companies, the partner one. */
  private parseTarget(target: AnswerLinkTarget): AnswerLinkTarget | undefined {
    const pair = pairPattern.exec(target.requestId);
    if (!pair || pair[1]! >= pair[2]!) return undefined;
    if (!ulidPattern.test(target.eventId) || !ulidPattern.test(target.partnerId)) return undefined;
    if (pair[1] !== target.partnerId && pair[2] !== target.partnerId) return undefined;
    if (target.contactId !== undefined && !ulidPattern.test(target.contactId)) return undefined;
    return target;
  }
}

const mac = (key: Uint8Array, payload: string): Buffer =>
  createHmac('sha256', key).update(payload).digest().subarray(0, macBytes);
