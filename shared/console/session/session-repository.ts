import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../../data/dynamo-errors.ts';
import { getItem } from '../../data/get-item.ts';
import { consoleSessionKey } from '../../data/keys.ts';
import { onFirstUse } from '../../domain/schema-on-first-use.ts';
import { type Locale, locales } from '../i18n/locales.ts';

/** How long a session lives without a request, and at most from its sign-in. */
export const sessionIdleSeconds = 30 * 60;
export const sessionAbsoluteSeconds = 12 * 60 * 60;
/** A session's groups are read again from the identity provider at least this often. */
export const groupsRecheckSeconds = 5 * 60;
/** A request moves the idle deadline only once this much of it has passed: no write per request. */
const touchAfterSeconds = 60;

const storedSessionSchema = onFirstUse(() =>
  z.object({
    sub: z.string(),
    role: z.enum(['staff', 'admin']),
    /** The user's sign-in name or email, shown in the header; never logged. */
    name: z.string(),
    locale: z.enum(locales),
    /** Whether the keyboard shortcuts are on (a setting, kept with the user's other choices). */
    shortcuts: z.boolean(),
    /**
     * The zone the user reads times in (a setting); sessions from before it read UTC. Whether ICU still
     * knows it is asked where times are formatted (i18n/format.ts `readerTimeZone`), not here: the
     * first `Intl` call of a cold start would otherwise hold back every page's reads by ~15 ms.
     */
    timeZone: z.string().catch('UTC'),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    groupsCheckedAt: z.string(),
    /** Where the identity provider issues one (Cognito): renews the groups, revoked at sign-out. */
    refreshToken: z.string().optional(),
  }),
);
export type ConsoleSession = z.infer<typeof storedSessionSchema> & {
  /** The SHA-256 of the cookie's id: the item's key, never the id itself. */
  idHash: string;
};

export type NewSession = Pick<
  ConsoleSession,
  'sub' | 'role' | 'name' | 'locale' | 'shortcuts' | 'timeZone' | 'refreshToken'
>;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** When a session ends: its idle deadline, or its absolute one if that comes first. */
export function sessionEndsAt(session: Pick<ConsoleSession, 'createdAt' | 'lastSeenAt'>): Date {
  const idle = Date.parse(session.lastSeenAt) + sessionIdleSeconds * 1000;
  const absolute = Date.parse(session.createdAt) + sessionAbsoluteSeconds * 1000;
  return new Date(Math.min(idle, absolute));
}

/**
 * Server-side console sessions. The browser holds only a random id (256 bits) in a cookie; the table
 * holds its hash, so a copy of the table opens no session. TTL deletes ended sessions eventually, and
 * every read checks the deadlines itself, since TTL may lag by days.
 */
export class SessionRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {}

  /** Stores a new session and answers the cookie's id. */
  async create(session: NewSession): Promise<{ id: string; session: ConsoleSession }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock().toISOString();
    const stored = { ...session, createdAt: now, lastSeenAt: now, groupsCheckedAt: now };
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: {
            ...consoleSessionKey(hashSessionId(id)),
            ...stored,
            expiresAt: epochSeconds(sessionEndsAt(stored)),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
    return { id, session: { ...stored, idHash: hashSessionId(id) } };
  }

  /** The live session of a cookie's id, or undefined (unknown, ended, or stored by another version). */
  async get(id: string): Promise<ConsoleSession | undefined> {
    const idHash = hashSessionId(id);
    const parsed = storedSessionSchema.safeParse(await getItem(this.db, consoleSessionKey(idHash)));
    if (!parsed.success) return undefined;
    if (sessionEndsAt(parsed.data) <= this.clock()) return undefined;
    return { ...parsed.data, idHash };
  }

  /**
   * Moves the idle deadline on (at most once a minute) for a request the user made, and records groups
   * read again. Only while the session still exists: a session signed out meanwhile stays gone.
   */
  async touch(
    session: ConsoleSession,
    changes: {
      role?: ConsoleSession['role'];
      groupsChecked?: boolean;
      locale?: Locale;
      shortcuts?: boolean;
      timeZone?: string;
    } = {},
    /** False for what a page asks by itself (polling): nobody is there, so the idle clock runs on. */
    active = true,
  ): Promise<ConsoleSession> {
    const now = this.clock();
    const due = active && epochSeconds(now) - epochSeconds(new Date(session.lastSeenAt)) >= touchAfterSeconds;
    const changed = Object.values(changes).some((value) => value !== undefined);
    if (!due && !changed) return session;
    // Only what this request changes is written: another request's change made since this one read the
    // session (a language chosen in another tab) must not be set back to the value read.
    const set: Partial<ConsoleSession> = {
      ...(active ? { lastSeenAt: now.toISOString() } : {}),
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.groupsChecked ? { groupsCheckedAt: now.toISOString() } : {}),
      ...(changes.locale ? { locale: changes.locale } : {}),
      ...(changes.shortcuts !== undefined ? { shortcuts: changes.shortcuts } : {}),
      ...(changes.timeZone ? { timeZone: changes.timeZone } : {}),
    };
    const next: ConsoleSession = { ...session, ...set };
    // The deadline moves with lastSeenAt only: computed from a lastSeenAt this request did not write,
    // it could set back one another request has just moved.
    const written: Record<string, unknown> = active
      ? { ...set, expiresAt: epochSeconds(sessionEndsAt(next)) }
      : set;
    const fields = Object.keys(written);
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: consoleSessionKey(session.idHash),
          UpdateExpression: `SET ${fields.map((field) => `#${field} = :${field}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(fields.map((field) => [`#${field}`, field])),
          ExpressionAttributeValues: Object.fromEntries(fields.map((field) => [`:${field}`, written[field]])),
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return session;
      throw mapDynamoError(error);
    }
    return next;
  }

  /**
   * Deletes a session, live or ended, and answers the refresh token it held: sign-out revokes it even
   * when the session had already timed out, since the provider's token lives on regardless. Its
   * language too, as stored (unchecked): the signed-out page is in it.
   */
  async delete(idHash: string): Promise<{ refreshToken?: string; locale?: unknown }> {
    try {
      const { Attributes } = await this.db.doc.send(
        new DeleteCommand({
          TableName: this.db.tableName,
          Key: consoleSessionKey(idHash),
          ReturnValues: 'ALL_OLD',
        }),
      );
      const refreshToken = Attributes?.refreshToken;
      return {
        ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
        ...(Attributes?.locale === undefined ? {} : { locale: Attributes.locale }),
      };
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
