import { linkUrl } from '../security/link-token.ts';
import { type LinkKey, SignedLinks } from '../security/signed-links.ts';

/** Where the public function answers the follow-up question: `GET`/`POST <base>/event-follow-up/<token>`. */
export const followUpPath = '/event-follow-up';

export function followUpUrl(baseUrl: string, token: string): string {
  return linkUrl(baseUrl, followUpPath, token);
}

/** Which meeting a follow-up link asks about, and which of its two sides answers. */
export interface FollowUpTarget {
  eventId: string;
  /** The meeting's id: the two participants' ids, sorted, joined by `-`. */
  meetingId: string;
  /** The side that answers: one of the meeting's two companies. */
  companyId: string;
}

/** How long a follow-up link works after its email went. */
export const followUpLinkDays = 60;

const ulid = '[0-9A-HJKMNP-TV-Z]{26}';
const ulidPattern = new RegExp(`^${ulid}$`);
const pairPattern = new RegExp(`^(${ulid})-(${ulid})$`);

/**
 * The token of the link each side's delegates get with the follow-up question months after an event
 * (issue 11: was a cooperation agreement reached?), to answer it without an account:
 * `<key version>.<event>.<meeting>.<company>.<expiry>.<mac>` (signed-links.ts). Ids and a time only,
 * never a name or an address; the MAC is under a key derived for this purpose alone (purpose-keys.ts).
 * It expires 60 days after the email went. Nothing is stored for a link: a later answer replaces an
 * earlier one.
 */
export class FollowUpLinks {
  private readonly links: SignedLinks;

  /** `keys`: the newest first; it signs. */
  constructor(keys: readonly LinkKey[]) {
    this.links = new SignedLinks(keys, 'A follow-up link');
  }

  /** A token for `target`, valid until `expiresAt`. */
  sign(target: FollowUpTarget, expiresAt: Date): string {
    if (!Number.isFinite(expiresAt.getTime())) throw new Error('A follow-up link needs the time it expires.');
    if (!parseTarget(target)) throw new Error('A follow-up link names ids only: event, meeting, company.');
    return this.links.sign([target.eventId, target.meetingId, target.companyId], expiresAt.getTime());
  }

  /** What a token this deployment signed names, and whether it has expired at `now`; else undefined. */
  verify(
    token: string,
    now: Date,
  ): { target: FollowUpTarget; expiresAt: Date; expired: boolean } | undefined {
    const verified = this.links.verify(token, 3, now);
    if (!verified) return undefined;
    const [eventId, meetingId, companyId] = verified.fields as [string, string, string];
    const target = parseTarget({ eventId, meetingId, companyId });
    return target && { target, expiresAt: verified.expiresAt, expired: verified.expired };
  }
}

/** The target if its ids are well formed: ULIDs, and a meeting of two companies, the answering one. */
function parseTarget(target: FollowUpTarget): FollowUpTarget | undefined {
  const pair = pairPattern.exec(target.meetingId);
  if (!pair || pair[1]! >= pair[2]!) return undefined;
  if (!ulidPattern.test(target.eventId) || !ulidPattern.test(target.companyId)) return undefined;
  if (pair[1] !== target.companyId && pair[2] !== target.companyId) return undefined;
  return target;
}
