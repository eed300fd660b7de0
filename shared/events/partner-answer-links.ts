import { linkUrl } from '../security/link-token.ts';
import { type LinkKey, SignedLinks } from '../security/signed-links.ts';

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
export type AnswerLinkKey = LinkKey;

const ulid = '[0-9A-HJKMNP-TV-Z]{26}';
const ulidPattern = new RegExp(`^${ulid}$`);
const pairPattern = new RegExp(`^(${ulid})-(${ulid})$`);

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
  private readonly links: SignedLinks;

  /** `keys`: the newest first; it signs. */
  constructor(keys: readonly AnswerLinkKey[]) {
    this.links = new SignedLinks(keys, 'An answer link');
  }

  /** A token for `target`, valid until `expiresAt` (the event's request deadline). */
  sign(target: AnswerLinkTarget, expiresAt: string | Date): string {
    const ms = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt.getTime();
    if (!Number.isFinite(ms)) throw new Error('An answer link needs the time it expires.');
    if (!parseTarget(target)) throw new Error('An answer link names ids only: event, request, partner.');
    return this.links.sign([target.eventId, target.requestId, target.partnerId, target.contactId ?? ''], ms);
  }

  /**
   * What a token this deployment signed names, and whether it has expired at `now`; undefined for
   * anything else (altered, signed with another key or for another purpose, or not a token at all).
   */
  verify(
    token: string,
    now: Date,
  ): { target: AnswerLinkTarget; expiresAt: Date; expired: boolean } | undefined {
    const verified = this.links.verify(token, 4, now);
    if (!verified) return undefined;
    const [eventId, requestId, partnerId, contactId] = verified.fields as [string, string, string, string];
    const target = parseTarget({
      eventId,
      requestId,
      partnerId,
      ...(contactId !== '' ? { contactId } : {}),
    });
    return target && { target, expiresAt: verified.expiresAt, expired: verified.expired };
  }
}

/** The target if its ids are well formed: ULIDs, and a request of two companies, the partner one. */
function parseTarget(target: AnswerLinkTarget): AnswerLinkTarget | undefined {
  const pair = pairPattern.exec(target.requestId);
  if (!pair || pair[1]! >= pair[2]!) return undefined;
  if (!ulidPattern.test(target.eventId) || !ulidPattern.test(target.partnerId)) return undefined;
  if (pair[1] !== target.partnerId && pair[2] !== target.partnerId) return undefined;
  if (target.contactId !== undefined && !ulidPattern.test(target.contactId)) return undefined;
  return target;
}
