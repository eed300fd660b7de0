import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import {
  type CampaignWorkMessage,
  campaignWorkMaxDeliveries,
  campaignWorkOf,
  nextDeliveryDelaySeconds,
} from '../campaigns/campaign-work.ts';
import { sweepExpiredClaims } from '../campaigns/claim-sweep.ts';
import { dispatchCampaign } from '../campaigns/dispatcher.ts';
import { giveUpOnRecipient, handleSendMessage } from '../campaigns/sender.ts';
import type { SendingDeps } from '../campaigns/sending-deps.ts';
import { SqsSendQueue } from '../campaigns/sqs-send-queue.ts';
import { PacedTransport, SesSendRate, TokenBucket } from '../email/send-rate.ts';
import { SesTransport } from '../email/ses-transport.ts';
import { AgendaBusyError } from '../events/agenda-claims.ts';
import { logger } from '../observability/logger.ts';
import { databaseFromEnvironment, requiredEnv } from './environment.ts';
import { purposeKeysOnce } from './purpose-keys-once.ts';

export async function runCampaignWork(message: CampaignWorkMessage, deps: SendingDeps): Promise<void> {
  if ('dispatch' in message) return dispatchCampaign(message.dispatch, deps);
  if ('sweep' in message) {
    const settled = await sweepExpiredClaims(deps);
    if (settled > 0) logger.warn('expired claims settled as unknown', { settled });
    return;
  }
  return handleSendMessage(message, deps);
}

/**
 * The campaign worker: one send-queue record at a time (a dispatch, the claim sweep, a recipient's
 * email or a test send). A record that throws is reported alone in `batchItemFailures`, so SQS
 * delivers it again, after a jittered, growing wait (`retryLater`, where given); on its last delivery
 * a recipient still queued becomes `failed`. An agenda refused because another delivery is sending the
 * same participant's (`AgendaBusyError`) waits for that delivery's claim to lapse before its last
 * delivery, and is queued afresh if refused even then.
 */
export function campaignWorker(
  deps: () => SendingDeps,
  retryLater?: (receiptHandle: string, seconds: number) => Promise<void>,
) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message: CampaignWorkMessage | undefined;
      try {
        message = campaignWorkOf(record.body);
        await runCampaignWork(message, deps());
      } catch (error) {
        const count = Number(record.attributes?.ApproximateReceiveCount ?? 1);
        const lastDelivery = count >= campaignWorkMaxDeliveries;
        const busy = error instanceof AgendaBusyError ? error : undefined;
        const details = { messageId: record.messageId, error: error as Error };
        if (busy && lastDelivery && message && 'agenda' in message) {
          // Refused again at its last delivery (another message came back first and took the claim): a
          // fresh copy goes on the queue rather than this one to the dead-letter queue.
          try {
            await deps().sendQueue.enqueue([message]);
            logger.warn('campaign work queued again', details);
            continue;
          } catch (cause) {
            logger.error('refused campaign work not queued again', { error: cause as Error });
          }
        }
        // Another delivery at work on the same participant is expected now and then: not an error yet.
        if (busy && !lastDelivery) logger.warn('campaign work deferred', details);
        else
          logger.error(
            lastDelivery ? 'campaign work failed for the last time' : 'campaign work failed',
            details,
          );
        if (lastDelivery && message && 'contactId' in message) {
          await giveUpOnRecipient(message, deps()).catch((cause: unknown) =>
            logger.error('could not mark the recipient failed', { error: cause as Error }),
          );
        } else if (!lastDelivery && retryLater) {
          // Else the queue's visibility timeout (30 minutes) decides; the failure stands either way.
          const delay = nextDeliveryDelaySeconds(count, busy?.retryAfterSeconds);
          await retryLater(record.receiptHandle, delay).catch((cause: unknown) =>
            logger.warn('retry delay not set', { error: cause as Error }),
          );
        }
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

let sending: (SendingDeps & { sendQueue: SqsSendQueue }) | undefined;

/** SES, paced: each of the (at most SEND_WORKERS) workers sends at its share of the account's rate. */
function pacedSesFromEnvironment(): PacedTransport {
  const rate = new SesSendRate(Number(requiredEnv('SEND_WORKERS')));
  return new PacedTransport(
    new SesTransport(requiredEnv('SES_CONFIGURATION_SET')),
    new TokenBucket(() => rate.perSecond()),
  );
}

/** Built on first use, not at import, so a missing variable fails the invocation with its name. */
function sendingFromEnvironment() {
  sending ??= {
    db: databaseFromEnvironment(),
    clock: () => new Date(),
    newId: () => ulid(),
    suppression: async () => (await purposeKeysOnce()).suppression,
    unsubscribeTokens: async () => (await purposeKeysOnce()).unsubscribe,
    partnerAnswers: async () => (await purposeKeysOnce()).partnerAnswers,
    followUpKey: async () => (await purposeKeysOnce()).followUpKey,
    sendQueue: new SqsSendQueue(requiredEnv('SEND_QUEUE_URL')),
    transport: pacedSesFromEnvironment(),
    sender: {
      from: requiredEnv('SENDER_FROM'),
      domain: requiredEnv('SENDER_DOMAIN'),
      publicBaseUrl: requiredEnv('PUBLIC_BASE_URL'),
      organisation: {
        name: requiredEnv('ORGANISATION_NAME'),
        postalAddress: requiredEnv('ORGANISATION_ADDRESS'),
      },
      ...(process.env.UNSUBSCRIBE_MAILTO ? { unsubscribeMailto: process.env.UNSUBSCRIBE_MAILTO } : {}),
    },
  };
  return sending;
}

/** The campaign worker Lambda handler (send queue). */
export function campaignWorkerHandler() {
  return middy(
    campaignWorker(sendingFromEnvironment, (receipt, seconds) =>
      sendingFromEnvironment().sendQueue.retryLater(receipt, seconds),
    ),
  ).use(injectLambdaContext(logger, { resetKeys: true }));
}
