import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { MailEventQueue } from '../campaigns/mail-events.ts';
import type { CampaignScheduler, SendQueue } from '../campaigns/sending-deps.ts';
import type { UnsubscribeTokens } from '../campaigns/unsubscribe-token.ts';
import type { ConsoleEdges } from '../console/console-deps.ts';
import type { CursorCodec } from '../data/cursor.ts';
import type { Database } from '../data/dynamo-client.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import type { PartnerAnswerLinks } from '../events/partner-answer-links.ts';
import type { Claims, IdentityPolicy, Principal } from '../identity/principal.ts';
import type { UserDirectory } from '../identity/user-directory.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { LinkKey } from '../security/signed-links.ts';

/** Where the verified claims of a request come from: a local JWT check, or API Gateway's authorizer. */
export type ClaimsSource = (c: Context) => Promise<Claims>;

/** The edges the routes need; each runtime (local server, Lambda) supplies its own. */
export interface AppDeps {
  db: Database;
  cursors: () => Promise<CursorCodec>;
  /** Hashes addresses for the suppression list, under the key that is never rotated. */
  suppression: () => Promise<EmailHasher>;
  /** Signs and checks the unsubscribe links of campaign emails. */
  unsubscribeTokens: () => Promise<UnsubscribeTokens>;
  /** Checks the links partners answer meeting requests with (the public page). */
  partnerAnswers: () => Promise<PartnerAnswerLinks>;
  /** The key of the follow-up question's links (issue 11): a FollowUpLinks of it checks them. */
  followUpKey: () => Promise<LinkKey>;
  /** Takes unsubscribes (and later the provider's events) to their consumer; absent where not wired yet. */
  mailEvents?: MailEventQueue;
  claims: ClaimsSource;
  identity: IdentityPolicy;
  jobs: JobQueue;
  /** Runs campaigns at their send time; absent where this deployment does not send campaigns yet. */
  campaignScheduler?: CampaignScheduler;
  /** Hands work to the sender (a released recipient, test emails); absent where campaigns are not sent yet. */
  sendQueue?: SendQueue;
  /** Copies of sent emails this runtime keeps (the local outbox), which an erasure deletes; SES keeps none. */
  sentMailCopies?: { erase(messageIds: readonly string[]): Promise<void> };
  /**
   * Tells the consumer of lead change events that a lead was written, where no stream does (the local
   * runtime drains the outbox); absent in AWS, where the table's stream feeds the consumer.
   */
  leadChanges?: { written(): void };
  /** Member accounts' users (the user pool, or its local stand-in); absent where not wired. */
  users?: UserDirectory;
  /** The email address of a signed-in user, by token subject (the user pool's); absent where unknown. */
  userEmail?: (sub: string) => Promise<string | undefined>;
  clock: () => Date;
  newId: () => string;
  /** Data rows up to which `POST /v1/members/import` answers within the request (default 200). */
  importSyncMaxRows?: number;
  /** The queue of the events' background work (its own worker in AWS); absent: `jobs`. */
  eventJobs?: JobQueue;
  /** Accepted requests up to which a schedule runs within the request (default events/schedule-service.ts). */
  scheduleInRequestUpTo?: number;
  /** The staff console's sign-in provider and assets; absent where the console is not served. */
  console?: ConsoleEdges;
  /** Swagger UI's static files by name, or undefined where this deployment does not serve them. */
  docsAsset: (name: string) => Promise<Uint8Array | undefined>;
  /** The whole API's OpenAPI document, without `servers` (added per request). */
  openApiDocument: () => Promise<OpenApiDocument>;
}

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

export interface AppEnv {
  Variables: { principal: Principal };
}
