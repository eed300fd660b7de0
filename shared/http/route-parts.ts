import { z } from '@hono/zod-openapi';
import { ulidSchema } from '../domain/member-schema.ts';

/** Pieces every route definition repeats: a JSON body or response, and the `{id}` path parameter. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export const idParam = z.object({ id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }) });

/**
 * The `If-Match` a write of `what` needs. Documented as required, which it is; optional to the
 * validator, so that a request without it gets the specific 428 from `expectedVersion` rather than a
 * generic 400. Lower case: the validator reads headers by their lower-case names.
 */
export const ifMatchHeader = (description: string) =>
  z.object({
    'if-match': z
      .string()
      .max(100)
      .optional()
      .openapi({ param: { name: 'if-match', in: 'header', required: true }, description, example: '"3"' }),
  });

/** The strong `ETag` a read answers with: the item's version, to send back in `If-Match`. */
export const etagHeader = (description: string) => ({
  ETag: { description, schema: { type: 'string' as const, maxLength: 20, example: '"3"' } },
});
