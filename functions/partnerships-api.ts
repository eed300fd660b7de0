import { partnershipsApi } from '../shared/http/contexts/partnerships-api.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The partnerships context: foreign partners. */
export const handler = lambdaHttpHandler([partnershipsApi]);
