import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { JobRegistry, JobRunner } from '../jobs/job-types.ts';
import { EventRepository } from './event-repository.ts';
import type { Event } from './event-schema.ts';
import { ScheduleService } from './schedule-service.ts';

/** An event that cannot be scheduled now (gone, or not open): the job fails with the reason. */
class NotSchedulable extends Error {}

/**
 * The events' background work: a schedule run too large for one request. It runs the same
 * ScheduleService as the route, so a run in a job and one in a request place the same meetings.
 * A second delivery of its message while it runs re-runs it, which changes nothing the first did not.
 */
export function eventJobs(options: { published?: (event: Event) => Promise<void> } = {}): JobRegistry {
  const scheduleRunner: JobRunner<'schedule'> = {
    kind: 'schedule',
    async run(job, deps) {
      const { clock } = deps.runtime;
      const running = job.status === 'queued' ? await deps.jobs.start(job, clock()) : job;
      if (!running) return;
      const service = new ScheduleService({
        events: new EventRepository(deps.db),
        clock,
        ...(options.published ? { published: options.published } : {}),
      });
      const run = await service.run(job.eventId, { publish: job.publish }).catch((error: unknown) => {
        // A state conflict will not pass on a redelivery (runJob retries conflicts): fail the job now.
        if (error instanceof NotFoundError || (error instanceof ConflictError && error.field === 'state')) {
          throw new NotSchedulable(error.message);
        }
        throw error;
      });
      await deps.jobs.finishSchedule(
        running,
        {
          placed: run.placed,
          kept: run.kept,
          unplaced: run.unplaced.length,
          method: run.method,
          optimal: run.optimal,
          ...(run.bounds.lp !== undefined ? { lpBound: run.bounds.lp } : {}),
          simpleBound: run.bounds.simple,
          scheduleVersion: run.scheduleVersion,
        },
        clock(),
      );
    },
    publicMessage: (error) => (error instanceof NotSchedulable ? error.message : undefined),
  };
  return { runners: [scheduleRunner], scheduled: [] };
}
