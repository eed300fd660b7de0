/** A message that asks a background job to run (or continue) its next batch. */
export interface JobMessage {
  jobId: string;
}

/**
 * How the API hands work to the background: SQS in AWS, an in-process queue locally. Jobs are
 * resumable from their stored state, so a message delivered twice only repeats a no-op batch.
 */
export interface JobQueue {
  enqueue(message: JobMessage): Promise<void>;
}
