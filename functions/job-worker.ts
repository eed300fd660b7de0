import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import {
  type DatedRatesMessage,
  datedRatesMessage,
  type JobMessage,
  jobMaxDeliveries,
} from '../shared/jobs/job-queue.ts';
import { JobRepository } from '../shared/jobs/job-repository.ts';
import { retierForDatedRates } from '../shared/jobs/retier-job.ts';
import { type JobRuntime, runJob } from '../shared/jobs/run-job.ts';
import { SqsJobQueue } from '../shared/jobs/sqs-job-queue.ts';
import { logger } from '../shared/observability/logger.ts';
import { databaseFromEnvironment, requiredEnv } from '../shared/runtime/environment.ts';

/** A job's next batch, or the daily schedule's message. */
function parseMessage(body: string): JobMessage | DatedRatesMessage {
  const parsed = JSON.parse(body) as { jobId?: unknown; run?: unknown } | null;
  if (parsed?.run === datedRatesMessage.run) return datedRatesMessage;
  const jobId = parsed?.jobId;
  if (typeof jobId !== 'string' || jobId === '') throw new Error('The message names no jobId.');
  return { jobId };
}

/**
 * Runs one job batch per SQS record, or, for the daily schedule's record, starts the re-tier that
 * dated rates call for. A record that throws is reported in `batchItemFailures`, so SQS
 * redelivers that one alone (the job resumes from its stored progress) and, after the queue's
 * receive limit, parks it in the dead-letter queue; the other records of the batch are done.
 */
export function jobWorker(runtime: () => JobRuntime) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message: JobMessage | DatedRatesMessage | undefined;
      try {
        message = parseMessage(record.body);
        if ('run' in message) await retierForDatedRates(runtime());
        else await runJob(runtime(), message);
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

let runtime: JobRuntime | undefined;

/** Built on first use, not at import, so a missing variable fails the invocation with its name. */
function runtimeFromEnvironment(): JobRuntime {
  runtime ??= {
    db: databaseFromEnvironment(),
    queue: new SqsJobQueue(requiredEnv('JOBS_QUEUE_URL')),
    clock: () => new Date(),
    newId: () => ulid(),
  };
  return runtime;
}

export const handler = middy(jobWorker(runtimeFromEnvironment)).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
