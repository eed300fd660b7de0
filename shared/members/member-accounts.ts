import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import { dailyCountUpdate } from '../data/daily-count.ts';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import type { Key } from '../data/keys.ts';
import { deletePartition, readPendingLink, writePendingLink } from '../data/pending-links.ts';
import { type TransactLeg, transactWrite } from '../data/transact.ts';
import { ConflictError } from '../domain/errors.ts';
import type { Language } from '../domain/languages.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import type { Item } from './member-items.ts';

/** Where the public function answers invitation links: `GET`/`POST <base>/accept-invitation/<token>`. */
export const invitationPath = '/accept-invitation';

/** How long an invitation's link works (the 7 days). */
export const invitationValidityMs = 7 * 24 * 3600 * 1000;
/** Invitations a member's account holders may send per UTC day; staff are not limited. */
export const memberInvitationsPerDay = 3;

export const accountStates = ['invited', 'active', 'disabled'] as const;
export type AccountState = (typeof accountStates)[number];

/** A member's user account: a contact of the member, who signs in as that member. */
export const accountSchema = onFirstUse(() =>
  z
    .object({
      accountId: z.string().max(64).openapi({ description: 'The user’s id (its tokens’ `sub`).' }),
      memberId: z.string().max(26),
      contactId: z.string().max(26),
      email: z.string().max(254).openapi({ description: 'The address the account signs in with.' }),
      state: z.enum(accountStates).openapi({
        description:
          '`invited` until the person sets a password through the emailed link; `disabled` once revoked.',
      }),
      invitedAt: z.string().max(40),
      activatedAt: z.string().max(40).nullable(),
      disabledAt: z.string().max(40).nullable(),
    })
    .openapi('Account'),
);
export type Account = z.infer<typeof accountSchema>;

/** The pending invitation of a contact: the link's secret as a hash, and whose account it opens. */
export interface PendingInvitation {
  memberId: string;
  contactId: string;
  accountId: string;
  email: string;
  language: Language;
  secretHash: string;
  validUntil: string;
}

const partition = (memberId: string) => `ACCOUNTS#${memberId}`;
export const accountsPartitionPattern = 'ACCOUNTS#*';
const accountKey = (memberId: string, accountId: string): Key => ({
  pk: partition(memberId),
  sk: `ACCOUNT#${accountId}`,
});
const invitationKey = (memberId: string, contactId: string): Key => ({
  pk: partition(memberId),
  sk: `INVITE#${contactId}`,
});
const countKey = (memberId: string, day: string): Key => ({ pk: partition(memberId), sk: `COUNT#${day}` });

/**
 * A member's accounts and pending invitations, one partition per member (`ACCOUNTS#<member id>`):
 * listing them is one Query, and no member read pays for them.
 */
export class AccountRepository {
  constructor(private readonly db: Database) {}

  async list(memberId: string): Promise<Account[]> {
    const result = await this.send(() =>
      this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partition(memberId), ':prefix': 'ACCOUNT#' },
          ConsistentRead: true,
        }),
      ),
    );
    return (result.Items ?? []).map((item) => accountSchema.parse(item));
  }

  async get(memberId: string, accountId: string): Promise<Account | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(
        new GetCommand({
          TableName: this.db.tableName,
          Key: accountKey(memberId, accountId),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item ? accountSchema.parse(result.Item) : undefined;
  }

  /**
   * Writes the account as it now is, with the history item that says what happened, together, if it
   * is still in `expected` (absent: if it does not exist yet); else a 409, nothing written.
   */
  async save(account: Account, history: Item, expected: AccountState | undefined, extra: TransactLeg[] = []) {
    try {
      await transactWrite(this.db, [
        {
          Put: {
            TableName: this.db.tableName,
            Item: { ...accountKey(account.memberId, account.accountId), type: 'account', ...account },
            ...(expected
              ? {
                  ConditionExpression: '#state = :expected',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: { ':expected': expected },
                }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
        {
          Put: {
            TableName: this.db.tableName,
            Item: history,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...extra,
      ]);
    } catch (error) {
      if (cancellationReasons(error)?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw new ConflictError('The account or its invitation changed meanwhile; read it again.');
      }
      throw error;
    }
  }

  /** The leg that deletes the contact's pending invitation, if any (its link stops working). */
  dropInvitationLeg(memberId: string, contactId: string): TransactLeg {
    return { Delete: { TableName: this.db.tableName, Key: invitationKey(memberId, contactId) } };
  }

  /** The leg that spends a pending invitation, only while `secretHash` is still its secret. */
  spendLeg(memberId: string, contactId: string, secretHash: string): TransactLeg {
    return {
      Delete: {
        TableName: this.db.tableName,
        Key: invitationKey(memberId, contactId),
        ConditionExpression: 'secretHash = :secret',
        ExpressionAttributeValues: { ':secret': secretHash },
      },
    };
  }

  async invitation(memberId: string, contactId: string): Promise<PendingInvitation | undefined> {
    const link = await readPendingLink(this.db, invitationKey(memberId, contactId));
    if (!link) return undefined;
    const { item, ...fields } = link;
    return { memberId, contactId, accountId: String(item.accountId), ...fields };
  }

  /** Replaces the contact's pending invitation: the older link stops working. */
  async putInvitation(invitation: PendingInvitation): Promise<void> {
    await writePendingLink(
      this.db,
      invitationKey(invitation.memberId, invitation.contactId),
      'invitation',
      invitation,
    );
  }

  /** Deletes the member's accounts, invitations and counts (its contacts' personal data: an erasure). */
  async deleteAll(memberId: string): Promise<void> {
    await deletePartition(this.db, partition(memberId));
  }

  /** Counts one more invitation a member sent today; false (counting none) past the daily limit. */
  async countInvitation(memberId: string, now: Date): Promise<boolean> {
    const update = dailyCountUpdate({
      key: countKey(memberId, now.toISOString().slice(0, 10)),
      type: 'invitationCount',
      count: 1,
      most: memberInvitationsPerDay,
      at: now,
    });
    try {
      await this.db.doc.send(new UpdateCommand({ TableName: this.db.tableName, ...update }));
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw mapDynamoError(error);
    }
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
