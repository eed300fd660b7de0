import { z } from '@hono/zod-openapi';

export const paginationQuery = {
  limit: z.coerce
    .number()
    .pipe(z.int32().min(1).max(100))
    .default(25)
    .openapi({ description: '1..100, default 25.' }),
  cursor: z
    .string()
    .max(4096)
    .optional()
    .openapi({ description: 'Opaque `nextCursor` of the previous page.' }),
};

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item).max(100), nextCursor: z.string().max(4096).nullable() })
    .openapi(name);
}
