import { Hono } from 'hono';
import { consoleContext } from '../console-context.ts';
import type { ConsoleEnv } from '../console-env.ts';
import type { ConsoleSection } from '../console-section.ts';
import { assetPages } from '../pages/shell/asset-pages.ts';
import { auditPages } from '../pages/shell/audit-pages.tsx';
import { mfaEnrolmentPages } from '../pages/shell/mfa-enrolment-pages.tsx';
import { placePages } from '../pages/shell/place-pages.tsx';
import { settingsPages } from '../pages/shell/settings-pages.tsx';
import { signInPages } from '../pages/shell/sign-in-pages.tsx';
import { staffPages } from '../pages/shell/staff-pages.tsx';
import { MfaEnrolmentRepository } from '../session/mfa-enrolment-repository.ts';

/**
 * Signing in and out, the pages' files and lists of places, the user's settings, the audit log and the staff roster: and every console path
 * no other section claims (`/console/{proxy+}` is API Gateway's least specific console route).
 */
export const shellSection: ConsoleSection = {
  gatewayPaths: ['/console', '/console/{proxy+}'],
  publicPages: ({ edges }) => assetPages(edges.assets).route('/', placePages()),
  pages: (deps) => {
    const { signIn, callbackUrl, totp } = deps.edges;
    const enrolment = totp
      ? {
          enrolments: new MfaEnrolmentRepository(deps.app.db, deps.app.clock),
          audit: deps.audit,
          totp,
          signIn,
          ...(callbackUrl ? { callbackUrl } : {}),
        }
      : undefined;
    const app = new Hono<ConsoleEnv>().route(
      '/',
      signInPages({
        sessions: deps.sessions,
        users: deps.users,
        audit: deps.audit,
        roster: deps.roster,
        now: deps.app.clock,
        signIn,
        ...(callbackUrl ? { callbackUrl } : {}),
        ...(enrolment ? { enrolment } : {}),
      }),
    );
    if (enrolment) app.route('/', mfaEnrolmentPages(enrolment));
    return app
      .route('/', settingsPages(deps, deps.sessions))
      .route('/', auditPages(deps))
      .route('/', staffPages(deps, deps.edges.staffDirectory));
  },
};

/** The console function's context. */
export const shellConsoleApi = consoleContext('console', [shellSection]);
