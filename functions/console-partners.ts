import { partnersConsoleApi } from '../shared/console/sections/partners-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's partners (`/console/partners`). */
export const handler = lambdaHttpHandler([partnersConsoleApi], consoleFromEnvironment());
