import { z } from '@hono/zod-openapi';
import { staffActorLabel, timestampSchema, ulidSchema } from '../domain/member-schema.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';
import { historyActions } from '../members/history-entry.ts';

/**
 * A history entry as the API shows it: a member's, and (with `partnerId` and its actions) a
 * partner's. Apart from the member routes, so the partnerships function does not bundle them.
 */
export const historyEntrySchema = onFirstUse(() =>
  z
    .object({
      id: ulidSchema,
      memberId: ulidSchema,
      at: timestampSchema,
      actor: z.object({
        sub: z
          .string()
          .max(200)
          .openapi({
            description:
              "Who acted: their user id (token `sub`). In a member's own export, a staff or admin user (or " +
              `the re-tier job) reads \`${staffActorLabel}\`; the member's own users keep their ids.`,
          }),
        role: z.enum(['admin', 'staff', 'member']).openapi({ description: 'The role they acted in.' }),
      }),
      action: z.enum(historyActions),
      // A member's whole profile and its contacts, at most: every field of a create.
      changes: z.array(z.object({ field: z.string().max(100), old: z.unknown(), new: z.unknown() })).max(500),
    })
    .openapi('HistoryEntry'),
);
