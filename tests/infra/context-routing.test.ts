import { describe, expect, it } from 'vitest';
import { FUNCTION_APIS } from '../../infra/cdk/stateless-stack.ts';
import type { ApiContext, GatewayRoute } from '../../shared/http/api-context.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { describeApis } from '../../shared/http/openapi-document.ts';

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `METHOD /path` for every operation a document describes. */
function operationsOf(document: ReturnType<typeof describeApis>): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

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

/** The context whose route API Gateway picks: an exact route over a greedy one, then the longest. */
function routedTo(method: string, path: string): ApiContext | undefined {
  const candidates = allApis.flatMap((api) =>
    api.gatewayRoutes.filter((route) => matches(route, method, path)).map((route) => ({ api, route })),
  );
  candidates.sort(
    (a, b) =>
      Number(a.route.path.includes('+}')) - Number(b.route.path.includes('+}')) ||
      b.route.path.length - a.route.path.length,
  );
  return candidates[0]?.api;
}

describe('contexts and the functions that serve them', () => {
  it('routes every documented operation to the function that mounts its context', () => {
    for (const api of allApis) {
      const operations = operationsOf(describeApis([api]));
      expect(operations.length, api.name).toBeGreaterThan(0);
      for (const operation of operations) {
        const [method, template] = operation.split(' ') as [string, string];
        // A request path as a client sends it: each {param} filled in.
        const path = template.replace(/\{[^}]+\}/g, 'x1');
        expect(routedTo(method, path)?.name, operation).toBe(api.name);
      }
    }
  });

  it('mounts each context in exactly one API function', () => {
    const mounted = Object.values(FUNCTION_APIS).flatMap((apis) => apis.map((api) => api.name));
    expect(mounted.sort()).toEqual(allApis.map((api) => api.name).sort());
  });

  it('documents the whole API as the sum of its contexts, nothing lost or repeated', () => {
    const whole = operationsOf(describeApis(allApis)).sort();
    const parts = allApis.flatMap((api) => operationsOf(describeApis([api]))).sort();
    expect(parts).toEqual(whole);
    expect(new Set(whole).size).toBe(whole.length);
  });
});
