import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { erasurePages } from '../pages/erasure/erasure-pages.tsx';

/**
 * A member's or a partner's erasure, for admins: a function of its own, since what an erasure reaches
 * (accounts, import files, campaign recipients, event delegates) would take either record's function
 * past issue 7's 450 KB bundle bar. Its exact routes win over the records' `{proxy+}`.
 */
export const erasureSection: ConsoleSection = {
  gatewayPaths: ['/console/members/{id}/erase', '/console/partners/{id}/erase'],
  pages: erasurePages,
  prefetchesCursorKeys: false,
};

/** The console-erasure function's context. */
export const erasureConsoleApi = consoleContext('console-erasure', [erasureSection]);
