import { Hono } from 'hono';
import type { ConsolePageDeps } from '../console-deps.ts';
import type { ConsoleEnv } from '../console-env.ts';
import type { SessionRepository } from '../session/session-repository.ts';
import { auditPages } from './audit-pages.tsx';
import { campaignPages } from './campaign-pages.tsx';
import { directoryPages } from './directory-pages.tsx';
import { eventPages } from './event-pages.tsx';
import { leadPages } from './lead-pages.tsx';
import { memberPages } from './member-pages.tsx';
import { reportPages } from './report-pages.tsx';
import { settingsPages } from './settings-pages.tsx';

/** Every page of the console behind the session check, one module per section. */
export function consolePages(deps: ConsolePageDeps, sessions: SessionRepository) {
  const app = new Hono<ConsoleEnv>();
  // Before the member record's /console/members/:id, which would take import and export.csv.
  app.route('/', directoryPages(deps));
  app.route('/', memberPages(deps));
  app.route('/', settingsPages(deps, sessions));
  app.route('/', auditPages(deps));
  app.route('/', campaignPages(deps));
  app.route('/', eventPages(deps));
  app.route('/', reportPages(deps));
  app.route('/', leadPages(deps));
  return app;
}
