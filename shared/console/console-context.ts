import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiContext } from '../http/api-context.ts';
import type { AppEnv } from '../http/app-env.ts';
import { consoleApp } from './console-app.tsx';

/**
 * The staff console as a context of its own: its own function, on the HTTP API without the JWT
 * authorizer (a browser carries a session cookie, not a token), and no part of the OpenAPI document.
 */
export const consoleApi: ApiContext = {
  name: 'console',
  access: 'public',
  gatewayRoutes: [
    { method: 'ANY', path: '/console' },
    { method: 'ANY', path: '/console/{proxy+}' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    if (!deps.console) throw new Error('The console needs its edges (sign-in provider, assets) in AppDeps.');
    return new OpenAPIHono<AppEnv>().route('/', consoleApp(deps, deps.console));
  },
};
