import { campaignsConsoleApi } from '../shared/console/sections/campaigns-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's campaigns (`/console/campaigns`). */
export const handler = lambdaHttpHandler([campaignsConsoleApi], consoleFromEnvironment());
