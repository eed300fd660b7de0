/**
 * What the Lambda bundles get for `import ... from 'zod'` (esbuild `alias`, set in
 * ../bundling-options.ts): zod 4's classic API minus the members nothing of ours uses at run time.
 *
 * Why: `@hono/zod-openapi` imports the `z` namespace and hands it to `extendZodWithOpenApi(z)`, so
 * esbuild must keep every member of it, including `z.locales` and `z.core.locales` (every language's
 * error messages, ~258 KB minified) and the JSON Schema converters and schema compiler (`toJSONSchema`,
 * `fromJSONSchema`, `JSONSchemaGenerator`, `compile`, ~50 KB). Our code, `@hono/zod-openapi`,
 * `@hono/zod-validator` and `@asteasolutions/zod-to-openapi` use none of them; zod's own share of the
 * bundle goes from ~444 KB to ~163 KB. English stays the default locale: classic/schemas.js registers
 * it itself.
 *
 * The modules are reached by relative paths into node_modules because esbuild's alias also rewrites
 * `zod/...` subpaths (and zod's package exports do not expose classic/*.js anyway). Only the bundles
 * use this module; type checking, tests and the local server import zod itself.
 *
 * tests/unit/zod-without-locales.test.ts fails when a zod upgrade changes zod's export list, so this
 * module is reviewed with every upgrade.
 */
import * as z from './classic.ts';

export * from './classic.ts';
export { z, z as default };
