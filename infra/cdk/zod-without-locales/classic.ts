/**
 * zod's classic API (node_modules/zod/v4/classic/external.js) without `locales`, `toJSONSchema`,
 * `fromJSONSchema` and `compile`, with `core` being ./core.ts; see index.ts for why. Keep it in step
 * with that file: tests/unit/zod-without-locales.test.ts fails when zod's export list changes.
 */
export * from '../../../node_modules/zod/v4/classic/checks.js';
export * as coerce from '../../../node_modules/zod/v4/classic/coerce.js';
export * from '../../../node_modules/zod/v4/classic/compat.js';
export { deepPartial } from '../../../node_modules/zod/v4/classic/deep-partial.js';
export * from '../../../node_modules/zod/v4/classic/errors.js';
// Types and values both, from one module, as zod does.
export { input, output } from '../../../node_modules/zod/v4/classic/in-out.js';
export * as iso from '../../../node_modules/zod/v4/classic/iso.js';
export {
  ZodISODate,
  ZodISODateTime,
  ZodISODuration,
  ZodISOTime,
} from '../../../node_modules/zod/v4/classic/iso.js';
export * from '../../../node_modules/zod/v4/classic/parse.js';
// classic/schemas.js registers English as the default locale when the first schema is constructed.
export * from '../../../node_modules/zod/v4/classic/schemas.js';
export type { infer } from '../../../node_modules/zod/v4/core/index.js';
export type { JSONType } from '../../../node_modules/zod/v4/core/util.js';
export * as core from './core.ts';
export {
  $brand,
  $input,
  $output,
  clone,
  config,
  flattenError,
  formatError,
  type GlobalMeta,
  getDiscriminatedOption,
  globalRegistry,
  INVALID,
  memoizer,
  NEVER,
  prettifyError,
  regexes,
  registry,
  TimePrecision,
  toZod,
  treeifyError,
  util,
  withParser,
  ZodCompileAsyncError,
  ZodCompileUnsupportedError,
} from './core.ts';
