import { describe, expect, it } from 'vitest';
import { FUNCTION_APIS } from '../../infra/cdk/stateless-stack.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { describeApis } from '../../shared/http/openapi-document.ts';
import { gatewayRouteOf } from '../support/gateway-routes.ts';

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `METHOD /path` for every operation a document describes. */
function operationsOf(document: ReturnType<typeof describeApis>): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
  );
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
        expect(gatewayRouteOf(method, path)?.api.name, operation).toBe(api.name);
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
