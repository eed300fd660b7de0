import { eventsConsoleApi } from '../shared/console/sections/events-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's events (`/console/events`). */
export const handler = lambdaHttpHandler([eventsConsoleApi], consoleFromEnvironment());
