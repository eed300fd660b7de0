import { OpenAPIHono } from '@hono/zod-openapi';
import { eventServicesFor } from '../../events/event-services.ts';
import { askFollowUp } from '../../events/follow-up.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { eventAgendaRoutes } from '../routes/event-agendas.ts';
import { eventMeetingRoutes } from '../routes/event-meetings.ts';
import { eventRoutes } from '../routes/events.ts';

/**
 * B2B meeting programmes: events, their participants and meeting requests, the 1:1 schedule, agendas,
 * and what the meetings led to (leads, the event report).
 */
export const eventsApi: ApiContext = {
  name: 'events',
  access: 'token',
  gatewayRoutes: [
    { method: 'ANY', path: '/v1/events' },
    { method: 'ANY', path: '/v1/events/{proxy+}' },
    // More specific than the directory's /v1/me/{proxy+}, so API Gateway sends these here.
    { method: 'ANY', path: '/v1/me/events' },
    { method: 'ANY', path: '/v1/me/events/{proxy+}' },
    // More specific than the directory's /v1/reports/{proxy+}.
    { method: 'GET', path: '/v1/reports/events/{proxy+}' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    const { events, leads, service, schedules, outcomes } = eventServicesFor(deps);
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', eventRoutes(deps, service, events));
    // The follow-up question goes on the send queue; the campaign worker emails it (follow-up-mail.ts).
    const followUp = (eventId: string) =>
      askFollowUp(eventId, { events, sendQueue: deps.sendQueue, clock: deps.clock });
    app.route('/', eventMeetingRoutes(service, schedules, outcomes, events, leads, followUp));
    app.route('/', eventAgendaRoutes(deps, events));
    return app;
  },
};
