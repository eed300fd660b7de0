import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
import { ulid } from 'ulid';
import { ServiceUnavailableError, UnauthorizedError } from '../domain/errors.ts';
import type { ApiContext } from '../http/api-context.ts';
import { createApp } from '../http/app.ts';
import type { AppDeps, OpenApiDocument } from '../http/app-env.ts';
import type { Claims } from '../identity/principal.ts';
import { SqsJobQueue } from '../jobs/sqs-job-queue.ts';
import { type PurposeKeys, purposeKeys } from '../security/purpose-keys.ts';
import { databaseFromEnvironment, requiredEnv } from './environment.ts';
import { signingSecretsFromExtension } from './secrets-extension.ts';

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

let keys: Promise<PurposeKeys> | undefined;

/**
 * The purpose keys, from the signing secret fetched on first use only: most requests carry no cursor
 * and erase nobody, and never pay for it. Kept for the cold start; a failed fetch is retried by the
 * next request. `SIGNING_SECRET` stands in for Secrets Manager where the function runs outside AWS.
 */
function purposeKeysOnce(): Promise<PurposeKeys> {
  keys ??= (
    process.env.SIGNING_SECRET
      ? Promise.resolve({ current: Buffer.from(process.env.SIGNING_SECRET, 'utf8') })
      : signingSecretsFromExtension(requiredEnv('SIGNING_SECRET_ARN')).catch((cause: unknown) => {
          // Secrets Manager or the extension is briefly unreachable: the client may retry shortly.
          throw new ServiceUnavailableError(
            'The signing keys cannot be read right now; try again shortly.',
            2,
            {
              cause,
            },
          );
        })
  ).then(purposeKeys);
  keys.catch(() => {
    keys = undefined;
  });
  return keys;
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
 * The contexts in `apis` wired to AWS: DynamoDB, the signing secret's keys, the SQS queue. Built once
 * per cold start.
 */
export function createLambdaApp(apis: readonly ApiContext[], overrides: Partial<AppDeps> = {}) {
  const db = overrides.db ?? databaseFromEnvironment();
  const docsDir = process.env.DOCS_ASSETS_DIR;
  const deps: AppDeps = {
    db,
    cursors: async () => (await purposeKeysOnce()).cursors,
    suppression: async () => (await purposeKeysOnce()).suppression,
    unsubscribeTokens: async () => (await purposeKeysOnce()).unsubscribe,
    claims: claimsFromAuthorizer,
    identity: {
      // Read when a member token arrives: the public function serves no /v1 route and is not given it.
      get memberClientId() {
        return requiredEnv('MEMBER_CLIENT_ID');
      },
    },
    jobs: new SqsJobQueue(process.env.JOBS_QUEUE_URL),
    clock: () => new Date(),
    newId: () => ulid(),
    docsAsset: async (name) => (docsDir ? readFile(join(docsDir, name)) : undefined),
    openApiDocument: () => openApiDocumentOnce(docsDir),
    ...overrides,
  };
  return createApp(deps, apis);
}
