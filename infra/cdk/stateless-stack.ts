import { posix } from 'node:path';
import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { SqsSendMessage } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ConfigurationSet, EmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { SweepMessage } from '../../shared/campaigns/campaign-work.ts';
import { assetNames } from '../../shared/console/assets/asset-catalog.ts';
import { catalogedAssetPath } from '../../shared/console/assets/checkout-asset-source.ts';
import { campaignsConsoleApi } from '../../shared/console/sections/campaigns-section.ts';
import { erasureConsoleApi } from '../../shared/console/sections/erasure-section.ts';
import { eventDelegatesConsoleApi } from '../../shared/console/sections/event-delegates-section.ts';
import { eventMeetingsConsoleApi } from '../../shared/console/sections/event-meetings-section.ts';
import { eventsConsoleApi } from '../../shared/console/sections/events-section.ts';
import { leadsConsoleApi } from '../../shared/console/sections/leads-section.ts';
import { memberEditConsoleApi } from '../../shared/console/sections/member-edit-section.ts';
import { memberImportConsoleApi } from '../../shared/console/sections/member-import-section.ts';
import { memberRecordConsoleApi } from '../../shared/console/sections/member-record-section.ts';
import { membersConsoleApi } from '../../shared/console/sections/members-section.ts';
import { partnerJoinConsoleApi } from '../../shared/console/sections/partner-join-section.ts';
import { partnersConsoleApi } from '../../shared/console/sections/partners-section.ts';
import { reportsConsoleApi } from '../../shared/console/sections/reports-section.ts';
import { shellConsoleApi } from '../../shared/console/sections/shell-section.ts';
import { eventJobs } from '../../shared/events/event-jobs.ts';
import type { ApiContext } from '../../shared/http/api-context.ts';
import { campaignsApi } from '../../shared/http/contexts/campaigns-api.ts';
import { directoryApi } from '../../shared/http/contexts/directory-api.ts';
import { eventsApi } from '../../shared/http/contexts/events-api.ts';
import { partnershipsApi } from '../../shared/http/contexts/partnerships-api.ts';
import { platformApi } from '../../shared/http/contexts/platform-api.ts';
import type { JobRegistry } from '../../shared/jobs/job-types.ts';
import { storedItemUnreadableMetric } from '../../shared/members/stored-item-error.ts';
import { workerJobs } from '../../shared/runtime/worker-jobs.ts';
import { REPO_ROOT } from './bundling-options.ts';
import { type BundledAsset, CrmFunction, type CrmFunctionProps, METRICS_NAMESPACE } from './crm-function.ts';
import { writeOpenApiDocument } from './openapi-asset.ts';
import {
  CAMPAIGN_WORKER_TIMEOUT,
  EVENTS_WORKER_TIMEOUT,
  JOB_WORKER_TIMEOUT,
  MAIL_EVENT_WORKER_TIMEOUT,
} from './stateful-stack.ts';

/** Where the platform function finds the Swagger UI files at run time (`DOCS_ASSETS_DIR`). */
export const DOCS_ASSETS_DIR = '/var/task/docs-assets';

const DOCS_ASSETS: BundledAsset[] = [
  ...['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'].map((file) => ({
    from: `node_modules/swagger-ui-dist/${file}`,
    to: `docs-assets/${file}`,
  })),
  // The document of every context, built from their route definitions when the function is bundled.
  { to: 'docs-assets/openapi.json', write: writeOpenApiDocument },
];

/**
 * Where a function that runs the 1:1 meeting scheduler finds HiGHS at run time (read by
 * shared/events/scheduling/highs-solver.ts): the `highs` package's ESM loader (`HIGHS_MODULE_PATH`,
 * imported when the first schedule is solved, so the 100 KB stays out of the bundle every request
 * loads) and the 3.5 MB WebAssembly module it compiles (`HIGHS_WASM_PATH`), both copied beside the
 * bundle at the root of the function's package (/var/task).
 */
export const HIGHS_WASM_PATH = '/var/task/highs.wasm';
export const HIGHS_MODULE_PATH = '/var/task/highs.mjs';

/** The HiGHS loader and module, copied beside the bundle of each function that solves schedules. */
export const HIGHS_ASSETS: BundledAsset[] = [
  { from: 'node_modules/highs/build/highs.wasm', to: 'highs.wasm' },
  { from: 'node_modules/highs/build/highs.mjs', to: 'highs.mjs' },
];

/**
 * The memory of the functions that solve schedules (the events API and the events worker): one full
 * vCPU (Lambda gives CPU in proportion to memory, a whole one at 1,769 MB), for the scheduler's integer
 * programs (up to ~80k binaries) and HiGHS' Wasm heap.
 */
export const SCHEDULER_MEMORY_MB = 1769;

