import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { logger } from '../observability/logger.ts';
import { metrics } from '../observability/metrics.ts';
import { tracer } from '../observability/tracer.ts';
import { createLambdaApp } from './lambda-app.ts';

/**
 * The Hono app as an API Gateway HTTP API (payload v2) handler, inside middy with Powertools. No middy
 * HTTP body/header middlewares: they would rewrite the event Hono reads, and errors are already
 * problem responses by the time they leave the app.
 */
export function lambdaHttpHandler() {
  return middy(handle(createLambdaApp()))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
