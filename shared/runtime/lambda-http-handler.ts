import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import type { ApiContext } from '../http/api-context.ts';
import type { AppDeps } from '../http/app-env.ts';
import { logger } from '../observability/logger.ts';
import { icuIndexApplies } from './icu-index.ts';
import { createLambdaApp } from './lambda-app.ts';

/**
 * The contexts in `apis` as an API Gateway HTTP API (payload v2) handler, inside middy with Powertools
 * logging. No metrics middleware: a metric is published where it is counted (observability/metrics.ts),
 * and Powertools' `logMetrics`, with nothing stored to flush, warns on every request. No middy HTTP
 * body/header middlewares: they would rewrite the event Hono reads, and errors are already problem
 * responses by the time they leave the app. No X-Ray SDK: the function's active tracing records each
 * invocation without it, and the SDK (~120 KB with its dependencies) would load on every cold start to
 * add per-call DynamoDB segments.
 */
export function lambdaHttpHandler(apis: readonly ApiContext[], overrides: Partial<AppDeps> = {}) {
  // A runtime update to an ICU the shipped locale index is not named for: pages pay ICU's full locale
  // scan again (12–19 ms on a cold start), so say so once, where the function's logs show it.
  if (process.env.NODE_ICU_DATA && !icuIndexApplies()) {
    logger.warn("ICU's locale index is not read by this ICU", { icu: process.versions.icu });
  }
  return middy(handle(createLambdaApp(apis, overrides))).use(
    injectLambdaContext(logger, { resetKeys: true }),
  );
}
