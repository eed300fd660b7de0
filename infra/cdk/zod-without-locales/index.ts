/**
 * What the Lambda bundles get for `import ... from 'zod'` (esbuild `alias`, set in
 * ../bundling-options.ts): zod 4's classic API minus the members nothing of ours uses at run time.
 *
 * Why: `@hono/zod-openapi` imports the `z` namespace and hands it to `extendZodWithOpenApi(z)`, so
 * esbuild must keep every member of it, including `z.locales` and `z.core.locales` (every language's
 * error messages, ~258 KB minified) and the JSON Schema converters and schema compiler (`toJSONSchema`,
 * `fromJSONSchema`, `JSONSchemaGenerator`, `compile`, ~50 KB). Our code, `@hono/zod-openapi`,
 * `@hono/zod-validator` and `@asteasolutions/zod-to-openapi` use none of them. And since whatever `z`
 * holds stays, `z` here holds only what our code reads (below): zod's own share of a bundle goes from
 * ~444 KB to ~97 KB. English stays the default locale: classic/schemas.js registers it itself.
 *
 * The modules are reached by relative paths into node_modules because esbuild's alias also rewrites
 * `zod/...` subpaths (and zod's package exports do not expose classic/*.js anyway). Only the bundles
 * use this module; type checking, tests and the local server import zod itself.
 *
 * tests/unit/zod-without-locales.test.ts fails when a zod upgrade changes zod's export list, so this
 * module is reviewed with every upgrade, and when our code reads a member of `z` this one lacks.
 */
import * as classic from './classic.ts';

/*
 * Interpreted parsing, no parser compiled per object schema: zod's JIT builds one with `new Function`
 * on the schema's first parse, which a Lambda function pays for every schema its first request
 * touches (about 17 ms of members-api's first invoke, 26 ms of a member record page's, side by side),
 * while a warm parse of a member is ~65 µs either way. Set here, before any schema of ours exists:
 * zod reads the flag when it constructs an object schema.
 */
classic.config({ jitless: true });

export * from './classic.ts';

/**
 * The `z` namespace as the bundles see it: the members our code reads, nothing else. `@hono/zod-openapi`
 * passes `z` to `extendZodWithOpenApi`, so whatever `z` holds is reachable and stays in the bundle;
 * zod's own namespace would keep every schema kind and string format zod has (~37 KB of each bundle).
 * tests/unit/zod-without-locales.test.ts reads every `z.<member>` of the code the functions run and
 * fails when one is missing here, or one is here that nothing reads.
 */
const z = {
  array: classic.array,
  boolean: classic.boolean,
  coerce: classic.coerce,
  discriminatedUnion: classic.discriminatedUnion,
  email: classic.email,
  enum: classic.enum,
  int: classic.int,
  int32: classic.int32,
  iso: classic.iso,
  literal: classic.literal,
  number: classic.number,
  object: classic.object,
  record: classic.record,
  strictObject: classic.strictObject,
  string: classic.string,
  union: classic.union,
  unknown: classic.unknown,
  url: classic.url,
  // What `extendZodWithOpenApi(z)` reads (../openapi-metadata-at-build-time.ts): it adds `.openapi`.
  ZodType: classic.ZodType,
};

export { z, z as default };
