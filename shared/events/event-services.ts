import type { AppDeps } from '../http/app-env.ts';
import { JobRepository } from '../jobs/job-repository.ts';
import { LeadRepository } from '../leads/lead-repository.ts';
import { leadServiceFor } from '../leads/lead-service-for.ts';
import { memberReads } from '../members/member-read.ts';
import { partnerReads } from '../partners/partner-read.ts';
import { queueChangedAgendas } from './agenda-queue.ts';
import { EventRepository } from './event-repository.ts';
import { EventService } from './event-service.ts';
import { OutcomeService } from './outcome-service.ts';
import { partnerRequestNotifier } from './partner-request-notifier.ts';
import { ScheduleService, scheduleInRequestUpTo } from './schedule-service.ts';

export interface EventServices {
  events: EventRepository;
  leads: LeadRepository;
  service: EventService;
  schedules: ScheduleService;
  outcomes: OutcomeService;
}

/**
 * The event use cases as the events API and the staff console both wire them, so a schedule run, an
 * answer or an outcome does the same thing (emails, jobs, leads) whichever of the two asked for it.
 */
export function eventServicesFor(deps: AppDeps): EventServices {
  const events = new EventRepository(deps.db);
  // Members and partners are only read here (to register them, to open leads): their reads alone,
  // without the directory's writes and the name search keys they bundle.
  const members = memberReads(deps.db);
  const partners = partnerReads(deps.db);
  const leads = new LeadRepository(deps.db);
  // Each changed agenda goes on the send queue; the campaign worker emails it (agenda-queue.ts).
  const published = queueChangedAgendas(events, deps.sendQueue);
  const service = new EventService({
    events,
    members,
    partners,
    clock: deps.clock,
    newId: deps.newId,
    // A partner asked for a meeting is emailed a link to answer (partner-request-notifier.ts).
    requested: partnerRequestNotifier(deps),
    published,
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
    published,
  });
  const outcomes = new OutcomeService({
    events,
    leads: leadServiceFor({ ...deps, leads, members, partners }),
    clock: deps.clock,
  });
  return { events, leads, service, schedules, outcomes };
}
