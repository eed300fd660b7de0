import type { ApiContext, GatewayRoute } from '../../shared/http/api-context.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';

/** Whether API Gateway's route matches a request path (`{x}` one segment, `{x+}` one or more). */
function matches(route: GatewayRoute, method: string, path: string): boolean {
  if (route.method !== 'ANY' && route.method !== method) return false;
  const pattern = route.path
    .split('/')
    .map((segment) => {
      if (/^\{[^}]+\+\}$/.test(segment)) return '.+';
      if (/^\{[^}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${pattern}$`).test(path);
}

/**
 * The route API Gateway picks for a request, as HTTP APIs choose (an exact route over a greedy one,
 * then the longest), and the context it belongs to; undefined where API Gateway answers 404 itself.
 */
export function gatewayRouteOf(
  method: string,
  path: string,
): { api: ApiContext; route: GatewayRoute; routeKey: string } | undefined {
  const candidates = allApis.flatMap((api) =>
    api.gatewayRoutes.filter((route) => matches(route, method, path)).map((route) => ({ api, route })),
  );
  candidates.sort(
    (a, b) =>
      Number(a.route.path.includes('+}')) - Number(b.route.path.includes('+}')) ||
      b.route.path.length - a.route.path.length,
  );
  const best = candidates[0];
  return best && { ...best, routeKey: `${best.route.method} ${best.route.path}` };
}
