import { hkdfSync } from 'node:crypto';
import { UnsubscribeTokens } from '../campaigns/unsubscribe-token.ts';
import { CursorCodec } from '../data/cursor.ts';
import { EmailHasher } from '../domain/email-hash.ts';
import { PartnerAnswerLinks } from '../events/partner-answer-links.ts';
import type { LinkKey } from './signed-links.ts';

/**
 * Every key the app uses is derived here, with HKDF-SHA256, from the one signing secret; each purpose
 * has its own `info` label, so a derived key that leaks (a cursor key in a log, say) forges nothing
 * else and says nothing about the secret. A label is part of every key made with it: changing one
 * invalidates all cursors, or makes every suppression entry unfindable, so a new key gets a new label.
 */
const suppressionKeyVersion = 'v1';
const partnerAnswerKeyVersion = '1';
const followUpKeyVersion = '1';
export const purposeLabels = {
  cursor: 'bridge-crm/cursor/v1',
  // Its version is also stored in each suppression entry's key, naming the key its hash was made with.
  suppression: `bridge-crm/suppression/${suppressionKeyVersion}`,
  unsubscribe: 'bridge-crm/unsubscribe/v1',
  // Its version is also the first field of each answer link, naming the key the link was signed with.
  partnerAnswer: `bridge-crm/partner-answer/v${partnerAnswerKeyVersion}`,
  // Likewise the first field of each follow-up link (the agreement question months after an event).
  eventFollowUp: `bridge-crm/event-follow-up/v${followUpKeyVersion}`,
} as const;
type Purpose = keyof typeof purposeLabels;

/**
 * The versions of the signing secret a runtime holds. Cursors rotate with the secret; the suppression
 * list never may (an address hashed under a key nobody holds any more is no longer suppressed), so its
 * key comes from the version kept forever for it.
 */
export interface SigningSecrets {
  /** The newest version: signs. */
  current: Uint8Array;
  /** The version a rotation replaced, while the overlap lasts: still verifies cursors. */
  previous?: Uint8Array;
  /** The version the suppression list is keyed with, kept forever; until the first rotation, `current`. */
  permanent?: Uint8Array;
}

/** The keys made from every version; the cursors' key is made alone (`cursorCodec`), from two. */
export interface PurposeKeys {
  suppression: EmailHasher;
  unsubscribe: UnsubscribeTokens;
  /** Signs and checks the links partners answer meeting requests with (issue 11). */
  partnerAnswers: PartnerAnswerLinks;
  /**
   * The key of the links both sides answer the follow-up question with (issue 11): the functions that
   * sign or check them (the sender, the public page) make a FollowUpLinks of it, so no other bundles it.
   */
  followUpKey: LinkKey;
}

export function purposeKeys(secrets: SigningSecrets): PurposeKeys {
  // A rotation that did not keep the original version would silently re-key the suppression list and
  // un-suppress everyone on it; refusing to start makes the mistake loud while the old version exists.
  if (secrets.previous && !secrets.permanent) {
    throw new Error(
      'The signing secret was rotated without keeping its permanent version: the suppression list needs ' +
        'the version it was keyed with (see README, "Keys and rotation").',
    );
  }
  return {
    suppression: new EmailHasher(
      suppressionKeyVersion,
      derivePurposeKey(secrets.permanent ?? secrets.current, 'suppression'),
    ),
    // Links in emails already sent must outlive a rotation, so they too hang on the permanent version.
    unsubscribe: new UnsubscribeTokens(derivePurposeKey(secrets.permanent ?? secrets.current, 'unsubscribe')),
    // So do a meeting request's answer links, which work until the event's request deadline, weeks on.
    partnerAnswers: new PartnerAnswerLinks([
      {
        version: partnerAnswerKeyVersion,
        key: derivePurposeKey(secrets.permanent ?? secrets.current, 'partnerAnswer'),
      },
    ]),
    // And the follow-up question's links, which work for 60 days.
    followUpKey: {
      version: followUpKeyVersion,
      key: derivePurposeKey(secrets.permanent ?? secrets.current, 'eventFollowUp'),
    },
  };
}

/** The cursors' key alone: signs with the current version, and checks with the previous one too. */
export function cursorCodec(secrets: Pick<SigningSecrets, 'current' | 'previous'>): CursorCodec {
  return new CursorCodec(
    derivePurposeKey(secrets.current, 'cursor'),
    secrets.previous && derivePurposeKey(secrets.previous, 'cursor'),
  );
}

/** 32 bytes for one purpose. No salt: the secret is random already, and the label separates purposes. */
function derivePurposeKey(secret: Uint8Array, purpose: Purpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), purposeLabels[purpose], 32));
}
