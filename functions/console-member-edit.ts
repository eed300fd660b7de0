import { memberEditConsoleApi } from '../shared/console/sections/member-edit-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's member edits (`/console/members/new`, `/console/members/{id}/profile`...). */
export const handler = lambdaHttpHandler([memberEditConsoleApi], consoleFromEnvironment());
