import { Hono } from 'hono';
import type { ConsoleAssets } from '../../assets/console-assets.ts';
import type { ConsoleEnv } from '../../console-env.ts';

/** The console's static files, under hashed names: kept by browsers for a year, never revalidated. */
export function assetPages(assets: ConsoleAssets) {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/assets/:file', async (c) => {
    const found = await assets.get(c.req.param('file'), c.req.header('accept-encoding'));
    if (!found) return c.body(null, 404);
    return c.body(found.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': found.contentType,
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
      ...(found.encoding === 'identity' ? {} : { 'content-encoding': found.encoding }),
    });
  });
  return app;
}
