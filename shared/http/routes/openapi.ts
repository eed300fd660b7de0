import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../app-env.ts';

/**
 * The OpenAPI document, with `servers` set to the origin it was fetched from so that "try it out"
 * calls this API. The document itself comes from `deps` (built from every context's routes: at build
 * time in AWS, on first use locally), so this route bundles none of the routes it describes.
 */
export function openApiRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.get('/openapi.json', async (c) => {
    const { openapi, info, ...rest } = await deps.openApiDocument();
    return c.json({
      openapi,
      info,
      servers: [{ url: new URL(c.req.url).origin, 'x-internal': false }],
      ...rest,
    });
  });
  return app;
}
