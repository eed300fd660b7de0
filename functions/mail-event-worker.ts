import { mailEventWorkerHandler } from '../shared/runtime/mail-event-worker.ts';

/** What happens to campaign emails after they leave: unsubscribes, deliveries, bounces, complaints. */
export const handler = mailEventWorkerHandler();
