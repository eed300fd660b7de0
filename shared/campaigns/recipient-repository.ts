import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, mapDynamoError } from '../data/dynamo-errors.ts';
import {
  audienceIndexKey,
  campaignPartition,
  campaignStatsKey,
  campaignStatsSortPrefix,
  claimsPartition,
  memberRecipientsPartition,
  recipientKey,
  recipientSortPrefix,
  shardOf,
  unknownRecipientsPartition,
} from '../data/keys.ts';
import { queryAll, queryPage } from '../data/query-all.ts';
import { setFields } from '../data/set-fields.ts';
import { maxTransactionItems, type TransactLeg, transactWrite } from '../data/transact.ts';
import { languages } from '../domain/languages.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { readStored } from '../members/stored-item-error.ts';
import { exclusionReasons } from './audience.ts';
import {
  noCounts,
  type Recipient,
  type RecipientCounts,
  type RecipientStatus,
  recipientStatuses,
} from './recipient.ts';

type LastKey = Record<string, unknown>;

/**
 * Stats items per campaign, and partitions of the claims index. Every recipient move adds to one stats
 * item in its own transaction, so the counts are exact; spreading the adds (and the claims) keeps
 * concurrent senders from conflicting on one item or writing to one index partition.
 */
const shards = 8;

const recipientSchema = onFirstUse(() =>
  z.object({
    campaignId: z.string(),
    contactId: z.string(),
    // Recipients written before partners had audiences are members'.
    companyKind: z.enum(['member', 'partner']).default('member'),
    memberId: z.string(),
    email: z.string().nullable(),
    language: z.enum(languages).nullable(),
    status: z.enum(recipientStatuses),
    reason: z.enum(exclusionReasons).nullable(),
    values: z.record(z.string(), z.string()).nullable(),
    claimedUntil: z.string().nullable(),
    messageId: z.string().nullable(),
    sentAt: z.string().nullable(),
    // Recipients written before releases existed have none.
    releasedAt: z.string().nullable().default(null),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

/**
 * How long a recipient is kept: its unsubscribe link finds the contact through it, and must work at
 * least 60 days (people unsubscribe from old mail), and staff see who got which campaign for two
 * years; then DynamoDB's TTL removes it. The campaign's counts stay.
 */
export const recipientRetentionDays = 730;

function itemOf(recipient: Recipient): Record<string, unknown> {
  return {
    ...recipientKey(recipient.campaignId, recipient.contactId),
    type: 'recipient',
    gsi2pk: memberRecipientsPartition(recipient.memberId),
    gsi2sk: `${recipient.campaignId}#${recipient.contactId}`,
    ...recipient,
    expiresAt: Math.floor(Date.parse(recipient.createdAt) / 1000) + recipientRetentionDays * 86_400,
  };
}

export const recipientOf = (item: Record<string, unknown>): Recipient =>
  readStored(recipientSchema, item) as Recipient;

/** An ADD of `deltas` to one stats item of the campaign. */
function countLeg(
  tableName: string,
  campaignId: string,
  shard: number,
  deltas: Partial<RecipientCounts>,
): TransactLeg {
  const entries = Object.entries(deltas).filter(([, delta]) => delta !== 0);
  return {
    Update: {
      TableName: tableName,
      Key: campaignStatsKey(campaignId, shard),
      UpdateExpression: `SET #type = :type ADD ${entries.map((_, i) => `#s${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: {
        '#type': 'type',
        ...Object.fromEntries(entries.map(([status], i) => [`#s${i}`, status])),
      },
      ExpressionAttributeValues: {
        ':type': 'campaignStats',
        ...Object.fromEntries(entries.map(([, delta], i) => [`:d${i}`, delta])),
      },
    },
  };
}

const failedCondition = (error: unknown) =>
  cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed') ?? false;

/**
 * A campaign's recipients: one item per contact of its audience, written once by the dispatcher and
 * then moved from status to status by conditional writes, each in a transaction with the count it
 * changes. So a recipient is never created twice, never claimed twice, and the counts always add up.
 */
export class RecipientRepository {
  constructor(private readonly db: Database) {}

  /**
   * Writes the recipients that do not exist yet and counts them; those already written (a dispatcher
   * that runs again) are left as they are. Each is written only while its contact's audience entry
   * exists: a contact erased (or removed) after the dispatcher read the audience gets no recipient, so
   * no address outlives an erasure in a recipient the erasure could not see. Resolves to how many
   * were new.
   */
  async addNew(recipients: readonly Recipient[]): Promise<number> {
    let added = 0;
    // Two legs per recipient (its put, its contact's check) and one count.
    const perTransaction = Math.floor((maxTransactionItems - 1) / 2);
    for (let start = 0; start < recipients.length; start += perTransaction) {
      const chunk = recipients.slice(start, start + perTransaction);
      try {
        await transactWrite(this.db, this.additionLegs(chunk));
        added += chunk.length;
      } catch (error) {
        if (!failedCondition(error)) throw mapDynamoError(error);
        // Some were written by an earlier run: add the rest one by one.
        for (const recipient of chunk) {
          try {
            await transactWrite(this.db, this.additionLegs([recipient]));
            added++;
          } catch (single) {
            if (!failedCondition(single)) throw mapDynamoError(single);
          }
        }
      }
    }
    return added;
  }

  async get(campaignId: string, contactId: string): Promise<Recipient | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(
        new GetCommand({
          TableName: this.db.tableName,
          Key: recipientKey(campaignId, contactId),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item ? recipientOf(result.Item) : undefined;
  }

  /**
   * Moves a recipient from `from` to `to` (setting `changes` too) if it is still in `from`, and
   * counts the move. Resolves to false when it was not in `from`: someone else moved it first.
   */
  async move(
    recipient: Pick<Recipient, 'campaignId' | 'contactId'>,
    from: RecipientStatus,
    to: RecipientStatus,
    changes: Partial<Omit<Recipient, 'campaignId' | 'contactId' | 'memberId' | 'status'>>,
    now: Date,
  ): Promise<boolean> {
    // A claimed recipient is in the sweep's index, by claim expiry, until it leaves `claimed`; an
    // unknown one in the staff's list, by when it became unknown, until an event or a release settles it.
    const index =
      to === 'claimed'
        ? {
            gsi1pk: claimsPartition(shardOf(recipient.contactId, shards)),
            gsi1sk: `${changes.claimedUntil}#${recipient.campaignId}#${recipient.contactId}`,
          }
        : to === 'unknown'
          ? {
              gsi1pk: unknownRecipientsPartition,
              gsi1sk: `${now.toISOString()}#${recipient.campaignId}#${recipient.contactId}`,
            }
          : {};
    const { set, names, values } = setFields({
      ...changes,
      ...index,
      status: to,
      updatedAt: now.toISOString(),
    });
    const leavesIndex = (from === 'claimed' || from === 'unknown') && !('gsi1pk' in index);
    try {
      await transactWrite(this.db, [
        {
          Update: {
            TableName: this.db.tableName,
            Key: recipientKey(recipient.campaignId, recipient.contactId),
            UpdateExpression: leavesIndex ? `${set} REMOVE gsi1pk, gsi1sk` : set,
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status', ...names },
            ExpressionAttributeValues: { ':from': from, ...values },
          },
        },
        countLeg(this.db.tableName, recipient.campaignId, shardOf(recipient.contactId, shards), {
          [from]: -1,
          [to]: 1,
        }),
      ]);
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw mapDynamoError(error);
    }
  }

  /**
   * Recipients of every campaign whose claim expired before `now` unrecorded: the sweep's Query of
   * each claims shard, oldest first. Index reads are eventually consistent; the sweep's conditional
   * move settles each one against the item itself.
   */
  async *expiredClaims(now: Date): AsyncGenerator<{ campaignId: string; contactId: string }> {
    for (let shard = 0; shard < shards; shard++) {
      for await (const item of queryAll(this.db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :now',
        ExpressionAttributeValues: { ':pk': claimsPartition(shard), ':now': now.toISOString() },
      })) {
        yield { campaignId: String(item.campaignId), contactId: String(item.contactId) };
      }
    }
  }

  /**
   * Recipients of every campaign whose send became unknown before `before`, oldest first: what staff
   * check with the provider and may release. A page at a time; the index is eventually consistent, so
   * a recipient settled a moment ago may still show.
   */
  async unknownSince(before: Date, limit: number, startKey: LastKey | undefined) {
    const page = await queryPage(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
      ExpressionAttributeValues: { ':pk': unknownRecipientsPartition, ':before': before.toISOString() },
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return {
      items: page.items.map((item) => ({
        ...recipientOf(item),
        unknownSince: String(item.gsi1sk).split('#')[0]!,
      })),
      lastKey: page.lastKey,
    };
  }

  /** The campaign's counts per status, read consistently (a handful of small items). */
  async counts(campaignId: string): Promise<RecipientCounts> {
    const counts = noCounts();
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': campaignPartition(campaignId), ':prefix': campaignStatsSortPrefix },
      ConsistentRead: true,
    })) {
      for (const status of recipientStatuses) counts[status] += Number(item[status] ?? 0);
    }
    return counts;
  }

  /** The contacts still `queued`, to hand to the sender (again, after a pause or a lost message). */
  async *queued(campaignId: string): AsyncGenerator<string> {
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :queued',
      ProjectionExpression: 'contactId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': campaignPartition(campaignId),
        ':prefix': recipientSortPrefix,
        ':queued': 'queued',
      },
    })) {
      yield String(item.contactId);
    }
  }

  /** A page of the campaign's recipients, in contact id order. */
  async page(campaignId: string, limit: number, startKey: LastKey | undefined) {
    const page = await queryPage(this.db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': campaignPartition(campaignId), ':prefix': recipientSortPrefix },
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return { items: page.items.map(recipientOf), lastKey: page.lastKey };
  }

  private additionLegs(recipients: readonly Recipient[]): TransactLeg[] {
    const deltas: Partial<RecipientCounts> = {};
    for (const recipient of recipients) deltas[recipient.status] = (deltas[recipient.status] ?? 0) + 1;
    return [
      ...recipients.flatMap((recipient): TransactLeg[] => [
        {
          Put: {
            TableName: this.db.tableName,
            Item: itemOf(recipient),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          ConditionCheck: {
            TableName: this.db.tableName,
            Key: audienceIndexKey(recipient.memberId, recipient.contactId, recipient.companyKind),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ]),
      countLeg(
        this.db.tableName,
        recipients[0]!.campaignId,
        shardOf(recipients[0]!.contactId, shards),
        deltas,
      ),
    ];
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
