import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { eventPages } from '../pages/events/event-pages.tsx';

/** Events: the list, each event's overview, form, participants and requests (its meetings are their own section). */
export const eventsSection: ConsoleSection = {
  gatewayPaths: ['/console/events', '/console/events/{proxy+}'],
  pages: eventPages,
};

/** The console-events function's context. */
export const eventsConsoleApi = consoleContext('console-events', [eventsSection]);
