import { eventMeetingsConsoleApi } from '../shared/console/sections/event-meetings-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's event schedules, interpreter plans and outcomes (`/console/events/{id}/schedule`...). */
export const handler = lambdaHttpHandler([eventMeetingsConsoleApi], consoleFromEnvironment());