/** Where the console's functions find their pages' static files at run time (`CONSOLE_ASSETS_DIR`). */
export const CONSOLE_ASSETS_DIR = '/var/task/console-assets';

/**
 * Every catalogued console file, copied flat beside each console bundle from where the checkout has it:
 * the shell serves them. The pages link them by the names the build hashed from these same files
 * (infra/cdk/bundling-options.ts), so no function reads them to name them.
 */
const CONSOLE_ASSETS: BundledAsset[] = assetNames.map((name) => ({
  from: posix.relative(REPO_ROOT, catalogedAssetPath(name)),
  to: `console-assets/${name}`,
}));

interface ConsoleFunction {
  /** The section it serves; its entry (`functions/<name>.ts`) mounts the same one. */
  api: ApiContext;
  does: string;
  environment?: Record<string, string>;
}

/**
 * The staff console's functions by construct id, one per section, defined only where the deployment
 * has the console's callback URL: a page loads only its own area's code. An event's meetings' section
 * sends every schedule run to the events worker (`SCHEDULE_IN_REQUEST_UP_TO=0`): a page does not wait
 * on the solver, and the function needs neither HiGHS nor a whole vCPU.
 */
const CONSOLE_FUNCTIONS = {
  Console: {
    api: shellConsoleApi,
    does: 'sign-in, settings, the audit log, the staff roster, the pages’ files',
  },
  ConsoleMembers: { api: membersConsoleApi, does: 'the directory: lists, views, export, bulk actions' },
  ConsoleMemberImport: { api: memberImportConsoleApi, does: 'the directory’s CSV import' },
  ConsoleMemberRecord: { api: memberRecordConsoleApi, does: 'member records' },
  ConsoleMemberEdit: { api: memberEditConsoleApi, does: 'a member’s edits: new, profile, offers, contacts' },
  ConsolePartners: { api: partnersConsoleApi, does: 'foreign partners: their list and records' },
  ConsolePartnerJoin: { api: partnerJoinConsoleApi, does: 'a partner joining the association as a member' },
  ConsoleErasure: {
    api: erasureConsoleApi,
    does: 'admins’ erasure of a member’s or a partner’s personal data',
  },
  ConsoleLeads: { api: leadsConsoleApi, does: 'the pipeline board and lead records' },
  ConsoleCampaigns: { api: campaignsConsoleApi, does: 'campaigns' },
  ConsoleEvents: { api: eventsConsoleApi, does: 'events: their list, overviews, participants and requests' },
  ConsoleEventMeetings: {
    api: eventMeetingsConsoleApi,
    does: 'an event’s schedule, interpreter plan and outcomes',
    environment: { SCHEDULE_IN_REQUEST_UP_TO: '0' },
  },
  ConsoleEventDelegates: {
    api: eventDelegatesConsoleApi,
    does: 'a participant’s delegates changed in place',
  },
  ConsoleReports: { api: reportsConsoleApi, does: 'reports' },
} as const satisfies Record<string, ConsoleFunction>;

type ConsoleFunctionId = keyof typeof CONSOLE_FUNCTIONS;
const eachConsoleFunction = <T>(map: (fn: ConsoleFunction) => T) =>
  Object.fromEntries(Object.entries(CONSOLE_FUNCTIONS).map(([id, fn]) => [id, map(fn)])) as Record<
    ConsoleFunctionId,
    T
  >;

/** The section each console function serves, by construct id. */
export const CONSOLE_FUNCTION_APIS = eachConsoleFunction((fn) => fn.api);

/** Each console function, named after its section: entry `functions/<name>.ts`, service `<name>`. */
export const CONSOLE_FUNCTION_PROPS = eachConsoleFunction(
  ({ api, does, environment }): CrmFunctionProps => ({
    entry: `functions/${api.name}.ts`,
    serviceName: api.name,
    description: `The staff console (session cookie, no JWT authorizer): ${does}`,
    environment: { CONSOLE_ASSETS_DIR, ...environment },
    assets: CONSOLE_ASSETS,
  }),
);

/** The Cognito admin actions of member accounts (invite, revoke, erase, last sign-in). */
const MEMBER_ACCOUNT_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminListUserAuthEvents',
];

/**
 * What the record's edits do with member accounts: a contact removed, or its address changed, takes
 * its account with it (revoked, signed out, deleted), and nothing else.
 */
const MEMBER_ACCOUNT_REVOKE_ACTIONS = [
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminDeleteUser',
];

/**
 * Every function of the app, by construct id. Exported so the bundling test builds exactly these
 * (entry, assets, environment) without synthesising the whole stack.
 */
