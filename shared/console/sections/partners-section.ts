import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { partnerPages } from '../pages/partners/partner-pages.tsx';

/** The foreign partners: their list and search, and each one's record. */
export const partnersSection: ConsoleSection = {
  gatewayPaths: ['/console/partners', '/console/partners/{proxy+}'],
  pages: partnerPages,
};

/** The console-partners function's context. */
export const partnersConsoleApi = consoleContext('console-partners', [partnersSection]);
