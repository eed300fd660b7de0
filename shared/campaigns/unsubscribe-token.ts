import { createHmac, timingSafeEqual } from 'node:crypto';
import { linkUrl } from '../security/link-token.ts';

/** Where the public function answers unsubscribe links: `GET`/`POST <base>/unsubscribe/<token>`. */
export const unsubscribePath = '/unsubscribe';

export function unsubscribeUrl(baseUrl: string, token: string): string {
  return linkUrl(baseUrl, unsubscribePath, token);
}

/** Which recipient an unsubscribe link was made for. */
export interface UnsubscribeTarget {
  campaignId: string;
  contactId: string;
}

const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** 128 bits of HMAC-SHA256: forging one is out of reach, and the link stays short. */
const macBytes = 16;

/**
 * The token in a campaign email's `List-Unsubscribe` URL: the recipient (campaign and contact ids)
 * and a MAC under a key derived for this purpose alone. It names no address, and does not expire:
 * RFC 8058 asks that a link keep working, and people unsubscribe from mail months old. The key comes
 * from the signing secret's permanent version (as the suppression list's does), so a rotation does not
 * break the links in emails already sent; a leaked key lets its holder unsubscribe people, nothing more.
 */
export class UnsubscribeTokens {
  constructor(private readonly key: Uint8Array) {}

  sign(target: UnsubscribeTarget): string {
    return `${target.campaignId}.${target.contactId}.${this.mac(target).toString('base64url')}`;
  }

  /** The recipient a token was made for, or undefined for anything this key did not sign. */
  verify(token: string): UnsubscribeTarget | undefined {
    const [campaignId, contactId, mac, extra] = token.split('.');
    if (extra !== undefined || !campaignId || !contactId || !mac) return undefined;
    if (!ulidPattern.test(campaignId) || !ulidPattern.test(contactId)) return undefined;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac({ campaignId, contactId });
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    // base64url decoding ignores stray characters; only the exact encoding is the token.
    if (given.toString('base64url') !== mac) return undefined;
    return { campaignId, contactId };
  }

  private mac(target: UnsubscribeTarget): Buffer {
    return createHmac('sha256', this.key)
      .update(`${target.campaignId}.${target.contactId}`)
      .digest()
      .subarray(0, macBytes);
  }
}