export const FUNCTION_PROPS = {
  MembersApi: {
    entry: 'functions/members-api.ts',
    serviceName: 'members-api',
    description: 'The directory context (/v1, JWT): members, contacts, self-service, tiers, reports, jobs',
  },
  CampaignsApi: {
    entry: 'functions/campaigns-api.ts',
    serviceName: 'campaigns-api',
    description: 'The campaigns context (/v1, JWT): outreach campaign drafts',
  },
  PartnershipsApi: {
    entry: 'functions/partnerships-api.ts',
    serviceName: 'partnerships-api',
    description: 'The partnerships context (/v1, JWT): foreign partners',
  },
  EventsApi: {
    entry: 'functions/events-api.ts',
    serviceName: 'events-api',
    description: 'The events context (/v1, JWT): B2B meeting programmes, the 1:1 scheduler (HiGHS, Wasm)',
    memorySize: SCHEDULER_MEMORY_MB,
    // A schedule is solved within the request: all the time the HTTP API waits (its integration's
    // limit, 29 s as CDK validates it), where the other API functions stop at 15 s.
    timeout: Duration.seconds(29),
    environment: { HIGHS_WASM_PATH, HIGHS_MODULE_PATH },
    assets: HIGHS_ASSETS,
  },
  PlatformApi: {
    entry: 'functions/platform-api.ts',
    serviceName: 'platform-api',
    description: 'The platform context (public): health, the OpenAPI document, API docs',
    environment: { DOCS_ASSETS_DIR },
    assets: DOCS_ASSETS,
  },
  JobWorker: {
    entry: 'functions/job-worker.ts',
    serviceName: 'job-worker',
    description: 'Admin batch jobs from the jobs queue (tier recompute, migrations); may Scan',
    timeout: JOB_WORKER_TIMEOUT,
  },
  // The events' jobs have a worker of their own: in the job worker, the scheduler and HiGHS' glue would
  // break its bundle budget, and its 1,024 MB would give the solver 0.58 of a vCPU.
  EventsWorker: {
    entry: 'functions/events-worker.ts',
    serviceName: 'events-worker',
    description: 'Event jobs from the event jobs queue: schedule runs too large for a request (HiGHS, Wasm)',
    memorySize: SCHEDULER_MEMORY_MB,
    timeout: EVENTS_WORKER_TIMEOUT,
    environment: { HIGHS_WASM_PATH, HIGHS_MODULE_PATH },
    assets: HIGHS_ASSETS,
  },
  CampaignWorker: {
    entry: 'functions/campaign-worker.ts',
    serviceName: 'campaign-worker',
    description:
      'Campaign sending from the send queue: dispatch at send time, one email per recipient via SES, test sends, the claim sweep',
    timeout: CAMPAIGN_WORKER_TIMEOUT,
  },
  PipelineAggregator: {
    entry: 'functions/pipeline-aggregator.ts',
    serviceName: 'pipeline-aggregator',
    description: "Keeps the pipeline report's aggregates from the lead change events on the table's stream",
  },
  MailEventWorker: {
    entry: 'functions/mail-event-worker.ts',
    serviceName: 'mail-event-worker',
    description: 'Unsubscribes and SES delivery, bounce and complaint events from the mail-event queue',
    timeout: MAIL_EVENT_WORKER_TIMEOUT,
  },
} as const satisfies Record<string, CrmFunctionProps>;

/** The contexts each API function serves (its entry mounts the same ones), by construct id. */
export const FUNCTION_APIS = {
  MembersApi: [directoryApi],
  CampaignsApi: [campaignsApi],
  PartnershipsApi: [partnershipsApi],
  EventsApi: [eventsApi],
  PlatformApi: [platformApi],
} as const satisfies Partial<Record<keyof typeof FUNCTION_PROPS, readonly ApiContext[]>>;

/** The job runners and daily tasks the job worker serves (its entry registers the same ones). */
export const WORKER_JOBS: JobRegistry = workerJobs;

/** Those the events worker serves (its entry registers the same kinds, with the agenda queueing). */
export const EVENTS_WORKER_JOBS: JobRegistry = eventJobs();

/**
 * Grants a function what its contexts do with the table: writes if any context writes, and only the
 * partitions they name if every one of them names its partitions.
 */
function bindTableFor(fn: CrmFunction, table: ITable, apis: readonly ApiContext[]): void {
  const mode = apis.some((api) => api.table.access === 'readWrite') ? 'readWrite' : 'read';
  const limited = apis.every((api) => api.table.partitions !== undefined);
  fn.bindTable(table, mode, limited ? apis.flatMap((api) => api.table.partitions ?? []) : undefined);
}

/** Why each public context's routes have no authorizer (cdk-nag AwsSolutions-APIG4). */
const publicRouteReasons: Record<string, string> = {
  platform:
    'Public by design (the platform context): health check, the OpenAPI document and its docs page, and ' +
    'the unsubscribe links of campaign emails (each checks its own signed token).',
  // Each console section's function.
  ...Object.fromEntries(
    Object.values(CONSOLE_FUNCTION_APIS).map((api) => [
      api.name,
      'The staff console authenticates with a server-side session cookie, not a bearer token: its app denies ' +
        'every path but sign-in, the sign-in callback and its static files without a live session of a user ' +
        'in staff or admin (shared/console/session/session-middleware.ts).',
    ]),
  ),
};

