import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The one tracer. Responses are never captured: they hold personal data, and X-Ray truncates
 * segments over 64 KB anyway.
 */
export const tracer = new Tracer({ captureHTTPsRequests: true });
