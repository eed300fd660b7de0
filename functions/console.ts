import { shellConsoleApi } from '../shared/console/sections/shell-section.ts';
import { cognitoStaffDirectory } from '../shared/runtime/cognito-staff-directory.ts';
import { cognitoTotpEnrolment } from '../shared/runtime/cognito-totp-enrolment.ts';
import { consoleFromEnvironment } from '../shared/runtime/console-edges.ts';
import { lambdaHttpHandler } from '../shared/runtime/lambda-http-handler.ts';

/**
 * The staff console's sign-in and sign-out, its pages' files, settings and the audit log, and every console path
 * no other console function serves. Its other areas are functions of their own (`console-*.ts`).
 */
export const handler = lambdaHttpHandler(
  [shellConsoleApi],
  consoleFromEnvironment((userPoolId) => ({
    totp: cognitoTotpEnrolment(),
    staffDirectory: cognitoStaffDirectory(userPoolId),
  })),
);
