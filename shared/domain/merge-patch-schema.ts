import { z } from '@hono/zod-openapi';

/**
 * The body of a JSON merge patch (RFC 7396) of `fields`: each optional and of any value here (the
 * patched record is validated whole afterwards), any other field refused.
 */
export function mergePatchSchema<F extends string>(fields: readonly F[]) {
  return z.strictObject(
    Object.fromEntries(fields.map((field) => [field, z.unknown().optional()])) as Record<
      F,
      z.ZodOptional<z.ZodUnknown>
    >,
  );
}
