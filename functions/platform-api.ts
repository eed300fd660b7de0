import { platformApi } from '../shared/http/contexts/platform-api.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The public context: health, the OpenAPI document and its docs page. */
export const handler = lambdaHttpHandler([platformApi]);
