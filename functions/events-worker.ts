import { SqsSendQueue } from '../shared/campaigns/sqs-send-queue.ts';
import { queueChangedAgendas } from '../shared/events/agenda-queue.ts';
import { eventJobs } from '../shared/events/event-jobs.ts';
import { EventRepository } from '../shared/events/event-repository.ts';
import { requiredEnv } from '../shared/runtime/environment.ts';
import { jobWorkerHandler } from '../shared/runtime/job-worker.ts';

/**
 * The events worker: schedule runs too large for a request (HiGHS, one vCPU), from the event jobs
 * queue. A run that publishes queues the changed agendas on the send queue, as the events API does.
 * Its one runner finishes within one message, so it queues no next batch and is given no jobs queue.
 */
export const handler = jobWorkerHandler(
  (runtime) =>
    eventJobs({
      published: queueChangedAgendas(
        new EventRepository(runtime.db),
        new SqsSendQueue(requiredEnv('SEND_QUEUE_URL')),
      ),
    }),
  { queueVariable: null },
);
