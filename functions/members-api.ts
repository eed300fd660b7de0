import { directoryApi } from '../shared/http/contexts/directory-api.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The directory context: members, self-service, tiers, reports, job status. */
export const handler = lambdaHttpHandler([directoryApi]);
