import { erasureConsoleApi } from '../shared/console/sections/erasure-section.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/** The staff console's erasure of a member's or a partner's personal data (`/console/{members,partners}/{id}/erase`). */
export const handler = lambdaHttpHandler([erasureConsoleApi], consoleFromEnvironment());
