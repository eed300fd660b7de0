import { consoleApi } from '../shared/console/console-context.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console: server-rendered pages behind a session cookie, signed in by Cognito's managed login. */
export const handler = lambdaHttpHandler([consoleApi], consoleFromEnvironment());
