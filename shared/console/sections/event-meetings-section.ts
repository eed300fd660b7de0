import { Hono } from 'hono';
import { eventServicesFor } from '../../events/event-services.ts';
import { consoleContext } from '../console-context.ts';
import type { ConsoleEnv } from '../console-env.ts';
import type { ConsoleSection } from '../console-section.ts';
import { eventOutcomePages } from '../pages/events/event-outcome-pages.tsx';
import { eventSchedulePages } from '../pages/events/event-schedule-pages.tsx';

/**
 * An event's meetings once they are asked for: the schedule grid and its runs, the interpreter plan and
 * the outcomes. A function of its own, since the events' section was at issue 7's 450 KB bundle bar;
 * its exact routes win over the events' `{proxy+}`.
 */
export const eventMeetingsSection: ConsoleSection = {
  gatewayPaths: [
    '/console/events/{id}/schedule',
    '/console/events/{id}/interpreters',
    '/console/events/{id}/outcomes',
    '/console/events/{id}/meetings/{meetingId}/outcome',
  ],
  pages: (deps) => {
    const services = eventServicesFor(deps.app);
    return new Hono<ConsoleEnv>()
      .route('/', eventSchedulePages(deps, services))
      .route('/', eventOutcomePages(services, deps.app.clock));
  },
  prefetchesCursorKeys: false,
};

/** The console-event-meetings function's context. */
export const eventMeetingsConsoleApi = consoleContext('console-event-meetings', [eventMeetingsSection]);
