import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
import { ulid } from 'ulid';
import { EventBridgeCampaignScheduler } from '../campaigns/eventbridge-campaign-scheduler.ts';
import { SqsMailEventQueue } from '../campaigns/sqs-mail-event-queue.ts';
import { SqsSendQueue } from '../campaigns/sqs-send-queue.ts';
import { UnauthorizedError } from '../domain/errors.ts';
import type { ApiContext } from '../http/api-context.ts';
import { createApp } from '../http/app.ts';
import type { AppDeps, OpenApiDocument } from '../http/app-env.ts';
import type { Claims } from '../identity/principal.ts';
import { SqsJobQueue } from '../jobs/sqs-job-queue.ts';
import { CognitoUserDirectory } from './cognito-user-directory.ts';
import { cognitoUserEmail } from './cognito-user-email.ts';
import { databaseFromEnvironment, requiredEnv } from './environment.ts';
import { cursorCodecOnce, purposeKeysOnce } from './purpose-keys-once.ts';

/**
 * In AWS, API Gateway's JWT authorizer has already verified the token against Cognito; the function
 * reads the verified claims it passes along and applies the same role checks as the local server.
 */
export async function claimsFromAuthorizer(c: Context): Promise<Claims> {
  const event = (c.env as { event?: LambdaEvent } | undefined)?.event as
    | { requestContext?: { authorizer?: { jwt?: { claims?: Claims } } } }
    | undefined;
  const claims = event?.requestContext?.authorizer?.jwt?.claims;
  if (!claims) throw new UnauthorizedError('Send Authorization: Bearer <token>.');
  return claims;
}

let document: Promise<OpenApiDocument> | undefined;

/** The OpenAPI document written beside the platform function's bundle at build time, read once. */
function openApiDocumentOnce(docsDir: string | undefined): Promise<OpenApiDocument> {
  document ??= docsDir
    ? readFile(join(docsDir, 'openapi.json'), 'utf8').then((text) => JSON.parse(text) as OpenApiDocument)
    : Promise.reject(new Error('DOCS_ASSETS_DIR is not set: this function serves no OpenAPI document.'));
  // A failed read is tried again by the next request rather than answered from a cached failure.
  document.catch(() => {
    document = undefined;
  });
  return document;
}

/**
 * What a function's environment gives it of email and accounts: the campaigns function schedules, sends
 * tests and releases recipients (send queue, schedule group, user pool); the public function queues
 * unsubscribes and sets invited members' passwords (mail-event queue, user pool); the directory
 * invites and revokes member accounts (send queue, user pool). A function without the variables
 * answers those routes 503.
 */
function campaignEdgesFromEnvironment(clock: () => Date): Partial<AppDeps> {
  const env = process.env;
  const sendQueue = env.SEND_QUEUE_URL ? new SqsSendQueue(env.SEND_QUEUE_URL) : undefined;
  return {
    ...(sendQueue ? { sendQueue } : {}),
    ...(sendQueue && env.CAMPAIGN_SCHEDULE_GROUP
      ? {
          campaignScheduler: new EventBridgeCampaignScheduler(
            {
              group: env.CAMPAIGN_SCHEDULE_GROUP,
              queueArn: requiredEnv('SEND_QUEUE_ARN'),
              roleArn: requiredEnv('CAMPAIGN_SCHEDULER_ROLE_ARN'),
            },
            sendQueue,
            clock,
          ),
        }
      : {}),
    ...(env.MAIL_EVENT_QUEUE_URL ? { mailEvents: new SqsMailEventQueue(env.MAIL_EVENT_QUEUE_URL) } : {}),
    ...(env.USER_POOL_ID
      ? { userEmail: cognitoUserEmail(env.USER_POOL_ID), users: new CognitoUserDirectory(env.USER_POOL_ID) }
      : {}),
  };
}

/**
 * The contexts in `apis` wired to AWS: DynamoDB, the signing secret's keys, the SQS queues. Built once
 * per cold start.
 */
export function createLambdaApp(apis: readonly ApiContext[], overrides: Partial<AppDeps> = {}) {
  const db = overrides.db ?? databaseFromEnvironment();
  const docsDir = process.env.DOCS_ASSETS_DIR;
  const clock = () => new Date();
  const deps: AppDeps = {
    db,
    cursors: cursorCodecOnce,
    suppression: async () => (await purposeKeysOnce()).suppression,
    unsubscribeTokens: async () => (await purposeKeysOnce()).unsubscribe,
    partnerAnswers: async () => (await purposeKeysOnce()).partnerAnswers,
    followUpKey: async () => (await purposeKeysOnce()).followUpKey,
    claims: claimsFromAuthorizer,
    identity: {
      // Read when a member token arrives: the public function serves no /v1 route and is not given it.
      get memberClientId() {
        return requiredEnv('MEMBER_CLIENT_ID');
      },
    },
    jobs: new SqsJobQueue(process.env.JOBS_QUEUE_URL),
    // The events context's schedule jobs go to a worker of their own (HiGHS, one vCPU), where set.
    ...(process.env.EVENT_JOBS_QUEUE_URL
      ? { eventJobs: new SqsJobQueue(process.env.EVENT_JOBS_QUEUE_URL) }
      : {}),
    clock,
    ...campaignEdgesFromEnvironment(clock),
    newId: () => ulid(),
    docsAsset: async (name) => (docsDir ? readFile(join(docsDir, name)) : undefined),
    openApiDocument: () => openApiDocumentOnce(docsDir),
    ...overrides,
  };
  return createApp(deps, apis);
}