/** The campaigns' one-time schedules: their group, the role Scheduler assumes, the queue it sends to. */
interface CampaignScheduling {
  sendQueue: IQueue;
  group: ScheduleGroup;
  groupName: string;
  role: Role;
}

/** What campaign sending needs from the stateful stack and the app's context. */
export interface CampaignSendingProps {
  sendQueue: IQueue;
  mailEventQueue: IQueue;
  configurationSet: ConfigurationSet;
  senderIdentity: EmailIdentity;
  sender: {
    domain: string;
    from: string;
    organisationName: string;
    organisationAddress: string;
    unsubscribeMailto?: string;
  };
}

export interface StatelessStackProps extends StackProps {
  stage: string;
  table: ITable;
  userPool: IUserPool;
  staffClient: IUserPoolClient;
  /** Member tokens are taken only from this client (its access tokens live 5 minutes). */
  memberClient: IUserPoolClient;
  signingSecret: ISecret;
  jobsQueue: IQueue;
  /** The events context's jobs, which the events worker runs. */
  eventJobsQueue: IQueue;
  /** The failure destination of the pipeline aggregator's stream source. */
  pipelineFailureQueue: IQueue;
  alarmTopic: ITopic;
  campaigns: CampaignSendingProps;
  /** The console's sign-in (its app client, the pool domain, its callback); absent: no console. */
  console?: { client: IUserPoolClient; domainUrl: string; callbackUrl: string };
  /** Per-stage default throttling of the HTTP API. @default rate 50 requests/s, burst 100 */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The API and the functions: nothing here holds data, so this stack can be destroyed and
 * redeployed at will without touching the table, the user pool or the queues.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly membersApi: CrmFunction;
  readonly campaignsApi: CrmFunction;
  readonly partnershipsApi: CrmFunction;
  readonly eventsApi: CrmFunction;
  readonly platformApi: CrmFunction;
  readonly jobWorker: CrmFunction;
  readonly eventsWorker: CrmFunction;
  readonly campaignWorker: CrmFunction;
  readonly mailEventWorker: CrmFunction;
  readonly pipelineAggregator: CrmFunction;
  /** The staff console's functions by construct id, where the deployment has its callback URL. */
  readonly consoleFunctions: Partial<Record<ConsoleFunctionId, CrmFunction>> = {};
  /** The HTTP API and its authorizer, once created: where each context's routes are added. */
  private routeContexts?: { api: HttpApi; authorizer: HttpJwtAuthorizer };

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

    this.membersApi = new CrmFunction(this, 'MembersApi', FUNCTION_PROPS.MembersApi);
    bindTableFor(this.membersApi, props.table, FUNCTION_APIS.MembersApi);
    this.membersApi.bindSecret(props.signingSecret);
    this.membersApi.bindQueue(props.jobsQueue, 'send');
    this.membersApi.addEnvironment('MEMBER_CLIENT_ID', props.memberClient.userPoolClientId);
    // Member accounts: exactly the admin actions the directory calls (invite, revoke, erase, list).
    this.membersApi.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
    this.membersApi.addToRolePolicy(
      new PolicyStatement({ actions: MEMBER_ACCOUNT_ACTIONS, resources: [props.userPool.userPoolArn] }),
    );

    this.campaignsApi = new CrmFunction(this, 'CampaignsApi', FUNCTION_PROPS.CampaignsApi);
    bindTableFor(this.campaignsApi, props.table, FUNCTION_APIS.CampaignsApi);
    // Cursors are signed with a key derived from the secret; a member token is told apart by its client.
    this.campaignsApi.bindSecret(props.signingSecret);
    this.campaignsApi.addEnvironment('MEMBER_CLIENT_ID', props.memberClient.userPoolClientId);

    this.partnershipsApi = new CrmFunction(this, 'PartnershipsApi', FUNCTION_PROPS.PartnershipsApi);
    bindTableFor(this.partnershipsApi, props.table, FUNCTION_APIS.PartnershipsApi);
    // Cursors and the suppression hashes of an erasure use keys derived from the secret; a partner
    // joining becomes a member, whose write may queue its re-tier.
    this.partnershipsApi.bindSecret(props.signingSecret);
    this.partnershipsApi.bindQueue(props.jobsQueue, 'send');
    this.partnershipsApi.addEnvironment('MEMBER_CLIENT_ID', props.memberClient.userPoolClientId);

