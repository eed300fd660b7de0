import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ulid } from 'ulid';
import { sweepExpiredClaims } from '../../shared/campaigns/claim-sweep.ts';
import { dispatchCampaign } from '../../shared/campaigns/dispatcher.ts';
import { applyMailEvent, type MailEvent } from '../../shared/campaigns/mail-events.ts';
import { handleSendMessage } from '../../shared/campaigns/sender.ts';
import type { SendingDeps, SendMessage } from '../../shared/campaigns/sending-deps.ts';
import { checkoutAssetSource } from '../../shared/console/assets/checkout-asset-source.ts';
import { ConsoleAssets } from '../../shared/console/assets/console-assets.ts';
import { consoleApi } from '../../shared/console/console-apis.ts';
import { dailyRosterCheck } from '../../shared/console/staff-roster-check.ts';
import { createDatabase, type Database } from '../../shared/data/dynamo-client.ts';
import { UnauthorizedError } from '../../shared/domain/errors.ts';
import { providerEventOf, transactionalEventOf } from '../../shared/email/ses-events.ts';
import { AgendaBusyError } from '../../shared/events/agenda-claims.ts';
import { queueChangedAgendas } from '../../shared/events/agenda-queue.ts';
import { eventJobs } from '../../shared/events/event-jobs.ts';
import { EventRepository } from '../../shared/events/event-repository.ts';
import { createApp } from '../../shared/http/app.ts';
import type { AppDeps, OpenApiDocument } from '../../shared/http/app-env.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { describeApis } from '../../shared/http/openapi-document.ts';
import { createLocalVerifier, localMemberClientId } from '../../shared/identity/local-jwt.ts';
import type { JobMessage } from '../../shared/jobs/job-queue.ts';
import type { JobRegistry, JobRuntime } from '../../shared/jobs/job-types.ts';
import { runJob } from '../../shared/jobs/run-job.ts';
import { memberJobs } from '../../shared/members/member-jobs.ts';
import { drainLeadChanges } from '../../shared/reports/pipeline-consumer.ts';
import { cursorCodec, purposeKeys } from '../../shared/security/purpose-keys.ts';
import { devConsoleSignIn, devStaffDirectory } from './console-dev-sign-in.tsx';
import { type DevSecrets, signingSecretsOf } from './dev-secrets.ts';
import { devTotpEnrolment } from './dev-totp-enrolment.ts';
import { InProcessQueue } from './in-process-queue.ts';
import { LocalCampaignScheduler } from './local-campaign-scheduler.ts';
import { localSignInRoutes } from './local-sign-in.ts';
import { LocalUserDirectory } from './local-user-directory.ts';
import { OutboxTransport } from './outbox-transport.ts';
import { SmtpTransport } from './smtp-transport.ts';

const swaggerDir = (
  createRequire(import.meta.url)('swagger-ui-dist') as { absolutePath(): string }
).absolutePath();

export interface LocalAppOptions {
  endpoint: string;
  tableName: string;
  secrets: DevSecrets;
  clock?: () => Date;
  /** Data rows up to which an import answers within the request; larger files go to an import job. */
  importSyncMaxRows?: number;
  /** Where emails are written, one `.eml` file each. */
  outboxDir: string;
  /** An SMTP server to send through instead of the outbox (`SMTP_URL`). */
  smtpUrl?: string;
  /** The origin this server answers at, which the unsubscribe links in its emails point to. */
  publicBaseUrl: string;
  /** Where the member users live (the user pool's stand-in); default `users.json` beside the outbox. */
  usersFile?: string;
}

/** The local sender: the outbox accepts any address; the footer names the demo association. */
const localSender = {
  from: 'Bridge CRM <outreach@bridge-crm.localhost>',
  domain: 'bridge-crm.localhost',
  organisation: {
    name: 'Demo Business Association (bridge-crm)',
    postalAddress: '1 Example Street, Moscow, Russia',
  },
  unsubscribeMailto: 'unsubscribe@bridge-crm.localhost',
};

