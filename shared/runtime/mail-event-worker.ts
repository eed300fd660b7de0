import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { applyMailEvent, type MailEvent, type MailEventDeps } from '../campaigns/mail-events.ts';
import { SqsSendQueue } from '../campaigns/sqs-send-queue.ts';
import { providerEventOf, transactionalEventOf } from '../email/ses-events.ts';
import { SqsJobQueue } from '../jobs/sqs-job-queue.ts';
import { logger } from '../observability/logger.ts';
import { databaseFromEnvironment, requiredEnv } from './environment.ts';
import { purposeKeysOnce } from './purpose-keys-once.ts';

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * What a mail-event queue body says: an unsubscribe, an address confirmation, an invitation accepted,
 * a partner's answer to a meeting request or a side's to the follow-up question the public function
 * queued, or an SES event (the configuration set's SNS topic delivers it raw). Undefined for what campaigns ignore: SES's sends,
 * opens and clicks, and events of emails that are not a campaign's (test sends carry no recipient tag).
 */
export function mailEventOf(body: string): MailEvent | undefined {
  const parsed = JSON.parse(body) as Record<string, unknown> | null;
  if (parsed?.kind === 'unsubscribe') {
    if (!text(parsed.campaignId) || !text(parsed.contactId) || !text(parsed.at)) {
      throw new Error('The unsubscribe names no campaign, recipient or time.');
    }
    return { kind: 'unsubscribe', campaignId: parsed.campaignId, contactId: parsed.contactId, at: parsed.at };
  }
  if (parsed?.kind === 'confirm-address' || parsed?.kind === 'invitation-accepted') {
    if (!text(parsed.memberId) || !text(parsed.contactId) || !text(parsed.secretHash)) {
      throw new Error(`The ${parsed.kind} names no member, contact or link.`);
    }
    const { kind, memberId, contactId, secretHash } = parsed;
    return { kind, memberId, contactId, secretHash };
  }
  if (parsed?.kind === 'answer-request') {
    const { eventId, requestId, partnerId, answer, at } = parsed;
    if (!text(eventId) || !text(requestId) || !text(partnerId) || !text(at) || Number.isNaN(Date.parse(at))) {
      throw new Error('The answer-request names no event, request, partner or time.');
    }
    if (answer !== 'accepted' && answer !== 'declined') throw new Error('The answer-request has no answer.');
    return { kind: 'answer-request', eventId, requestId, partnerId, answer, at };
  }
  if (parsed?.kind === 'answer-follow-up') {
    const { eventId, meetingId, companyId, agreement, at } = parsed;
    if (!text(eventId) || !text(meetingId) || !text(companyId) || !text(at) || Number.isNaN(Date.parse(at))) {
      throw new Error('The answer-follow-up names no event, meeting, side or time.');
    }
    if (typeof agreement !== 'boolean') throw new Error('The answer-follow-up has no answer.');
    return { kind: 'answer-follow-up', eventId, meetingId, companyId, agreement, at };
  }
  const event = providerEventOf(parsed);
  if (event) return { kind: 'provider', event };
  const transactional = transactionalEventOf(parsed);
  return transactional ? { kind: 'transactional', event: transactional } : undefined;
}

/**
 * The mail-event consumer: applies each record (mail-events.ts makes a repeat or a late event
 * harmless); a record that throws is reported alone, so SQS delivers it again, and after the queue's
 * receive limit parks it in the dead-letter queue, which alarms.
 */
export function mailEventWorker(deps: () => MailEventDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const mailEvent = mailEventOf(record.body);
        if (mailEvent) await applyMailEvent(mailEvent, deps());
      } catch (error) {
        logger.error('mail event failed', { messageId: record.messageId, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

let deps: MailEventDeps | undefined;

function depsFromEnvironment(): MailEventDeps {
  deps ??= {
    db: databaseFromEnvironment(),
    clock: () => new Date(),
    newId: () => ulid(),
    jobs: new SqsJobQueue(requiredEnv('JOBS_QUEUE_URL')),
    suppression: async () => (await purposeKeysOnce()).suppression,
    sendQueue: new SqsSendQueue(requiredEnv('SEND_QUEUE_URL')),
  };
  return deps;
}

/** The mail-event consumer Lambda handler (mail-event queue). */
export function mailEventWorkerHandler() {
  return middy(mailEventWorker(depsFromEnvironment)).use(injectLambdaContext(logger, { resetKeys: true }));
}
