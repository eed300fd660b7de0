import { Hono } from 'hono';
import { consoleContext } from '../console-context.ts';
import type { ConsoleEnv } from '../console-env.ts';
import type { ConsoleSection } from '../console-section.ts';
import { directoryPages } from '../pages/directory-pages.tsx';
import { memberPages } from '../pages/member-pages.tsx';

/** The directory (lists, views, import, export, bulk actions) and the member record. */
export const membersSection: ConsoleSection = {
  paths: ['/console/members'],
  // The directory first: the record's /console/members/:id would otherwise take import and export.csv.
  pages: (deps) => new Hono<ConsoleEnv>().route('/', directoryPages(deps)).route('/', memberPages(deps)),
};

/** The console-members function's context. */
export const membersConsoleApi = consoleContext('console-members', [membersSection]);