export interface LocalApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: Database;
  jobs: InProcessQueue<JobMessage>;
  /** The sender's queue: one message per recipient. */
  sends: InProcessQueue<SendMessage>;
  /** Unsubscribes from the public links (later the provider's events), for their consumer. */
  mailEvents: InProcessQueue<MailEvent>;
  /** Drains of the lead change outbox into the pipeline report, one after each lead write. */
  pipeline: InProcessQueue<'drain'>;
  scheduler: LocalCampaignScheduler;
  sending: SendingDeps;
  /** Settles the claims that expired unrecorded (the sweep `npm start` runs every 15 minutes). */
  sweepClaims: () => Promise<number>;
  /** What jobs run with here: the in-process queue, the app's clock and ids. */
  jobRuntime: JobRuntime;
  /** Every context's job runners and scheduled tasks. */
  jobRegistry: JobRegistry;
}

let document: OpenApiDocument | undefined;

/** The app wired to this machine's edges: DynamoDB Local, the dev keys, an in-process job queue. */
export async function createLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const db = createDatabase({ tableName: options.tableName, endpoint: options.endpoint });
  const verify = await createLocalVerifier(options.secrets.publicJwk);
  const secrets = signingSecretsOf(options.secrets);
  const keys = purposeKeys(secrets);
  const cursors = cursorCodec(secrets);
  const jobs = new InProcessQueue<JobMessage>('jobs', (message) => `job ${message.jobId}`);
  const sends = new InProcessQueue<SendMessage>(
    'sends',
    (message) =>
      'confirmAddress' in message
        ? `address confirmation member ${message.confirmAddress.memberId} contact ${message.confirmAddress.contactId}`
        : 'invite' in message
          ? `invitation member ${message.invite.memberId} contact ${message.invite.contactId}`
          : 'unsubscribed' in message
            ? `unsubscribe confirmation campaign ${message.unsubscribed.campaignId} recipient ${message.unsubscribed.contactId}`
            : 'partnerRequest' in message
              ? `meeting request ${message.partnerRequest.requestId} event ${message.partnerRequest.eventId} contact ${message.partnerRequest.contactId}`
              : 'agenda' in message
                ? `agenda event ${message.agenda.eventId} company ${message.agenda.companyId} version ${message.agenda.scheduleVersion}`
                : 'followUp' in message
                  ? `follow-up question meeting ${message.followUp.meetingId} event ${message.followUp.eventId} contact ${message.followUp.contactId}`
                  : 'contactId' in message
                    ? `campaign ${message.campaignId} recipient ${message.contactId}`
                    : `campaign ${message.campaignId} test emails`,
    (error) => (error instanceof AgendaBusyError ? error.retryAfterSeconds : undefined),
  );
  const mailEvents = new InProcessQueue<MailEvent>('mail events', (message) =>
    message.kind === 'unsubscribe'
      ? `unsubscribe campaign ${message.campaignId} recipient ${message.contactId}`
      : message.kind === 'confirm-address' || message.kind === 'invitation-accepted'
        ? `${message.kind} member ${message.memberId} contact ${message.contactId}`
        : message.kind === 'answer-request'
          ? `answer-request ${message.requestId} event ${message.eventId}`
          : message.kind === 'answer-follow-up'
            ? `answer-follow-up ${message.meetingId} event ${message.eventId} side ${message.companyId}`
            : message.kind === 'transactional'
              ? `${message.event.type} of ${message.event.purpose} email ${message.event.messageId}`
              : `${message.event.type} campaign ${message.event.campaignId} recipient ${message.event.contactId}`,
  );
  // The report's consumer, as the table's stream runs it in AWS: every drain is idempotent.
  const pipeline = new InProcessQueue<'drain'>('pipeline', () => 'lead change outbox');
  pipeline.setHandler(async () => {
    await drainLeadChanges(db);
  });
  const clock = options.clock ?? (() => new Date());
  const users = new LocalUserDirectory(
    options.usersFile ?? join(dirname(options.outboxDir), 'users.json'),
    clock,
  );
  const outbox = new OutboxTransport(
    options.outboxDir,
    () => ulid(),
    // As the AWS consumer reads SES's events from its queue: parsed, then applied in turn.
    async (sesEvent) => {
      const event = providerEventOf(sesEvent);
      if (event) return mailEvents.enqueue({ kind: 'provider', event });
      const transactional = transactionalEventOf(sesEvent);
      if (transactional) await mailEvents.enqueue({ kind: 'transactional', event: transactional });
    },
  );
  const sending: SendingDeps = {
    db,
    clock,
    newId: () => ulid(),
    suppression: async () => keys.suppression,
    unsubscribeTokens: async () => keys.unsubscribe,
    partnerAnswers: async () => keys.partnerAnswers,
    followUpKey: async () => keys.followUpKey,
    sendQueue: {
      enqueue: async (messages) => {
        for (const message of messages) await sends.enqueue(message);
      },
    },
    transport: options.smtpUrl ? new SmtpTransport(options.smtpUrl, () => ulid()) : outbox,
    sender: { ...localSender, publicBaseUrl: options.publicBaseUrl },
  };
  const scheduler = new LocalCampaignScheduler((campaignId) => dispatchCampaign(campaignId, sending), clock);
  sends.setHandler((message) => handleSendMessage(message, sending));
  mailEvents.setHandler((event) =>
    applyMailEvent(event, {
      db,
      clock,
      newId: () => ulid(),
      jobs,
      suppression: async () => keys.suppression,
      sendQueue: sending.sendQueue,
      leadChanges: { written: () => void pipeline.enqueue('drain') },
    }),
  );
  const consoleSignIn = devConsoleSignIn(options.secrets);
  const deps: AppDeps = {
    db,
    cursors: async () => cursors,
    suppression: async () => keys.suppression,
    unsubscribeTokens: async () => keys.unsubscribe,
    partnerAnswers: async () => keys.partnerAnswers,
    followUpKey: async () => keys.followUpKey,
    mailEvents,
    leadChanges: { written: () => void pipeline.enqueue('drain') },
    claims: async (c) => {
      const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
      if (!match) throw new UnauthorizedError('Send Authorization: Bearer <token>.');
      return verify(match[1]!);
    },
    identity: { memberClientId: localMemberClientId },
    jobs,
    clock,
    campaignScheduler: scheduler,
    sendQueue: sending.sendQueue,
    // An SMTP server's copies are its own, not ours to delete.
    ...(options.smtpUrl ? {} : { sentMailCopies: outbox }),
    users,
    // Staff have no user here: a dev token's subject names its user, and the outbox takes any address.
    userEmail: async (sub) => `${sub}@users.bridge-crm.localhost`,
    newId: () => ulid(),
    ...(options.importSyncMaxRows !== undefined ? { importSyncMaxRows: options.importSyncMaxRows } : {}),
    docsAsset: async (name) => readFile(join(swaggerDir, name)),
    console: {
      signIn: consoleSignIn.provider,
      assets: new ConsoleAssets(checkoutAssetSource),
      totp: devTotpEnrolment(),
      staffDirectory: devStaffDirectory,
    },
    // Built on first request, as AWS builds it at deploy time, from the routes served here.
    openApiDocument: async () => {
      document ??= describeApis(allApis);
      return document;
    },
  };
  const jobRuntime: JobRuntime = { db, queue: jobs, clock: deps.clock, newId: deps.newId };
  // Every context's background work, as the worker functions run it in AWS (one queue here).
  const events = eventJobs({ published: queueChangedAgendas(new EventRepository(db), deps.sendQueue) });
  const allJobs: JobRegistry = {
    runners: [...memberJobs.runners, ...events.runners],
    scheduled: [...memberJobs.scheduled, dailyRosterCheck(() => devStaffDirectory), ...events.scheduled],
  };
  jobs.setHandler((message) => runJob(jobRuntime, allJobs, message));
  return {
    app: createApp(deps, [...allApis, consoleApi])
      .route('/', localSignInRoutes(users, options.secrets))
      .route('/', consoleSignIn.routes),
    deps,
    db,
    jobs,
    sends,
    mailEvents,
    pipeline,
    scheduler,
    sending,
    sweepClaims: () => sweepExpiredClaims(sending),
    jobRuntime,
    jobRegistry: allJobs,
  };
}
