import { OpenAPIHono } from '@hono/zod-openapi';
import { campaignPartition, tierTableKey } from '../../data/keys.ts';
import { SettingsRepository } from '../../settings/settings-repository.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { docsRoutes } from '../routes/docs.ts';
import { healthRoutes } from '../routes/health.ts';
import { openApiRoutes } from '../routes/openapi.ts';
import { unsubscribeRoutes } from '../routes/unsubscribe.ts';

/** Public routes: health, the OpenAPI document and its docs page, the unsubscribe links of campaign emails. */
export const platformApi: ApiContext = {
  name: 'platform',
  access: 'public',
  gatewayRoutes: [
    { method: 'GET', path: '/health' },
    { method: 'GET', path: '/openapi.json' },
    { method: 'GET', path: '/docs' },
    { method: 'GET', path: '/docs/{proxy+}' },
    { method: 'GET', path: '/unsubscribe/{token}' },
    { method: 'POST', path: '/unsubscribe/{token}' },
  ],
  // Health reads one settings item; the document and the docs are files; an unsubscribe page reads its
  // recipient (the unsubscribe itself is queued for a worker, which writes).
  table: { access: 'read', partitions: [tierTableKey.pk, `${campaignPartition('*')}`] },
  routes(deps) {
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', healthRoutes(deps, new SettingsRepository(deps.db)));
    app.route('/', openApiRoutes(deps));
    app.route('/', docsRoutes(deps));
    app.route('/', unsubscribeRoutes(deps));
    return app;
  },
};
