import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { staffRosterKey, staffRosterPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import { NotFoundError } from '../domain/errors.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';

const staffUserSchema = onFirstUse(() =>
  z.object({
    sub: z.string(),
    /** What the sign-in knew them by: their address, or the pool's user name. */
    name: z.string(),
    role: z.enum(['staff', 'admin']),
    signedInAt: z.string(),
    /**
     * When they stopped being staff: an admin said so, or their groups no longer made them staff. They
     * keep their name on what they did, and are no longer offered as a lead's owner.
     */
    leftAt: z.string().optional(),
  }),
);
export type StaffUser = z.infer<typeof staffUserSchema>;

/** The staff users by id, and the words for one of them: their name, or the id where none is known. */
export class Roster {
  private readonly bySub: ReadonlyMap<string, StaffUser>;
  /** Those who are staff now: whom work is given to. */
  readonly current: readonly StaffUser[];
  /** Those who have left, still named on what they did. */
  readonly former: readonly StaffUser[];

  constructor(readonly users: readonly StaffUser[]) {
    this.bySub = new Map(users.map((user) => [user.sub, user]));
    this.current = users.filter((user) => user.leftAt === undefined);
    this.former = users.filter((user) => user.leftAt !== undefined);
  }

  nameOf(sub: string): string {
    return this.bySub.get(sub)?.name ?? sub;
  }

  has(sub: string): boolean {
    return this.bySub.has(sub);
  }
}

/**
 * Who has signed in to the console, so that user ids (a lead's owner, who changed a record, the audit
 * log's actors: Cognito subjects in AWS) read as the people they are. Written at each sign-in, with the
 * name the sign-in gave; an id never signed in with (set through the API) reads as itself.
 */
export class StaffRoster {
  constructor(private readonly db: Database) {}

  /** A sign-in: the user as it found them, staff again if they had left. */
  async record(user: Omit<StaffUser, 'leftAt'>): Promise<void> {
    try {
      await this.db.doc.send(
        new PutCommand({ TableName: this.db.tableName, Item: { ...staffRosterKey(user.sub), ...user } }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  /**
   * They have left the staff (`at`); NotFoundError for a user who never signed in. False when they
   * had left already (their first date kept), so that two checks or clicks at once say it once.
   */
  async leave(sub: string, at: string): Promise<boolean> {
    const old = await this.update(sub, 'SET leftAt = if_not_exists(leftAt, :at)', { ':at': at });
    return old?.leftAt === undefined;
  }

  /** An admin's undo of `leave`: they are offered as owners again. */
  async restore(sub: string): Promise<void> {
    await this.update(sub, 'REMOVE leftAt');
  }

  /** Their role as the identity provider's groups now give it (read again every few minutes). */
  async changeRole(sub: string, role: StaffUser['role']): Promise<void> {
    await this.update(sub, 'SET #role = :role', { ':role': role }, { '#role': 'role' });
  }

  /** Updates a user who has signed in; resolves to the updated attributes as they were before. */
  private async update(
    sub: string,
    expression: string,
    values?: Record<string, unknown>,
    names?: Record<string, string>,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const { Attributes } = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: staffRosterKey(sub),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'UPDATED_OLD',
          ...(values ? { ExpressionAttributeValues: values } : {}),
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      );
      return Attributes;
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new NotFoundError('No such staff user.');
      throw mapDynamoError(error);
    }
  }

  /** Everyone who has signed in, by name. */
  async read(): Promise<Roster> {
    const users: StaffUser[] = [];
    for await (const item of queryAll(this.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': staffRosterPartition },
    })) {
      const parsed = staffUserSchema.safeParse(item);
      if (parsed.success) users.push(parsed.data);
    }
    return new Roster(users.sort((a, b) => a.name.localeCompare(b.name)));
  }
}
