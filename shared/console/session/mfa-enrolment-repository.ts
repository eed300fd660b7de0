import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../../data/dynamo-errors.ts';
import { getItem } from '../../data/get-item.ts';
import { consoleEnrolmentKey } from '../../data/keys.ts';
import { onFirstUse } from '../../domain/schema-on-first-use.ts';
import { locales } from '../i18n/locales.ts';
import { enrolmentSeconds } from './session-cookies.ts';
import { hashSessionId } from './session-repository.ts';

const storedEnrolmentSchema = onFirstUse(() =>
  z.object({
    sub: z.string(),
    /** The user's address or sign-in name: the authenticator app lists the account by it. */
    name: z.string(),
    /** The role the provider withholds until the enrolment is done: the audit entry's. */
    role: z.enum(['staff', 'admin']),
    locale: z.enum(locales),
    /** The access token with Cognito's account scope, which alone may enrol the user's TOTP. */
    accessToken: z.string(),
    /** The TOTP secret Cognito associated, shown until the user confirms a first code. */
    secret: z.string(),
    /** The sign-in's refresh token: revoked when the enrolment ends, since it carries no staff group. */
    refreshToken: z.string().optional(),
    createdAt: z.string(),
  }),
);
export type PendingEnrolment = z.infer<typeof storedEnrolmentSchema> & { idHash: string };
export type NewEnrolment = Omit<PendingEnrolment, 'idHash' | 'createdAt'>;

/**
 * How many codes one enrolment may have checked: enough for a slow hand or a clock a step off, too few
 * to guess one of a million. Then the user signs in again, which starts a new enrolment with a new secret.
 */
export const enrolmentAttempts = 5;

/**
 * A second factor being enrolled: what the enrolment page needs between showing the code and checking
 * the first one, on the server, as a session is. The browser holds a random id; the table its hash,
 * for ten minutes (TTL, and every read checks the time itself).
 */
export class MfaEnrolmentRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {}

  async create(enrolment: NewEnrolment): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock();
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: {
            ...consoleEnrolmentKey(hashSessionId(id)),
            ...enrolment,
            createdAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + enrolmentSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
    return id;
  }

  /** The live enrolment of a cookie's id, or undefined (unknown, ended, or finished). */
  async get(id: string): Promise<PendingEnrolment | undefined> {
    const idHash = hashSessionId(id);
    const parsed = storedEnrolmentSchema.safeParse(await getItem(this.db, consoleEnrolmentKey(idHash)));
    if (!parsed.success) return undefined;
    const endsAt = Date.parse(parsed.data.createdAt) + enrolmentSeconds * 1000;
    return endsAt > this.clock().getTime() ? { ...parsed.data, idHash } : undefined;
  }

  /**
   * Counts a code about to be checked: which try it is (1 to enrolmentAttempts), or undefined when the
   * enrolment has had them all (or is gone). Counted before the check, in one conditional update, so
   * parallel posts cannot each get a try the count did not see.
   */
  async spendAttempt(idHash: string): Promise<number | undefined> {
    try {
      const { Attributes } = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: consoleEnrolmentKey(idHash),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(attempts) OR attempts < :max)',
          ExpressionAttributeValues: { ':one': 1, ':max': enrolmentAttempts },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.attempts);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw mapDynamoError(error);
    }
  }

  async delete(idHash: string): Promise<void> {
    try {
      await this.db.doc.send(
        new DeleteCommand({ TableName: this.db.tableName, Key: consoleEnrolmentKey(idHash) }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
