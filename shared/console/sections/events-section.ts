import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { eventPages } from '../pages/events/event-pages.tsx';

/** Events: participants, requests, the schedule grid, interpreters and outcomes. */
export const eventsSection: ConsoleSection = {
  gatewayPaths: ['/console/events', '/console/events/{proxy+}'],
  pages: eventPages,
};

/** The console-events function's context. */
export const eventsConsoleApi = consoleContext('console-events', [eventsSection]);
