import { reportsConsoleApi } from '../shared/console/sections/reports-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's reports (`/console/reports`). */
export const handler = lambdaHttpHandler([reportsConsoleApi], consoleFromEnvironment());