    this.eventsApi = new CrmFunction(this, 'EventsApi', FUNCTION_PROPS.EventsApi);
    bindTableFor(this.eventsApi, props.table, FUNCTION_APIS.EventsApi);
    // Cursors use a key derived from the secret; members read their own events (/v1/me/events).
    this.eventsApi.bindSecret(props.signingSecret);
    this.eventsApi.addEnvironment('MEMBER_CLIENT_ID', props.memberClient.userPoolClientId);
    // A schedule of more than 1,000 accepted requests runs as a job, on the events worker.
    this.eventsApi.bindQueue(props.eventJobsQueue, 'send', 'EVENT_JOBS_QUEUE_URL');

    this.platformApi = new CrmFunction(this, 'PlatformApi', FUNCTION_PROPS.PlatformApi);
    bindTableFor(this.platformApi, props.table, FUNCTION_APIS.PlatformApi);
    // Unsubscribe links are checked with a key derived from the secret (read on the first link only).
    this.platformApi.bindSecret(props.signingSecret);
    // An invited member sets its password on the public page: that one admin action, on the one pool.
    this.platformApi.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
    this.platformApi.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminSetUserPassword'],
        resources: [props.userPool.userPoolArn],
      }),
    );

    this.jobWorker = new CrmFunction(this, 'JobWorker', FUNCTION_PROPS.JobWorker);
    this.jobWorker.bindTable(props.table, 'readWriteScan');
    // A job that cannot finish within one invocation enqueues its own continuation.
    this.jobWorker.bindQueue(props.jobsQueue, 'send');
    // The daily staff roster check lists the pool's staff and admin groups, and reads nothing else there.
    this.jobWorker.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
    this.jobWorker.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:ListUsersInGroup'],
        resources: [props.userPool.userPoolArn],
      }),
    );
    this.jobWorker.addEventSource(
      new SqsEventSource(props.jobsQueue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        // Jobs scan the table; two at a time keeps their read cost from crowding out API traffic.
        maxConcurrency: 2,
      }),
    );

    this.eventsWorker = new CrmFunction(this, 'EventsWorker', FUNCTION_PROPS.EventsWorker);
    this.eventsWorker.bindTable(props.table, 'readWrite');
    // Its one job kind, the schedule run, finishes within one message: it queues no next batch, and
    // may send to no jobs queue. At most two solve at once, each on its own vCPU.
    this.eventsWorker.addEventSource(
      new SqsEventSource(props.eventJobsQueue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );

    // Daily tasks (e.g. dated exchange rates take effect at 00:00 UTC, when nothing writes the members
    // they convert): the worker starts each on its message. A few minutes past midnight, so no clock
    // reads the old day. The target's role may send to this queue and nothing else.
    for (const [registry, queue] of [
      [WORKER_JOBS, props.jobsQueue],
      [EVENTS_WORKER_JOBS, props.eventJobsQueue],
    ] as const) {
      for (const task of registry.scheduled) {
        new Schedule(this, `Daily-${task.run}`, {
          description: `Daily at 00:05 UTC: ${task.run}`,
          schedule: ScheduleExpression.cron({ minute: '5', hour: '0', timeZone: TimeZone.ETC_UTC }),
          target: new SqsSendMessage(queue, { input: ScheduleTargetInput.fromObject({ run: task.run }) }),
        });
      }
    }

    this.pipelineAggregator = this.createPipelineAggregator(props);

    ({ api: this.api, stage: this.apiStage } = this.createApi(props));
    const sending = this.wireCampaignSending(props);
    ({ campaignWorker: this.campaignWorker, mailEventWorker: this.mailEventWorker } = sending);
    if (props.console) this.consoleFunctions = this.createConsole(props, props.console, sending.scheduling);

    const alarmAction = new SnsAction(props.alarmTopic);
    for (const fn of [
      this.membersApi,
      this.campaignsApi,
      this.partnershipsApi,
      this.eventsApi,
      this.platformApi,
      this.jobWorker,
      this.eventsWorker,
      this.campaignWorker,
      this.mailEventWorker,
      this.pipelineAggregator,
      ...Object.values(this.consoleFunctions),
    ]) {
      const alarm = new Alarm(this, `${fn.node.id}ErrorsAlarm`, {
        alarmDescription: `${fn.node.id} threw or timed out.`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(alarmAction);
    }
    // A stored item that no longer matches its schema answers 500 until someone repairs it. Powertools
    // adds the function's service as a dimension, so each function's count is a metric of its own.
    const serving = {
      ...FUNCTION_PROPS,
      ...(props.console ? CONSOLE_FUNCTION_PROPS : {}),
    };
    for (const [id, { serviceName }] of Object.entries(serving)) {
      const alarm = new Alarm(this, `${id}StoredItemUnreadableAlarm`, {
        alarmDescription: `${id} read a stored item that does not match its schema (its key is in the log).`,
        metric: new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: storedItemUnreadableMetric,
          dimensionsMap: { service: serviceName },
          period: Duration.minutes(5),
          statistic: 'Sum',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(alarmAction);
    }
    const serverErrors = new Alarm(this, 'Api5xxAlarm', {
      alarmDescription: 'The HTTP API answered with 5xx.',
      metric: this.apiStage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    serverErrors.addAlarmAction(alarmAction);

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url });
  }

  /**
   * Campaign sending in AWS: the campaign worker on the send queue, one-time schedules that put each
   * campaign's dispatch on it, the claim sweep every 15 minutes, the mail-event consumer; and what the
   * campaigns and public functions may do of it (schedule, queue, look up a user's address; queue an
   * unsubscribe, and nothing more: the public function still writes no item).
   */
  private wireCampaignSending(props: StatelessStackProps) {
    // At most this many campaign workers run at once; each sends at its share of SES's rate.
    const campaignWorkerConcurrency = 3;
    const { sendQueue, mailEventQueue, configurationSet, senderIdentity, sender } = props.campaigns;

    const campaignWorker = new CrmFunction(this, 'CampaignWorker', FUNCTION_PROPS.CampaignWorker);
    campaignWorker.bindTable(props.table, 'readWrite');
    campaignWorker.bindSecret(props.signingSecret);
    // A dispatch hands the campaign's recipients to the queue it runs from.
    campaignWorker.bindQueue(sendQueue, 'send', 'SEND_QUEUE_URL');
    // The account's sending quota, which the workers pace themselves by; GetAccount has no resource.
    campaignWorker.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    campaignWorker.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          senderIdentity.emailIdentityArn,
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    for (const [name, value] of Object.entries({
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      SENDER_FROM: sender.from,
      SENDER_DOMAIN: sender.domain,
      PUBLIC_BASE_URL: this.api.apiEndpoint,
      ORGANISATION_NAME: sender.organisationName,
      ORGANISATION_ADDRESS: sender.organisationAddress,
      SEND_WORKERS: String(campaignWorkerConcurrency),
      ...(sender.unsubscribeMailto ? { UNSUBSCRIBE_MAILTO: sender.unsubscribeMailto } : {}),
    })) {
      campaignWorker.addEnvironment(name, value);
    }
    campaignWorker.addEventSource(
      new SqsEventSource(sendQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // SES's sending rate, not Lambda's, is the limit: each of these workers paces its sends to its
        // share of the account's rate (SEND_WORKERS); a throttled send is delivered again later.
        maxConcurrency: campaignWorkerConcurrency,
      }),
    );

    const scheduleGroupName = `bridge-crm-${props.stage}-campaigns`;
    const schedules = new ScheduleGroup(this, 'CampaignSchedules', { scheduleGroupName });
    const schedulerRole = new Role(this, 'CampaignSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler puts campaign dispatches on the send queue, and nothing else.',
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [sendQueue.queueArn] }),
    );
    sendQueue.encryptionMasterKey?.grantEncryptDecrypt(schedulerRole);

    // The directory queues the confirmation emails of addresses members add (transactional mail).
    this.membersApi.bindQueue(sendQueue, 'send', 'SEND_QUEUE_URL');
    // A published schedule queues the agendas that changed; the campaign worker emails them. A schedule
    // run as a job publishes from the events worker.
    this.eventsApi.bindQueue(sendQueue, 'send', 'SEND_QUEUE_URL');
    this.eventsWorker.bindQueue(sendQueue, 'send', 'SEND_QUEUE_URL');

    const scheduling: CampaignScheduling = {
      sendQueue,
      group: schedules,
      groupName: scheduleGroupName,
      role: schedulerRole,
    };
    this.bindCampaignSending(this.campaignsApi, props, scheduling);

    new Schedule(this, 'ClaimSweep', {
      description: 'Every 15 minutes: claims that expired unrecorded become unknown (never re-sent blindly)',
      schedule: ScheduleExpression.rate(Duration.minutes(15)),
      target: new SqsSendMessage(sendQueue, {
        input: ScheduleTargetInput.fromObject({ sweep: 'claims' } satisfies SweepMessage),
      }),
    });

    this.platformApi.bindQueue(mailEventQueue, 'send', 'MAIL_EVENT_QUEUE_URL');

    const mailEventWorker = new CrmFunction(this, 'MailEventWorker', FUNCTION_PROPS.MailEventWorker);
    mailEventWorker.bindTable(props.table, 'readWrite');
    mailEventWorker.bindSecret(props.signingSecret);
    // A consent withdrawn during a settings change queues the member's re-tier, as any member write.
    mailEventWorker.bindQueue(props.jobsQueue, 'send');
    // Confirmations of unsubscribes (recipients in Vietnam) go to the sender like all mail.
    mailEventWorker.bindQueue(sendQueue, 'send', 'SEND_QUEUE_URL');
    mailEventWorker.addEventSource(
      new SqsEventSource(mailEventQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }),
    );
    return { campaignWorker, mailEventWorker, scheduling };
  }

  /**
   * What scheduling, test-sending and releasing campaigns takes (the campaigns function, and the console
   * that calls the same service): the send queue, one-time schedules of the campaigns group only,
   * passing the scheduler's role, and the caller's own address (the test send's recipient).
   */
  private bindCampaignSending(fn: CrmFunction, props: StatelessStackProps, scheduling: CampaignScheduling) {
    fn.bindQueue(scheduling.sendQueue, 'send', 'SEND_QUEUE_URL');
    fn.addEnvironment('SEND_QUEUE_ARN', scheduling.sendQueue.queueArn);
    fn.addEnvironment('CAMPAIGN_SCHEDULE_GROUP', scheduling.group.scheduleGroupName);
    fn.addEnvironment('CAMPAIGN_SCHEDULER_ROLE_ARN', scheduling.role.roleArn);
    fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [
          Stack.of(this).formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${scheduling.groupName}/campaign-*`,
          }),
        ],
      }),
    );
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${scheduling.groupName}/campaign-*]`,
      reason:
        'One schedule per campaign, named campaign-<id> when the campaign is scheduled, so the names are not ' +
        'known at deploy time: the grant covers those names in the campaigns schedule group and no other.',
    });
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['iam:PassRole'], resources: [scheduling.role.roleArn] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [props.userPool.userPoolArn] }),
    );
  }

  /**
   * The staff console: a function per section on the HTTP API's routes of its paths, without the JWT
   * authorizer (a browser carries a session cookie; the app denies every path but sign-in and its files
   * without one). Each calls its area's services in process, so it may do what their API function does
   * of that, and no more: the directory's queue jobs and emails and manage member accounts, the
   * campaigns' schedule and test-send, the events' queue schedule runs and agendas. Every one reads its own client's secret (a session's
   * groups are refreshed with it) and signs cursors with the secret's keys.
   */
  private createConsole(
    props: StatelessStackProps,
    signIn: NonNullable<StatelessStackProps['console']>,
    scheduling: CampaignScheduling,
  ): Record<ConsoleFunctionId, CrmFunction> {
    const build = (id: ConsoleFunctionId) => {
      const fn = new CrmFunction(this, id, CONSOLE_FUNCTION_PROPS[id]);
      const api = CONSOLE_FUNCTION_APIS[id];
      bindTableFor(fn, props.table, [api]);
      fn.bindSecret(props.signingSecret);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['cognito-idp:DescribeUserPoolClient'],
          resources: [props.userPool.userPoolArn],
        }),
      );
      fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
      fn.addEnvironment('CONSOLE_CLIENT_ID', signIn.client.userPoolClientId);
      fn.addEnvironment('CONSOLE_DOMAIN_URL', signIn.domainUrl);
      fn.addEnvironment('CONSOLE_CALLBACK_URL', signIn.callbackUrl);
      this.addContextRoutes(new HttpLambdaIntegration(`${id}Integration`, fn), [api]);
      return fn;
    };
    // The directory's four and a partner's join: member writes queue re-tiers (and imports their jobs)
    // and the confirmation emails of added addresses, as the directory API's do; the list's bulk
    // actions, the record and its edits reach member accounts (invite, revoke; the edits only revoke: a
    // removed contact's account).
    const directory = (
      id:
        | 'ConsoleMembers'
        | 'ConsoleMemberImport'
        | 'ConsoleMemberRecord'
        | 'ConsoleMemberEdit'
        | 'ConsolePartnerJoin',
    ) => {
      const fn = build(id);
      fn.bindQueue(props.jobsQueue, 'send');
      fn.bindQueue(scheduling.sendQueue, 'send', 'SEND_QUEUE_URL');
      // A partner that joins brings its contacts, and no accounts: it reaches no member account.
      if (id !== 'ConsoleMemberImport' && id !== 'ConsolePartnerJoin') {
        const actions = id === 'ConsoleMemberEdit' ? MEMBER_ACCOUNT_REVOKE_ACTIONS : MEMBER_ACCOUNT_ACTIONS;
        fn.addToRolePolicy(new PolicyStatement({ actions, resources: [props.userPool.userPoolArn] }));
      }
      return fn;
    };
    const campaigns = build('ConsoleCampaigns');
    this.bindCampaignSending(campaigns, props, scheduling);
    // A participant's change after the schedule is published queues the agendas it changed.
    const events = build('ConsoleEvents');
    events.bindQueue(scheduling.sendQueue, 'send', 'SEND_QUEUE_URL');
    // Schedule runs go to the events worker; a published schedule queues the agendas that changed.
    const meetings = build('ConsoleEventMeetings');
    meetings.bindQueue(props.eventJobsQueue, 'send', 'EVENT_JOBS_QUEUE_URL');
    meetings.bindQueue(scheduling.sendQueue, 'send', 'SEND_QUEUE_URL');
    // A published meeting handed to another delegate sends the agendas it changed.
    const delegates = build('ConsoleEventDelegates');
    delegates.bindQueue(scheduling.sendQueue, 'send', 'SEND_QUEUE_URL');
    // The staff roster, checked against the pool's staff and admin groups by an admin.
    const shell = build('Console');
    shell.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:ListUsersInGroup'],
        resources: [props.userPool.userPoolArn],
      }),
    );
    // An erasure deletes the member's accounts (their users in the pool) with its contacts.
    const erasure = build('ConsoleErasure');
    erasure.addToRolePolicy(
      new PolicyStatement({
        actions: MEMBER_ACCOUNT_REVOKE_ACTIONS,
        resources: [props.userPool.userPoolArn],
      }),
    );
    return {
      Console: shell,
      ConsoleMembers: directory('ConsoleMembers'),
      ConsoleMemberImport: directory('ConsoleMemberImport'),
      ConsoleMemberRecord: directory('ConsoleMemberRecord'),
      ConsoleMemberEdit: directory('ConsoleMemberEdit'),
      ConsolePartners: build('ConsolePartners'),
      ConsolePartnerJoin: directory('ConsolePartnerJoin'),
      ConsoleErasure: erasure,
      ConsoleLeads: build('ConsoleLeads'),
      ConsoleCampaigns: campaigns,
      ConsoleEvents: events,
      ConsoleEventMeetings: meetings,
      ConsoleEventDelegates: delegates,
      ConsoleReports: build('ConsoleReports'),
    };
  }

  /**
   * The pipeline report's consumer on the table's stream: only inserts of lead change events (the
   * outbox) reach it. It reads the event back, applies it once and deletes it (its own table access is
   * those partitions and the rate table). A failing record is retried with the records after it
   * (partial batch responses, bisected); after five tries the batch's coordinates go to the failure
   * queue, which alarms, and the events stay in the outbox for the admin rebuild. Its iterator age
   * alarms when it falls an hour behind.
   */
  private createPipelineAggregator(props: StatelessStackProps): CrmFunction {
    const fn = new CrmFunction(this, 'PipelineAggregator', FUNCTION_PROPS.PipelineAggregator);
    fn.bindTable(props.table, 'readWrite', ['LEADCHANGES#*', 'AGGREGATE#PIPELINE', 'SETTINGS']);
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(props.pipelineFailureQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('LEADCHANGES#') } } },
          }),
        ],
      }),
    );
    new Alarm(this, 'PipelineAggregatorIteratorAgeAlarm', {
      alarmDescription: 'The pipeline aggregator is over an hour behind the table stream.',
      metric: fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 3_600_000,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));
    return fn;
  }

  private createApi(props: StatelessStackProps): { api: HttpApi; stage: HttpStage } {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The stage is created by hand because HttpApi's own default stage takes neither throttling nor
    // access logging.
    const api = new HttpApi(this, 'HttpApi', {
      apiName: `bridge-crm-${props.stage}`,
      description: 'bridge-crm HTTP API',
      createDefaultStage: false,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Route key rather than path: the unsubscribe token travels in the query string and must not
        // end up in logs. The principal is the opaque Cognito `sub`, not an email.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            principal: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const region = Stack.of(this).region;
    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
      // Access tokens carry no `aud`; the authorizer then matches `client_id` against this list.
      { jwtAudience: [props.staffClient.userPoolClientId, props.memberClient.userPoolClientId] },
    );
    const functions = {
      MembersApi: this.membersApi,
      CampaignsApi: this.campaignsApi,
      PartnershipsApi: this.partnershipsApi,
      EventsApi: this.eventsApi,
      PlatformApi: this.platformApi,
    };
    this.routeContexts = { api, authorizer };
    for (const [id, apis] of Object.entries(FUNCTION_APIS)) {
      const integration = new HttpLambdaIntegration(
        `${id}Integration`,
        functions[id as keyof typeof functions],
      );
      this.addContextRoutes(integration, apis);
    }
    return { api, stage };
  }

  /** The gateway routes of `apis` to `integration`: behind the JWT authorizer unless public. */
  private addContextRoutes(integration: HttpLambdaIntegration, apis: readonly ApiContext[]): void {
    if (!this.routeContexts) throw new Error('The HTTP API is created before any route is added to it.');
    const { api, authorizer } = this.routeContexts;
    for (const context of apis) {
      for (const { method, path } of context.gatewayRoutes) {
        const routes = api.addRoutes({
          path,
          methods: [HttpMethod[method]],
          integration,
          ...(context.access === 'token' ? { authorizer } : {}),
        });
        if (context.access === 'public') {
          const reason = publicRouteReasons[context.name];
          if (!reason) throw new Error(`Say why the ${context.name} context's routes are public.`);
          for (const route of routes) Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        }
      }
    }
  }
}
