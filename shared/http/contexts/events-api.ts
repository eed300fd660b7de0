import { OpenAPIHono } from '@hono/zod-openapi';
import { queueChangedAgendas } from '../../events/agenda-queue.ts';
import { EventRepository } from '../../events/event-repository.ts';
import { EventService } from '../../events/event-service.ts';
import { askFollowUp } from '../../events/follow-up.ts';
import { OutcomeService } from '../../events/outcome-service.ts';
import { partnerRequestNotifier } from '../../events/partner-request-notifier.ts';
import { ScheduleService, scheduleInRequestUpTo } from '../../events/schedule-service.ts';
import { JobRepository } from '../../jobs/job-repository.ts';
import { LeadRepository } from '../../leads/lead-repository.ts';
import { leadServiceFor } from '../../leads/lead-service-for.ts';
import { memberReads } from '../../members/member-read.ts';
import { partnerReads } from '../../partners/partner-read.ts';
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
    const events = new EventRepository(deps.db);
    // Members and partners are only read here (to register them, to open leads): their reads alone,
    // without the directory's writes and the name search keys they bundle.
    const members = memberReads(deps.db);
    const partners = partnerReads(deps.db);
    const leads = new LeadRepository(deps.db);
    const service = new EventService({
      events,
      members,
      partners,
      clock: deps.clock,
      newId: deps.newId,
      // A partner asked for a meeting is emailed a link to answer (partner-request-notifier.ts).
      requested: partnerRequestNotifier(deps),
    });
    const schedules = new ScheduleService({
      events,
      clock: deps.clock,
      background: {
        jobs: new JobRepository(deps.db),
        queue: deps.eventJobs ?? deps.jobs,
        newId: deps.newId,
        above: deps.scheduleInRequestUpTo ?? scheduleInRequestUpTo,
      },
      // Each changed agenda goes on the send queue; the campaign worker emails it (agenda-queue.ts).
      published: queueChangedAgendas(events, deps.sendQueue),
    });
    const outcomes = new OutcomeService({
      events,
      leads: leadServiceFor({ ...deps, leads, members, partners }),
      clock: deps.clock,
    });
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
