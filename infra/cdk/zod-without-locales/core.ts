/**
 * zod's `z.core` namespace (node_modules/zod/v4/core/index.js) without its locales and the
 * JSON Schema / compiler entry points; see index.ts for why. Keep the order and content in step with
 * that file: tests/unit/zod-without-locales.test.ts fails when zod's export list changes.
 */
export * from '../../../node_modules/zod/v4/core/api.js';
export * from '../../../node_modules/zod/v4/core/checks.js';
// Dropped: `compile` and `compileFn` (the schema compiler). What the classic API re-exports stays.
export {
  INVALID,
  withParser,
  ZodCompileAsyncError,
  ZodCompileUnsupportedError,
} from '../../../node_modules/zod/v4/core/compile.js';
export * from '../../../node_modules/zod/v4/core/core.js';
export * from '../../../node_modules/zod/v4/core/doc.js';
export * from '../../../node_modules/zod/v4/core/errors.js';
// Dropped: `JSONSchemaGenerator`, `toJSONSchema` and `locales`. Schemas' own `.toJSONSchema()`
// method comes from classic/schemas.js and is untouched.
export * as JSONSchema from '../../../node_modules/zod/v4/core/json-schema.js';
export * from '../../../node_modules/zod/v4/core/memoizer.js';
export * from '../../../node_modules/zod/v4/core/parse.js';
export * as regexes from '../../../node_modules/zod/v4/core/regexes.js';
export * from '../../../node_modules/zod/v4/core/registries.js';
export * from '../../../node_modules/zod/v4/core/schemas.js';
export * from '../../../node_modules/zod/v4/core/to-json-schema.js';
export * as util from '../../../node_modules/zod/v4/core/util.js';
export { toZod } from '../../../node_modules/zod/v4/core/util.js';
export * from '../../../node_modules/zod/v4/core/versions.js';
