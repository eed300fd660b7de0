import {
  Aws,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { campaignWorkMaxDeliveries } from '../../shared/campaigns/campaign-work.ts';
import { signedOutPaths } from '../../shared/console/session/signed-out.ts';
import { tableDefinition } from '../../shared/data/table-definition.ts';
import { jobMaxDeliveries } from '../../shared/jobs/job-queue.ts';
import { CrmFunction, type CrmFunctionProps } from './crm-function.ts';

/** The Cognito groups the API authorises by (`cognito:groups` claim). */
export const USER_GROUPS = ['admin', 'staff', 'member'] as const;

/**
 * The job worker's timeout. The jobs queue's visibility timeout is six times this, as AWS advises
 * for SQS-triggered functions, so a message is not redelivered while a slow attempt still runs.
 */
export const JOB_WORKER_TIMEOUT = Duration.minutes(2);

/**
 * The events worker's timeout: a schedule run reads the event, solves (HiGHS, within the scheduler's
 * own 20 s limit, DEFAULT_TIME_LIMIT_MS in shared/events/scheduling/schedule-meetings.ts), writes its
 * meetings and may queue the agendas. Five minutes is ample for that; the event jobs queue's visibility
 * timeout is six times this, as for the jobs queue.
 */
export const EVENTS_WORKER_TIMEOUT = Duration.minutes(5);

/**
 * How long a member's access token lives: Cognito's minimum. A user removed or moved to another
 * company keeps the old company's data for at most this long (refreshes run the token trigger again).
 */
export const MEMBER_ACCESS_TOKEN_VALIDITY = Duration.minutes(5);

/**
 * The Pre Token Generation trigger. It lives with the user pool: the pool names it, and a trigger in
 * the stateless stack would make the two stacks depend on each other.
 */
export const TOKEN_TRIGGER_PROPS = {
  entry: 'functions/token-trigger.ts',
  serviceName: 'token-trigger',
  description: 'Cognito Pre Token Generation (V2): member id claim, staff and admin only with MFA',
  timeout: Duration.seconds(5),
} as const satisfies CrmFunctionProps;

/**
 * The campaign worker's timeout: a dispatch writes every recipient of a large audience. The send
 * queue's visibility timeout is six times this, as for the jobs queue.
 */
export const CAMPAIGN_WORKER_TIMEOUT = Duration.minutes(5);

/** Staff's access tokens: the staff client's, and the console's, whose groups are re-read sooner. */
export const STAFF_ACCESS_TOKEN_VALIDITY = Duration.minutes(15);

/**
 * The console client's refresh tokens: the console session's absolute length
 * (shared/console/session/session-repository.ts), after which a session renews nothing.
 */
export const CONSOLE_REFRESH_TOKEN_VALIDITY = Duration.hours(12);

/** The mail-event consumer's timeout; its queue's visibility timeout is six times this. */
export const MAIL_EVENT_WORKER_TIMEOUT = Duration.seconds(30);

export interface StatefulStackProps extends StackProps {
  stage: string;
  /** The domain campaign emails come from: an SES identity, verified by the DKIM records SES names. */
  senderDomain: string;
  /**
   * The custom MAIL FROM (envelope sender) domain, a subdomain of the sender's: bounces go there, and
   * SPF aligns with the From domain for DMARC. Its MX and SPF records are the deployer's to publish.
   */
  mailFromDomain: string;
  /** Where alarm notifications go; without it the topic has no subscriber yet. */
  alarmEmail?: string;
  /**
   * The console's callback (`https://<api>/console/callback`): with it, the pool gets a domain with
   * managed login and the console's app client; without it, there is no console yet (README, "First
   * deploy of the console").
   */
  consoleCallbackUrl?: string;
}

/** What the console signs in with: its app client and the pool domain's managed login. */
export interface ConsoleSignInResources {
  client: UserPoolClient;
  domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the OAuth 2.0 endpoints and managed login. */
  domainUrl: string;
  callbackUrl: string;
}

/**
 * Everything that holds data or identities: deleting or replacing any of it loses something, so it
 * lives apart from the functions and the API, and everything here is retained on stack deletion.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly userPool: UserPool;
  /** Staff and admins (the console, scripts). */
  readonly staffClient: UserPoolClient;
  /** Member companies' contacts: 5-minute access tokens, so revocation takes effect within minutes. */
  readonly memberClient: UserPoolClient;
  /** The staff console's sign-in, where the deployment has its callback URL. */
  readonly console?: ConsoleSignInResources;
  readonly tokenTrigger: CrmFunction;
  /**
   * The secret every app key is derived from, one key per purpose (cursors, the suppression list, later
   * unsubscribe tokens: shared/security/purpose-keys.ts); never shown to clients.
   */
  readonly signingSecret: Secret;
  readonly jobsQueue: Queue;
  readonly jobsDeadLetterQueue: Queue;
  /** The events context's jobs (schedule runs too large for a request), for the events worker. */
  readonly eventJobsQueue: Queue;
  /** Where the pipeline aggregator's stream batches go that failed every retry (their coordinates). */
  readonly pipelineFailureQueue: Queue;
  /** Every alarm of the app notifies this topic; subscriptions survive stateless redeploys. */
  readonly alarmTopic: Topic;
  /** The campaign worker's work: dispatches, recipients, test sends, the claim sweep. */
  readonly sendQueue: Queue;
  /** Unsubscribes (from the public function) and SES's events (through SNS), for their consumer. */
  readonly mailEventQueue: Queue;
  /** The SES configuration set campaign emails go out under; its events feed the mail-event queue. */
  readonly configurationSet: ConfigurationSet;
  readonly senderIdentity: EmailIdentity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = this.createTable();
    this.tokenTrigger = new CrmFunction(this, 'TokenTrigger', TOKEN_TRIGGER_PROPS);
    this.userPool = this.createUserPool(props.stage, this.tokenTrigger);
    this.staffClient = this.addClient(props.stage, 'staff', STAFF_ACCESS_TOKEN_VALIDITY);
    this.memberClient = this.addClient(props.stage, 'members', MEMBER_ACCESS_TOKEN_VALIDITY);
    if (props.consoleCallbackUrl) this.console = this.addConsoleSignIn(props.stage, props.consoleCallbackUrl);

    this.signingSecret = new Secret(this, 'SigningSecret', {
      description: `bridge-crm ${props.stage}: the secret the per-purpose keys (cursors, suppression list) derive from`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand: put-secret-value makes the new value AWSCURRENT (signs) while AWSPREVIOUS still ' +
        'verifies until its label is removed. The version labelled PERMANENT keys the suppression list and ' +
        'must keep that label forever, or erased addresses stop being recognised; automatic rotation ' +
        'cannot keep that promise.',
    });

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `bridge-crm ${props.stage} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    ({ queue: this.jobsQueue, deadLetters: this.jobsDeadLetterQueue } = this.queueWithDeadLetters(
      'Jobs',
      JOB_WORKER_TIMEOUT,
      jobMaxDeliveries,
      'A job failed five times and was parked in the dead-letter queue.',
    ));
    ({ queue: this.eventJobsQueue } = this.queueWithDeadLetters(
      'EventJobs',
      EVENTS_WORKER_TIMEOUT,
      jobMaxDeliveries,
      'An event job (a schedule run) failed five times and was parked in the dead-letter queue.',
    ));
    ({ queue: this.sendQueue } = this.queueWithDeadLetters(
      'Send',
      CAMPAIGN_WORKER_TIMEOUT,
      campaignWorkMaxDeliveries,
      'Campaign work (a dispatch, a recipient, a test send) failed five times and was parked in the dead-letter queue.',
    ));
    ({ queue: this.mailEventQueue } = this.queueWithDeadLetters(
      'MailEvent',
      MAIL_EVENT_WORKER_TIMEOUT,
      campaignWorkMaxDeliveries,
      'A mail event (unsubscribe, bounce, complaint) failed five times and was parked in the dead-letter queue.',
    ));

    // A stream source keeps no dead letters of its own: a batch that failed every retry is described
    // here (shard and sequence numbers; the events stay in the table's outbox for a drain or rebuild).
    this.pipelineFailureQueue = new Queue(this, 'PipelineFailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.pipelineFailureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'It is itself the failure destination of the pipeline aggregator stream source (a dead-letter ' +
        'queue by use); it alarms on its first message.',
    });
    new Alarm(this, 'PipelineFailureAlarm', {
      alarmDescription: 'Lead change events failed every retry; the pipeline report lags until a rebuild.',
      metric: this.pipelineFailureQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(this.alarmTopic));

    // SES → SNS → SQS: the configuration set publishes to a topic, which hands each event to the
    // mail-event queue as SES wrote it (raw delivery), beside the unsubscribes.
    const mailEventsTopic = new Topic(this, 'MailEventsTopic', {
      displayName: `bridge-crm ${props.stage} SES events`,
      enforceSSL: true,
    });
    mailEventsTopic.addSubscription(new SqsSubscription(this.mailEventQueue, { rawMessageDelivery: true }));
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `bridge-crm-${props.stage}`,
    });
    this.configurationSet.addEventDestination('ToMailEvents', {
      destination: EventDestination.snsTopic(mailEventsTopic),
      events: [
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    this.senderIdentity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.domain(props.senderDomain),
      configurationSet: this.configurationSet,
      // Easy DKIM, 2048-bit keys (the construct's default): three CNAME records, listed below.
      mailFromDomain: props.mailFromDomain,
      // Until its MX record is published, mail still goes out, under SES's own MAIL FROM.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    // The DNS records the deployer publishes for the sender's domain (the README lists the rest).
    this.senderIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} of 3 for ${props.senderDomain}: name, then value`,
        value: Fn.join(' CNAME ', [record.name, record.value]),
      });
    });
    new CfnOutput(this, 'MailFromRecords', {
      description: `MAIL FROM domain ${props.mailFromDomain}: its MX and SPF records`,
      value:
        `${props.mailFromDomain} MX 10 feedback-smtp.${this.region}.amazonses.com; ` +
        `${props.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: this.staffClient.userPoolClientId });
    new CfnOutput(this, 'MemberClientId', { value: this.memberClient.userPoolClientId });
    if (this.console) {
      new CfnOutput(this, 'ConsoleClientId', { value: this.console.client.userPoolClientId });
      new CfnOutput(this, 'ConsoleSignInDomain', { value: this.console.domainUrl });
    }
  }

  /**
   * The console's sign-in: a Cognito prefix domain with managed login (its branding Cognito's own), and
   * a confidential app client for the authorisation code grant only, whose one callback is the
   * console's. The console exchanges the code on the server with the client secret, which it reads
   * from Cognito (DescribeUserPoolClient), never from its configuration.
   */
  private addConsoleSignIn(stage: string, callbackUrl: string): ConsoleSignInResources {
    const origin = new URL(callbackUrl).origin;
    const domain = this.userPool.addDomain('ConsoleDomain', {
      // Prefix domains are unique per region across all accounts: the account id keeps ours free.
      cognitoDomain: { domainPrefix: `bridge-crm-${stage}-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `bridge-crm-${stage}-console`,
      // Confidential: the secret stays on the server, which alone talks to the token endpoint.
      generateSecret: true,
      // Managed login signs in with SRP; the client takes no other API sign-in.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        // COGNITO_ADMIN: the account scope, with which the console enrols a staff user's TOTP.
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.COGNITO_ADMIN],
        callbackUrls: [callbackUrl],
        // Where Cognito's /logout returns to; it must match what sign-out asks for, query included:
        // the signed-out page in each language (the first, without one, is what sign-out asked for
        // before it named the language); after enrolling TOTP, the user signs in again through
        // managed login, asked for the code.
        logoutUrls: [
          `${origin}/console/sign-in?reason=signed-out`,
          ...signedOutPaths.map((path) => `${origin}${path}`),
          `${origin}/console/sign-in?reason=mfa-enrolled`,
        ],
      },
      preventUserExistenceErrors: true,
      // Sign-out revokes the session's refresh token; its access tokens end within their validity.
      enableTokenRevocation: true,
      accessTokenValidity: STAFF_ACCESS_TOKEN_VALIDITY,
      idTokenValidity: STAFF_ACCESS_TOKEN_VALIDITY,
      refreshTokenValidity: CONSOLE_REFRESH_TOKEN_VALIDITY,
      readAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        emailVerified: true,
        fullname: true,
      }),
      // Never `custom:memberId`; left unset, every writable attribute would be writable.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    // Managed login (version 2) shows nothing for a client without a branding style.
    const branding = new CfnManagedLoginBranding(this, 'ConsoleLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(domain);
    return { client, domain, domainUrl: domain.baseUrl(), callbackUrl };
  }

  /**
   * A worker's queue and its dead-letter queue, which alarms as soon as it holds a message: each is
   * looked at before SQS deletes it (14 days, the longest). The visibility timeout is six times the
   * worker's timeout, as AWS advises for SQS-triggered functions.
   */
  private queueWithDeadLetters(
    name: string,
    workerTimeout: Duration,
    maxReceiveCount: number,
    alarm: string,
  ) {
    const deadLetters = new Queue(this, `${name}DeadLetterQueue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = new Queue(this, `${name}Queue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(workerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Alarm(this, `${name}DeadLetterAlarm`, {
      alarmDescription: alarm,
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(this.alarmTopic));
    return { queue, deadLetters };
  }

  private createTable(): Table {
    const stringKey = (name: string) => ({ name, type: AttributeType.STRING });
    const table = new Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      billingMode: BillingMode[tableDefinition.billingMode],
      stream: StreamViewType[tableDefinition.stream],
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The AWS managed key: encrypted at rest with no key grants to hand out to every function.
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        // The local runtime creates its indexes with ALL; the two must behave the same.
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }

  private createUserPool(stage: string, tokenTrigger: CrmFunction): UserPool {
    const userPool = new UserPool(this, 'UserPool', {
      userPoolName: `bridge-crm-${stage}`,
      // Staff invite people; a member account is tied to a member company by `custom:memberId`.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // Mutable so staff can re-link an account to another company without recreating the user.
        memberId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Optional in the pool, required for staff and admins by the token trigger (see below).
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier with full threat protection: staff accounts can read every member's personal data,
      // so compromised-credential and adaptive-risk checks are enforced, not only logged. Access token
      // customisation (the V2 trigger) also needs Essentials or Plus.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokenTrigger, LambdaVersion.V2_0);
    // A separate policy, not the role's default one: the pool depends on the function, and the
    // function on its role's default policy, so a pool ARN there would close a dependency cycle.
    new Policy(this, 'TokenTriggerReadsMfa', {
      roles: [tokenTrigger.executionRole],
      statements: [
        new PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [userPool.userPoolArn] }),
      ],
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is required where it protects personal data at scale: the token trigger withholds the admin ' +
        'and staff groups from users with no TOTP enabled, so their tokens can only enrol. Member ' +
        'contacts see only their own company and many cannot use an authenticator, so the pool-wide ' +
        'setting stays optional (Cognito sets MFA per pool, not per group).',
    });

    const descriptions: Record<(typeof USER_GROUPS)[number], string> = {
      admin: 'Association administrators: everything staff can do, plus user and configuration management',
      staff: 'Association staff: member records, campaigns, leads and reports',
      member: 'A member company’s contact: its own profile, contacts, consent, export and leads',
    };
    USER_GROUPS.forEach((groupName, precedence) => {
      userPool.addGroup(`Group-${groupName}`, {
        groupName,
        description: descriptions[groupName],
        precedence,
      });
    });
    return userPool;
  }

  /**
   * One app client per audience, so each has its own token lifetimes; the API takes member tokens
   * only from the members' client.
   */
  private addClient(stage: string, audience: 'staff' | 'members', accessTokenValidity: Duration) {
    return this.userPool.addClient(audience === 'staff' ? 'StaffClient' : 'MemberClient', {
      userPoolClientName: `bridge-crm-${stage}-${audience}`,
      // A public client (browser console, CLI): a client secret could not be kept secret there.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: tokens come from InitiateAuth, so no OAuth callback URL is left open.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      // Sign-out revokes the refresh token; the access tokens it issued end within their validity.
      enableTokenRevocation: true,
      accessTokenValidity,
      idTokenValidity: accessTokenValidity,
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('memberId'),
      // Never `custom:memberId`: a user who could write it could claim another company's data.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
