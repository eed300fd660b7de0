/** A message that asks a background job to run (or continue) its next batch. */
export interface JobMessage {
  jobId: string;
}

/**
 * What the daily schedule puts on the jobs queue (in AWS; the local server calls the same code on a
 * timer): start the scheduled task of that name (a `ScheduledTask` a context registers).
 */
export interface ScheduledMessage {
  run: string;
}

/**
 * How the API hands work to the background: SQS in AWS, an in-process queue locally. A message only
 * says "run this job's next batch"; where that batch starts is stored on the job, and recording a batch
 * is conditional on the job's version. So a redelivered message resumes where the job stopped, and a
 * duplicate never records a batch twice.
 */
export interface JobQueue {
  enqueue(message: JobMessage): Promise<void>;
}

/** The queue refused or could not take a message; sending it again later may succeed. */
export class JobQueueUnavailableError extends Error {
  override readonly name = 'JobQueueUnavailableError';
}

/** Deliveries of one message before SQS parks it in the dead-letter queue (the CDK queue uses this). */
export const jobMaxDeliveries = 5;
