import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dailyCountUpdate, secondsToUtcMidnight } from '../data/daily-count.ts';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import {
  addressConfirmationCountKey,
  addressConfirmationKey,
  addressConfirmationPartition,
} from '../data/keys.ts';
import { deletePartition, readPendingLink, writePendingLink } from '../data/pending-links.ts';
import { TooManyRequestsError } from '../domain/errors.ts';
import type { Language } from '../domain/languages.ts';
import { linkUrl, newLinkToken, parseLinkToken } from '../security/link-token.ts';

/** How long a confirmation link works (the 7 days). */
export const confirmationValidityMs = 7 * 24 * 3600 * 1000;
/** Confirmation emails a member may cause per UTC day, its own additions and resends together. */
export const memberConfirmationsPerDay = 5;

/** Where the public function answers confirmation links: `GET`/`POST <base>/confirm-address/<token>`. */
export const confirmationPath = '/confirm-address';

export function confirmationUrl(baseUrl: string, token: string): string {
  return linkUrl(baseUrl, confirmationPath, token);
}

/** Whose address a confirmation link is for. */
export interface ConfirmationTarget {
  memberId: string;
  contactId: string;
}

/** The one pending confirmation of a contact's address: the link's secret as a hash, never the secret. */
export interface PendingConfirmation extends ConfirmationTarget {
  email: string;
  language: Language;
  secretHash: string;
  validUntil: string;
}

/** A confirmation link's token: the member and contact ids, and its secret (../security/link-token.ts). */
export function newConfirmationToken(target: ConfirmationTarget): { token: string; secretHash: string } {
  return newLinkToken([target.memberId, target.contactId]);
}

/** The contact and the secret's hash a token names, or undefined for anything not shaped like one. */
export function parseConfirmationToken(
  token: string,
): (ConfirmationTarget & { secretHash: string }) | undefined {
  const parsed = parseLinkToken(token, 2);
  if (!parsed) return undefined;
  const [memberId, contactId] = parsed.ids as [string, string];
  return { memberId, contactId, secretHash: parsed.secretHash };
}

/** The pending confirmations and the per-member daily count of them. */
export class AddressConfirmations {
  constructor(private readonly db: Database) {}

  async get(target: ConfirmationTarget): Promise<PendingConfirmation | undefined> {
    const link = await readPendingLink(this.db, addressConfirmationKey(target.memberId, target.contactId));
    if (!link) return undefined;
    const { item: _item, ...fields } = link;
    return { ...target, ...fields };
  }

  /** Replaces the contact's pending confirmation: the older link stops working. */
  async put(pending: PendingConfirmation): Promise<void> {
    await writePendingLink(
      this.db,
      addressConfirmationKey(pending.memberId, pending.contactId),
      'addressConfirmation',
      pending,
    );
  }

  /** Deletes every pending confirmation of the member (and its daily counts): an erasure. */
  async deleteAll(memberId: string): Promise<void> {
    await deletePartition(this.db, addressConfirmationPartition(memberId));
  }

  /** Deletes the pending confirmation if `secretHash` is still its secret; false if it was not. */
  async spend(target: ConfirmationTarget, secretHash: string): Promise<boolean> {
    try {
      await this.db.doc.send(
        new DeleteCommand({
          TableName: this.db.tableName,
          Key: addressConfirmationKey(target.memberId, target.contactId),
          ConditionExpression: 'secretHash = :secret',
          ExpressionAttributeValues: { ':secret': secretHash },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw mapDynamoError(error);
    }
  }

  /**
   * Counts `count` more confirmations a member caused today, or refuses with 429 (counting none) if
   * that would pass the daily limit.
   */
  async count(memberId: string, count: number, now: Date): Promise<void> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          ...confirmationCountUpdate(memberId, now, count),
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw tooManyConfirmations(now);
      throw mapDynamoError(error);
    }
  }
}

/**
 * The conditional ADD that counts a member's confirmations of the day (also a transaction leg); more
 * at once than a day allows is refused before anything is sent.
 */
export function confirmationCountUpdate(memberId: string, at: Date, count: number) {
  if (count > memberConfirmationsPerDay) throw tooManyConfirmations(at);
  return dailyCountUpdate({
    key: addressConfirmationCountKey(memberId, at.toISOString().slice(0, 10)),
    type: 'addressConfirmationCount',
    count,
    most: memberConfirmationsPerDay,
    at,
  });
}

/** The link a write meant to spend is no longer the contact's pending one: used, replaced or expired away. */
export class ConfirmationSpentError extends Error {
  override readonly name = 'ConfirmationSpentError';
}

export function tooManyConfirmations(now: Date): TooManyRequestsError {
  return new TooManyRequestsError(
    `A member may send at most ${memberConfirmationsPerDay} address confirmations a day; nothing was ` +
      'changed. Try again tomorrow (UTC), or ask the association to add the address.',
    secondsToUtcMidnight(now),
  );
}
