import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiContext } from '../http/api-context.ts';
import type { AppEnv } from '../http/app-env.ts';
import { consoleApp } from './console-app.tsx';
import type { ConsoleSection } from './console-section.ts';

/**
 * Console sections as a context of their own: a function on the HTTP API without the JWT authorizer
 * (a browser carries a session cookie, not a token), reached by its sections' paths, and no part of
 * the OpenAPI document.
 */
export function consoleContext(name: string, sections: readonly ConsoleSection[]): ApiContext {
  return {
    name,
    access: 'public',
    gatewayRoutes: sections.flatMap((section) =>
      section.gatewayPaths.map((path) => ({ method: 'ANY' as const, path })),
    ),
    table: { access: 'readWrite' },
    routes(deps) {
      if (!deps.console)
        throw new Error('The console needs its edges (sign-in provider, assets) in AppDeps.');
      return new OpenAPIHono<AppEnv>().route('/', consoleApp(deps, deps.console, sections));
    },
  };
}
