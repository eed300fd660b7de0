import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { leadPages } from '../pages/leads/lead-pages.tsx';

/** The pipeline: the board, its lists and saved views, and the lead record. */
export const leadsSection: ConsoleSection = {
  gatewayPaths: ['/console/leads', '/console/leads/{proxy+}'],
  pages: leadPages,
};

/** The console-leads function's context. */
export const leadsConsoleApi = consoleContext('console-leads', [leadsSection]);
