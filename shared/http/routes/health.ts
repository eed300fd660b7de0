import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { pingTable } from '../../data/table-ping.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['reachable', 'unreachable']),
    time: z.iso.datetime().max(40),
  })
  .openapi('Health');

export const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Liveness with a database round trip',
  tags: ['Platform'],
  description: 'Public. 200 when the table answers a read, 503 otherwise.',
  'x-access': { public: true },
  responses: {
    200: { description: 'Up.', content: { 'application/json': { schema: healthSchema } } },
    503: {
      description: 'The database is unreachable.',
      content: { 'application/json': { schema: healthSchema } },
    },
  },
});

export function healthRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(health, async (c) => {
    const time = deps.clock().toISOString();
    try {
      await pingTable(deps.db);
      return c.json({ status: 'ok' as const, database: 'reachable', time }, 200);
    } catch {
      return c.json({ status: 'unavailable' as const, database: 'unreachable', time }, 503);
    }
  });
  return app;
}
