import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { staffRosterKey, staffRosterPartition } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';

const staffUserSchema = onFirstUse(() =>
  z.object({
    sub: z.string(),
    /** What the sign-in knew them by: their address, or the pool's user name. */
    name: z.string(),
    role: z.enum(['staff', 'admin']),
    signedInAt: z.string(),
  }),
);
export type StaffUser = z.infer<typeof staffUserSchema>;

/** The staff users by id, and the words for one of them: their name, or the id where none is known. */
export class Roster {
  private readonly bySub: ReadonlyMap<string, StaffUser>;

  constructor(readonly users: readonly StaffUser[]) {
    this.bySub = new Map(users.map((user) => [user.sub, user]));
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

  async record(user: StaffUser): Promise<void> {
    try {
      await this.db.doc.send(
        new PutCommand({ TableName: this.db.tableName, Item: { ...staffRosterKey(user.sub), ...user } }),
      );
    } catch (error) {
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
