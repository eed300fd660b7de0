import { z } from '@hono/zod-openapi';
import { ulidSchema } from '../domain/member-schema.ts';

/** Pieces every route definition repeats: a JSON body or response, and the `{id}` path parameter. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export const idParam = z.object({ id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }) });
