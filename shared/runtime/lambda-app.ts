import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
import { ulid } from 'ulid';
import { CursorCodec } from '../data/cursor.ts';
import { UnauthorizedError } from '../domain/errors.ts';
import { createApp } from '../http/app.ts';
import type { AppDeps } from '../http/app-env.ts';
import type { Claims } from '../identity/principal.ts';
import { SqsJobQueue } from '../jobs/sqs-job-queue.ts';
import { databaseFromEnvironment, requiredEnv } from './environment.ts';
import { secretFromExtension } from './secrets-extension.ts';

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

let cursorCodec: Promise<CursorCodec> | undefined;

/** The app wired to AWS: DynamoDB, the signing secret, the SQS jobs queue. Built once per cold start. */
export function createLambdaApp(overrides: Partial<AppDeps> = {}) {
  const db = databaseFromEnvironment();
  const docsDir = process.env.DOCS_ASSETS_DIR;
  const deps: AppDeps = {
    db,
    cursors: () => {
      // Fetched on first use only: most requests carry no cursor and never pay for it.
      cursorCodec ??= (
        process.env.SIGNING_SECRET
          ? Promise.resolve(process.env.SIGNING_SECRET)
          : secretFromExtension(requiredEnv('SIGNING_SECRET_ARN'))
      ).then((secret) => new CursorCodec(Buffer.from(secret, 'utf8')));
      cursorCodec.catch(() => {
        cursorCodec = undefined;
      });
      return cursorCodec;
    },
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
    ...overrides,
  };
  return createApp(deps);
}
