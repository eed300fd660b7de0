import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The directory context: members, self-service, tiers, reports, jobs (every `/v1` route). */
export const handler = lambdaHttpHandler();
