import { membersConsoleApi } from '../shared/console/sections/members-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's directory: lists, saved views, export and bulk actions (`/console/members`). */
export const handler = lambdaHttpHandler([membersConsoleApi], consoleFromEnvironment());
