import { eventDelegatesConsoleApi } from '../shared/console/sections/event-delegates-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's change of a participant's delegates (`/console/events/{id}/participants/{companyId}/delegates`). */
export const handler = lambdaHttpHandler([eventDelegatesConsoleApi], consoleFromEnvironment());
