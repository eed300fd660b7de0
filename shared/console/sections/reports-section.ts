import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { reportPages } from '../pages/reports/report-pages.tsx';

/** Reports: tiers, the pipeline and events, as tables and charts. */
export const reportsSection: ConsoleSection = {
  gatewayPaths: ['/console/reports', '/console/reports/{proxy+}'],
  pages: reportPages,
};

/** The console-reports function's context. */
export const reportsConsoleApi = consoleContext('console-reports', [reportsSection]);
