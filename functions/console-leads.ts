import { leadsConsoleApi } from '../shared/console/sections/leads-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's pipeline board and lead records (`/console/leads`). */
export const handler = lambdaHttpHandler([leadsConsoleApi], consoleFromEnvironment());
