import { memberRecordConsoleApi } from '../shared/console/sections/member-record-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's member records (`/console/members/{id}`). */
export const handler = lambdaHttpHandler([memberRecordConsoleApi], consoleFromEnvironment());
