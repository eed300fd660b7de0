import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { directoryPages } from '../pages/directory/directory-pages.tsx';

/**
 * The directory: its lists, search and saved views, CSV export and bulk actions. Its import and the
 * member record are sections of their own (the record takes `/console/members/{proxy+}`; these exact
 * routes win over it).
 */
export const membersSection: ConsoleSection = {
  gatewayPaths: [
    '/console/members',
    '/console/members/export.csv',
    '/console/members/bulk',
    '/console/members/views',
    '/console/members/views/{viewId}/delete',
  ],
  pages: directoryPages,
  // Its lists show no date.
  warmsReaderFormats: false,
};

/** The console-members function's context. */
export const membersConsoleApi = consoleContext('console-members', [membersSection]);
