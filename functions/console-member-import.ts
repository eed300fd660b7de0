import { memberImportConsoleApi } from '../shared/console/sections/member-import-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's CSV import of members (`/console/members/import`). */
export const handler = lambdaHttpHandler([memberImportConsoleApi], consoleFromEnvironment());
