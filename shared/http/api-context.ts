import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './app-env.ts';

/** A route API Gateway sends to the context's function, in API Gateway's own path syntax. */
export interface GatewayRoute {
  method: 'ANY' | 'GET' | 'POST';
  /** e.g. `/v1/members/{proxy+}`; `{proxy+}` matches one or more segments. */
  path: string;
}

/**
 * One bounded context's HTTP side: its routes as a sub-app of their own, and the API Gateway routes
 * that reach them. A Lambda function mounts the contexts it serves (`createApp`), so it bundles only
 * their routes; the local server and the OpenAPI document mount them all (`all-apis.ts`).
 */
export interface ApiContext {
  /** Names the context in the CDK stack and the README: `directory`, `platform`. */
  name: string;
  /** Behind the JWT authorizer (`/v1`), or public (the function checks whatever the route needs). */
  access: 'token' | 'public';
  gatewayRoutes: readonly GatewayRoute[];
  /**
   * What the routes do with the table, which the function's IAM role is limited to. `partitions`, if
   * set, are the partition keys (`*` a wildcard) of the only items they touch, with no index access.
   */
  table: { access: 'read' | 'readWrite'; partitions?: readonly string[] };
  routes(deps: AppDeps): OpenAPIHono<AppEnv>;
}
