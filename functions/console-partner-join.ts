import { partnerJoinConsoleApi } from '../shared/console/sections/partner-join-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's page where a partner joins the association (`/console/partners/{id}/join`). */
export const handler = lambdaHttpHandler([partnerJoinConsoleApi], consoleFromEnvironment());
