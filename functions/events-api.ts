import { eventsApi } from '../shared/http/contexts/events-api.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The events context: B2B meeting programmes and their 1:1 schedule. */
export const handler = lambdaHttpHandler([eventsApi]);
