import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from '@hono/zod-openapi';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { auditPartition } from '../data/keys.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';

export const auditActions = [
  'sign-in',
  'mfa-enrolment',
  'export',
  'bulk-status',
  'bulk-export',
  'import',
  'staff-left',
  'staff-restored',
  'erasure',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What an entry may count, in the order the audit page lists them. */
export const auditCounts = [
  'created',
  'updated',
  'changed',
  'unchanged',
  'rejected',
  'failed',
  'exported',
] as const;
type AuditCount = (typeof auditCounts)[number];
export type AuditCounts = NonNullable<AuditEntry['counts']>;

export const auditEntrySchema = onFirstUse(() =>
  z.object({
    entryId: z.string(),
    at: z.string(),
    action: z.enum(auditActions),
    /** The user's token subject and role: who did it. */
    actor: z.object({ sub: z.string(), role: z.string() }),
    /** What it was applied to: the filter of an export, the members of a bulk action. */
    filter: z.string().optional(),
    /** Rows exported, members changed. */
    rows: z.number().optional(),
    memberIds: z.array(z.string()).optional(),
    /** The company an erasure was of: its id, never what was erased. */
    company: z.object({ kind: z.enum(['member', 'partner']), id: z.string() }).optional(),
    /** The staff user an admin's change to the roster was about. */
    staffSub: z.string().optional(),
    /** What came of it, as numbers (`{ changed: 12, failed: 1 }`): the page says them in its language. */
    counts: z
      .object(
        Object.fromEntries(auditCounts.map((name) => [name, z.int().min(0).optional()])) as Record<
          AuditCount,
          z.ZodOptional<z.ZodInt>
        >,
      )
      .optional(),
    /** The import job a large import was queued as. */
    jobId: z.string().optional(),
    /** The outcome as English text, as entries written before `counts` hold it. */
    outcome: z.string().optional(),
  }),
);
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `2026-12` of an ISO instant: the partition an entry of that moment lives in. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/**
 * What staff did that a regulator or the association's board may ask about: console sign-ins, exports
 * and imports through the console or the API alike (who, which filter, how many rows), bulk actions.
 * One partition per month (read a page at a time by audit-month.ts, which writers need not carry);
 * entries hold ids and counts, never names or addresses.
 */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly newId: () => string,
  ) {}

  async record(entry: Omit<AuditEntry, 'entryId' | 'at'>): Promise<void> {
    const at = this.clock().toISOString();
    const entryId = this.newId();
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: { pk: auditPartition(monthOf(at)), sk: entryId, entryId, at, ...entry },
        }),
      );
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
