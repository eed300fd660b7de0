import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { participantDelegatePages } from '../pages/events/participant-delegates.tsx';

/**
 * A participant's delegates changed in place: a function of its own, since the events' section was at
 * issue 7's 450 KB bundle bar. Its exact route wins over the events' `{proxy+}`.
 */
export const eventDelegatesSection: ConsoleSection = {
  gatewayPaths: ['/console/events/{id}/participants/{companyId}/delegates'],
  pages: participantDelegatePages,
  prefetchesCursorKeys: false,
};

/** The console-event-delegates function's context. */
export const eventDelegatesConsoleApi = consoleContext('console-event-delegates', [eventDelegatesSection]);
