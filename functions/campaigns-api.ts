import { campaignsApi } from '../shared/http/contexts/campaigns-api.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The campaigns context: drafting outreach campaigns. */
export const handler = lambdaHttpHandler([campaignsApi]);
