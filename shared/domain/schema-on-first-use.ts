/**
 * A module-level zod schema that a Lambda bundle builds when it is first used, not when it loads.
 *
 * A module builds every schema it declares as it loads, and a bundle loads every module its routes
 * reach: the pipeline board's function built ~1,080 zod schemas at import and its first page used 20
 * of them, the member record's 1,140 and 122, at some 30 µs each in a cold process. In a bundle
 * (esbuild defines BRIDGE_SCHEMAS_ON_FIRST_USE, infra/cdk/bundling-options.ts) `onFirstUse` returns
 * a stand-in that builds the schema on its first read and forwards every read to it.
 *
 * As the source runs (tests, the local server, the OpenAPI document made at build time) the schema is
 * built at once: the document's generator finds a schema's `.openapi(...)` metadata by the identity of
 * the schema object, which a stand-in does not share. Bundles keep no such metadata
 * (infra/cdk/openapi-metadata-at-build-time.ts).
 */
declare const BRIDGE_SCHEMAS_ON_FIRST_USE: boolean | undefined;

export function onFirstUse<T extends object>(build: () => T): T {
  const inBundle = typeof BRIDGE_SCHEMAS_ON_FIRST_USE === 'boolean' && BRIDGE_SCHEMAS_ON_FIRST_USE;
  return inBundle ? standIn(build) : build();
}

/**
 * What `build` returns, built on the first read of any property (`_zod`, `parse`, `shape`, …), its
 * prototype included, so `instanceof` and zod's own checks see the schema. Exported for its test.
 */
export function standIn<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    ownKeys: () => Reflect.ownKeys(real()),
    // A proxy may not call a property non-configurable that its (empty) target lacks.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
