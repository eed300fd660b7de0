import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';

/** Swagger UI, served from the installed package's files: the docs work with no network at all. */
export const docsAssetNames = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
] as const;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bridge-crm API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

// A separate file rather than an inline script, so the page works under a strict Content-Security-Policy.
const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  // The bearer token stays in memory: persisting it would leave it in localStorage for any script.
  persistAuthorization: false,
});`;

const contentTypes: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

export function docsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': contentTypes.js! }));
  app.get('/docs/:file', async (c) => {
    const name = c.req.param('file');
    if (!(docsAssetNames as readonly string[]).includes(name)) return c.notFound();
    const body = await deps.docsAsset(name);
    if (!body) return c.notFound();
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': contentTypes[name.split('.').pop()!] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=86400',
    });
  });
  return app;
}
