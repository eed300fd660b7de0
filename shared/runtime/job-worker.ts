import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { type JobMessage, jobMaxDeliveries, type ScheduledMessage } from '../jobs/job-queue.ts';
import { JobRepository } from '../jobs/job-repository.ts';
import type { JobRegistry, JobRuntime } from '../jobs/job-types.ts';
import { runJob, startScheduled } from '../jobs/run-job.ts';
import { SqsJobQueue } from '../jobs/sqs-job-queue.ts';
import { logger } from '../observability/logger.ts';
import { databaseFromEnvironment, requiredEnv } from './environment.ts';

/** A job's next batch, or a schedule's message. */
function parseMessage(body: string): JobMessage | ScheduledMessage {
  const parsed = JSON.parse(body) as { jobId?: unknown; run?: unknown } | null;
  if (typeof parsed?.run === 'string') return { run: parsed.run };
  const jobId = parsed?.jobId;
  if (typeof jobId !== 'string' || jobId === '') throw new Error('The message names no jobId.');
  return { jobId };
}

/**
 * Runs one job batch per SQS record with the runners `registry` lists, or, for a schedule's record,
 * starts the scheduled task it names. A record that throws is reported in `batchItemFailures`, so SQS
 * redelivers that one alone (the job resumes from its stored progress) and, after the queue's
 * receive limit, parks it in the dead-letter queue; the other records of the batch are done.
 */
export function jobWorker(registry: JobRegistry | (() => JobRegistry), runtime: () => JobRuntime) {
  const registryOf = typeof registry === 'function' ? registry : () => registry;
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message: JobMessage | ScheduledMessage | undefined;
      try {
        message = parseMessage(record.body);
        if ('run' in message) await startScheduled(runtime(), registryOf(), message.run);
        else await runJob(runtime(), registryOf(), message);
      } catch (error) {
        const lastDelivery = Number(record.attributes?.ApproximateReceiveCount ?? 1) >= jobMaxDeliveries;
        logger.error(
          lastDelivery ? 'job message failed for the last time' : 'job message failed; SQS will redeliver it',
          {
            messageId: record.messageId,
            error: error as Error,
          },
        );
        // The message goes to the dead-letter queue now: say so on the job, or pollers wait forever.
        if (lastDelivery && message && 'jobId' in message) await giveUp(runtime(), message.jobId);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

async function giveUp(jobRuntime: JobRuntime, jobId: string): Promise<void> {
  try {
    await new JobRepository(jobRuntime.db).fail(
      jobId,
      `The job failed ${jobMaxDeliveries} times in a row and was stopped; start it again.`,
      jobRuntime.clock(),
    );
  } catch (error) {
    logger.error('could not mark the job failed', { jobId, error: error as Error });
  }
}

/** Where a job worker's runners queue their next batches. */
export interface JobWorkerOptions {
  /**
   * The variable naming that queue; `null` for a worker whose runners finish within one message, which
   * is given no queue (a runner that still queued a batch would fail: the function cannot start jobs).
   * @default 'JOBS_QUEUE_URL'
   */
  queueVariable?: string | null;
}

/**
 * The job worker Lambda handler for the runners and scheduled tasks of `registry`: the registry itself,
 * or, where its runners need the worker's edges (the table, a send queue), a function that builds it
 * from the runtime. Runtime and registry are built on first use, not at import, so a missing variable
 * fails the invocation with its name.
 */
export function jobWorkerHandler(
  registry: JobRegistry | ((runtime: JobRuntime) => JobRegistry),
  options: JobWorkerOptions = {},
) {
  const { queueVariable = 'JOBS_QUEUE_URL' } = options;
  let runtime: JobRuntime | undefined;
  const runtimeOnce = (): JobRuntime => {
    runtime ??= {
      db: databaseFromEnvironment(),
      queue: new SqsJobQueue(queueVariable === null ? undefined : requiredEnv(queueVariable)),
      clock: () => new Date(),
      newId: () => ulid(),
    };
    return runtime;
  };
  let built: JobRegistry | undefined;
  const registryOnce =
    typeof registry === 'function'
      ? () => {
          built ??= registry(runtimeOnce());
          return built;
        }
      : registry;
  return middy(jobWorker(registryOnce, runtimeOnce)).use(injectLambdaContext(logger, { resetKeys: true }));
}
