import { readFileSync } from 'node:fs';
import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BridgeCrmStacks, defineStacks } from '../../infra/cdk/app.ts';
import { keyAttributeNames, tableDefinition } from '../../shared/data/table-definition.ts';
import { agendaClaimMs } from '../../shared/events/agenda-claims.ts';

type CfnResource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** The app exactly as `cdk synth` defines it (same feature flags), minus bundling, which takes seconds. */
function synthApp(context: Record<string, unknown> = {}): { app: App; stacks: BridgeCrmStacks } {
  const app = new App({
    context: { ...cdkJson.context, stage: 'test', 'aws:cdk:bundling-stacks': [], ...context },
  });
  return { app, stacks: defineStacks(app) };
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

function onlyResource(template: Template, type: string): CfnResource {
  const all = Object.values(resourcesOf(template, type));
  expect(all).toHaveLength(1);
  return all[0]!;
}

let app: App;
let stacks: BridgeCrmStacks;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  ({ app, stacks } = synthApp());
  // Synthesis runs the cdk-nag plugin: an unacknowledged finding already throws here.
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
}, 60_000);

describe('stateful stack: the table', () => {
  it('has exactly the keys and indexes of the shared table definition', () => {
    const table = onlyResource(stateful, 'AWS::DynamoDB::Table');
    const props = table.Properties!;
    expect(props.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const definitions = props.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(definitions.map((d) => d.AttributeName).sort()).toEqual(keyAttributeNames().sort());
    expect(new Set(definitions.map((d) => d.AttributeType))).toEqual(new Set(['S']));
    expect(props.BillingMode).toBe(tableDefinition.billingMode);
  });

  it('keeps data safe: PITR, deletion protection, encryption, retained on delete', () => {
    const table = onlyResource(stateful, 'AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('streams and expires items as the definition says', () => {
    const table = onlyResource(stateful, 'AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      StreamSpecification: { StreamViewType: tableDefinition.stream },
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    });
  });
});

describe('stateful stack: identities, secret, queues', () => {
  it('has the admin, staff and member groups', () => {
    const groups = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties!.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'member', 'staff']);
  });

  it('has an admin-only user pool with a mutable memberId that clients cannot write', () => {
    const pool = onlyResource(stateful, 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: {
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
    expect(pool.Properties!.Schema).toContainEqual(
      expect.objectContaining({ Name: 'memberId', AttributeDataType: 'String', Mutable: true }),
    );
    expect(pool.DeletionPolicy).toBe('Retain');
    const clients = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(2);
    for (const client of clients) {
      expect(client.Properties!.ReadAttributes).toContain('custom:memberId');
      expect(client.Properties!.WriteAttributes).not.toContain('custom:memberId');
      expect(client.Properties!.GenerateSecret).toBe(false);
      expect(client.Properties!.EnableTokenRevocation).toBe(true);
    }
  });

  it('gives members their own app client whose access and ID tokens live 5 minutes', () => {
    const client = stateful.findResources('AWS::Cognito::UserPoolClient', {
      Properties: { ClientName: 'bridge-crm-test-members' },
    });
    expect(Object.values(client)).toHaveLength(1);
    expect(Object.values(client)[0]!.Properties).toMatchObject({
      AccessTokenValidity: 5,
      IdTokenValidity: 5,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
    });
  });

  it('runs the token trigger as a V2 Pre Token Generation trigger that may only read users of this pool', () => {
    const pool = onlyResource(stateful, 'AWS::Cognito::UserPool');
    const [triggerId, trigger] = Object.entries(resourcesOf(stateful, 'AWS::Lambda::Function')).find(
      ([, fn]) =>
        (fn.Properties!.Environment as { Variables: Record<string, string> }).Variables
          .POWERTOOLS_SERVICE_NAME === 'token-trigger',
    )!;
    expect(pool.Properties!.LambdaConfig).toEqual({
      PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] }, LambdaVersion: 'V2_0' },
    });
    const poolId = stacks.stateful.getLogicalId(stacks.stateful.userPool.node.defaultChild as CfnElement);
    stateful.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    const roleId = (trigger.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const cognitoStatements = Object.values(resourcesOf(stateful, 'AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => asArray(statement.Action).some((action) => action.startsWith('cognito-idp:')));
    expect(cognitoStatements).toEqual([
      { Effect: 'Allow', Action: 'cognito-idp:AdminGetUser', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } },
    ]);
  });

  it('generates the signing secret and retains it', () => {
    const secret = onlyResource(stateful, 'AWS::SecretsManager::Secret');
    expect(secret.Properties!.GenerateSecretString).toBeDefined();
    expect(secret.DeletionPolicy).toBe('Retain');
  });

  it.each(['Jobs', 'EventJobs', 'Send', 'MailEvent'])(
    'gives the %s queue an encrypted, TLS-only dead-letter queue after 5 receives, which alarms',
    (name) => {
      const queues = resourcesOf(stateful, 'AWS::SQS::Queue');
      // Four queues with their dead-letter queues, and the pipeline aggregator's failure queue.
      expect(Object.keys(queues)).toHaveLength(9);
      const [queueId, queue] = Object.entries(queues).find(([id]) => id.startsWith(`${name}Queue`))!;
      const [dlqId] = Object.entries(queues).find(([id]) => id.startsWith(`${name}DeadLetterQueue`))!;
      expect(queue.Properties!.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: 5,
      });
      for (const each of Object.values(queues)) expect(each.Properties!.SqsManagedSseEnabled).toBe(true);
      for (const id of [queueId, dlqId]) {
        stateful.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
      stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: Match.anyValue(),
      });
    },
  );

  it('keeps an event job invisible six times the events worker timeout (5 minutes) while it runs', () => {
    const [, queue] = Object.entries(resourcesOf(stateful, 'AWS::SQS::Queue')).find(([id]) =>
      id.startsWith('EventJobsQueue'),
    )!;
    expect(queue.Properties!.VisibilityTimeout).toBe(1800);
  });
});

describe('stateless stack: HTTP API', () => {
  const publicRouteKeys = [
    'GET /health',
    'GET /openapi.json',
    'GET /docs',
    'GET /docs/{proxy+}',
    'GET /unsubscribe/{token}',
    'POST /unsubscribe/{token}',
    'GET /confirm-address/{token}',
    'POST /confirm-address/{token}',
    'GET /accept-invitation/{token}',
    'POST /accept-invitation/{token}',
    'GET /event-requests/{token}',
    'POST /event-requests/{token}',
    'GET /event-follow-up/{token}',
    'POST /event-follow-up/{token}',
  ];

  it('protects /v1 with the Cognito JWT authorizer and leaves only the public routes open', () => {
    const routes = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties!,
    );
    const v1 = routes.filter((r) => String(r.RouteKey).includes(' /v1'));
    expect(v1.map((r) => r.RouteKey).sort()).toEqual(
      [
        'ANY /v1/members',
        'ANY /v1/members/{proxy+}',
        'ANY /v1/me',
        'ANY /v1/me/{proxy+}',
        'ANY /v1/contact-conflicts',
        'ANY /v1/tiers',
        'ANY /v1/exchange-rates',
        'ANY /v1/reports/{proxy+}',
        'ANY /v1/jobs/{proxy+}',
        'ANY /v1/campaigns',
        'ANY /v1/campaigns/{proxy+}',
        'ANY /v1/unknown-recipients',
        'ANY /v1/partners',
        'ANY /v1/partners/{proxy+}',
        'ANY /v1/matches',
        'ANY /v1/me/matches',
        'ANY /v1/me/matches/{proxy+}',
        'ANY /v1/leads',
        'ANY /v1/leads/{proxy+}',
        'ANY /v1/me/leads',
        'ANY /v1/me/leads/{proxy+}',
        'GET /v1/reports/pipeline',
        'POST /v1/reports/pipeline/rebuild',
        'ANY /v1/events',
        'ANY /v1/events/{proxy+}',
        'ANY /v1/me/events',
        'ANY /v1/me/events/{proxy+}',
        'GET /v1/reports/events/{proxy+}',
      ].sort(),
    );
    for (const route of v1) {
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toBeDefined();
    }
    const open = routes.filter((r) => r.AuthorizationType === 'NONE');
    expect(open.map((r) => r.RouteKey).sort()).toEqual([...publicRouteKeys].sort());
    expect(routes).toHaveLength(v1.length + open.length);
    for (const route of open) expect(route.AuthorizerId).toBeUndefined();
  });

  it('validates tokens against the user pool issuer and both app clients', () => {
    const authorizer = onlyResource(stateless, 'AWS::ApiGatewayV2::Authorizer').Properties!;
    expect(authorizer.AuthorizerType).toBe('JWT');
    const logicalId = (construct: IConstruct) =>
      stacks.stateful.getLogicalId(construct.node.defaultChild as CfnElement);
    const config = authorizer.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    // Cross-stack values render as references to the stateful stack's outputs, named after the resource.
    expect(config.Audience).toHaveLength(2);
    expect(JSON.stringify(config.Audience[0])).toContain(logicalId(stacks.stateful.staffClient));
    expect(JSON.stringify(config.Audience[1])).toContain(logicalId(stacks.stateful.memberClient));
    const issuer = JSON.stringify(config.Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain('.amazonaws.com/');
    expect(issuer).toContain(logicalId(stacks.stateful.userPool));
  });

  it('throttles and access-logs the default stage', () => {
    const stage = onlyResource(stateless, 'AWS::ApiGatewayV2::Stage').Properties!;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const accessLog = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
    expect(accessLog.DestinationArn).toBeDefined();
    expect(JSON.parse(accessLog.Format)).toHaveProperty('requestId', '$context.requestId');
  });

  it('alarms on API 5xx', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Threshold: 0,
      AlarmActions: Match.anyValue(),
    });
  });
});

describe('stateless stack: functions', () => {
  function functionsByService(): Map<string, { id: string; props: Record<string, unknown> }> {
    const result = new Map<string, { id: string; props: Record<string, unknown> }>();
    for (const [id, fn] of Object.entries(resourcesOf(stateless, 'AWS::Lambda::Function'))) {
      const env = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      result.set(String(env.POWERTOOLS_SERVICE_NAME), { id, props: fn.Properties! });
    }
    return result;
  }

  it('gives the campaign worker less time than an agenda claim lasts, so a claim outlives only a dead delivery', () => {
    const worker = functionsByService().get('campaign-worker')!;
    expect(agendaClaimMs / 1000).toBeGreaterThanOrEqual(Number(worker.props.Timeout) + 30);
  });

  it('builds every function as Node.js 24 on arm64 with active tracing', () => {
    const functions = functionsByService();
    expect([...functions.keys()].sort()).toEqual([
      'campaign-worker',
      'campaigns-api',
      'events-api',
      'events-worker',
      'job-worker',
      'mail-event-worker',
      'members-api',
      'partnerships-api',
      'pipeline-aggregator',
      'platform-api',
    ]);
    for (const [service, { props }] of functions) {
      expect(props).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        // The events function and worker solve schedules: one full vCPU (1,769 MB), the others the default.
        MemorySize: service === 'events-api' || service === 'events-worker' ? 1769 : 1024,
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: expect.anything() },
      });
      const variables = (props.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: 'BridgeCrm',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // ICU's locale index cut to the CRM's tags, shipped beside the bundle (infra/cdk/icu-locale-index.ts).
        NODE_ICU_DATA: '/var/task/icu',
      });
      // Source maps ship in the asset but are not loaded: parsing one is 20-40 ms of a cold start (README).
      expect(variables).not.toHaveProperty('NODE_OPTIONS');
    }
  });

  it('gives each function the environment its bindings promise', () => {
    const extensionSettings = /^(PARAMETERS_SECRETS_EXTENSION|SECRETS_MANAGER|SSM_PARAMETER_STORE)_/;
    const env = (service: string) =>
      Object.keys(
        (functionsByService().get(service)!.props.Environment as { Variables: object }).Variables,
      ).filter(
        (name) =>
          !name.startsWith('POWERTOOLS_') && name !== 'NODE_ICU_DATA' && !extensionSettings.test(name),
      );
    expect(env('members-api').sort()).toEqual([
      'JOBS_QUEUE_URL',
      'MEMBER_CLIENT_ID',
      'SEND_QUEUE_URL',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
      'USER_POOL_ID',
    ]);
    expect(env('campaigns-api').sort()).toEqual([
      'CAMPAIGN_SCHEDULER_ROLE_ARN',
      'CAMPAIGN_SCHEDULE_GROUP',
      'MEMBER_CLIENT_ID',
      'SEND_QUEUE_ARN',
      'SEND_QUEUE_URL',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
      'USER_POOL_ID',
    ]);
    expect(env('events-api').sort()).toEqual([
      'EVENT_JOBS_QUEUE_URL',
      'HIGHS_MODULE_PATH',
      'HIGHS_WASM_PATH',
      'MEMBER_CLIENT_ID',
      'SEND_QUEUE_URL',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
    ]);
    expect(env('platform-api').sort()).toEqual([
      'DOCS_ASSETS_DIR',
      'MAIL_EVENT_QUEUE_URL',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
      'USER_POOL_ID',
    ]);
    expect(env('job-worker').sort()).toEqual(['JOBS_QUEUE_URL', 'TABLE_NAME', 'USER_POOL_ID']);
    expect(env('events-worker').sort()).toEqual([
      'HIGHS_MODULE_PATH',
      'HIGHS_WASM_PATH',
      'SEND_QUEUE_URL',
      'TABLE_NAME',
    ]);
    expect(env('campaign-worker').sort()).toEqual([
      'ORGANISATION_ADDRESS',
      'ORGANISATION_NAME',
      'PUBLIC_BASE_URL',
      'SENDER_DOMAIN',
      'SENDER_FROM',
      'SEND_QUEUE_URL',
      'SEND_WORKERS',
      'SES_CONFIGURATION_SET',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
    ]);
    expect(env('mail-event-worker').sort()).toEqual([
      'JOBS_QUEUE_URL',
      'SEND_QUEUE_URL',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
    ]);
  });

  it('adds the Parameters and Secrets extension exactly where the signing secret is bound', () => {
    for (const [service, { props }] of functionsByService()) {
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      if ('SIGNING_SECRET_ARN' in variables) {
        expect(JSON.stringify(props.Layers), service).toContain('Paramsandsecretslayer');
        // shared/runtime/secrets-extension.ts falls back to this port.
        expect(variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, service).toBe('2773');
      } else {
        expect(props.Layers, service).toBeUndefined();
      }
    }
  });

  it('runs the events function with HiGHS beside its bundle, one vCPU and all the time the HTTP API waits', () => {
    const { props } = functionsByService().get('events-api')!;
    const variables = (props.Environment as { Variables: Record<string, string> }).Variables;
    // shared/events/scheduling/highs-solver.ts loads the loader and module from there; the bundling
    // test checks that the files are in the package at those paths.
    expect(variables.HIGHS_WASM_PATH).toBe('/var/task/highs.wasm');
    expect(variables.HIGHS_MODULE_PATH).toBe('/var/task/highs.mjs');
    expect(props).toMatchObject({ MemorySize: 1769, Timeout: 29 });
    expect(functionsByService().get('partnerships-api')!.props).toMatchObject({
      MemorySize: 1024,
      Timeout: 15,
    });
  });

  it('feeds the job worker from the jobs queue one message at a time, with partial batch failures', () => {
    const { id } = functionsByService().get('job-worker')!;
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('feeds the events worker from the event jobs queue one message at a time, with HiGHS and one vCPU', () => {
    const { id, props } = functionsByService().get('events-worker')!;
    const mappings = Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => (m.Properties!.FunctionName as { Ref: string }).Ref === id,
    );
    expect(mappings).toHaveLength(1);
    expect(JSON.stringify(mappings[0]!.Properties!.EventSourceArn)).toContain('EventJobsQueue');
    expect(mappings[0]!.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const variables = (props.Environment as { Variables: Record<string, string> }).Variables;
    expect(variables.HIGHS_WASM_PATH).toBe('/var/task/highs.wasm');
    expect(variables.HIGHS_MODULE_PATH).toBe('/var/task/highs.mjs');
    // The solver's own limit is 20 s; the rest is reading the event and writing its meetings.
    expect(props).toMatchObject({ MemorySize: 1769, Timeout: 300 });
    // No other source feeds it, and the job worker does not read its queue.
    const jobWorker = functionsByService().get('job-worker')!.id;
    for (const mapping of Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping'))) {
      if ((mapping.Properties!.FunctionName as { Ref?: string }).Ref === jobWorker) {
        expect(JSON.stringify(mapping.Properties!.EventSourceArn)).not.toContain('EventJobsQueue');
      }
    }
  });

  it('alarms on every function’s errors', () => {
    const alarmed = Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Alarm'))
      .map((alarm) => alarm.Properties!)
      .filter((p) => p.Namespace === 'AWS/Lambda' && p.MetricName === 'Errors' && p.AlarmActions)
      .map((p) => (p.Dimensions as { Value: { Ref: string } }[])[0]!.Value.Ref);
    expect(alarmed.sort()).toEqual([...functionsByService().values()].map((f) => f.id).sort());
  });

  it('alarms when any function reads a stored item that does not match its schema', () => {
    const alarmed = Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Alarm'))
      .map((alarm) => alarm.Properties!)
      .filter(
        (p) =>
          p.Namespace === 'BridgeCrm' &&
          p.MetricName === 'StoredItemUnreadable' &&
          p.Statistic === 'Sum' &&
          p.Threshold === 0 &&
          p.ComparisonOperator === 'GreaterThanThreshold' &&
          p.AlarmActions,
      )
      .map((p) => p.Dimensions);
    expect(alarmed).toEqual(
      expect.arrayContaining(
        [...functionsByService().keys()].map((service) => [{ Name: 'service', Value: service }]),
      ),
    );
    expect(alarmed).toHaveLength(functionsByService().size);
  });
});

describe('stateless stack: the daily schedule', () => {
  const daily = () =>
    Object.values(resourcesOf(stateless, 'AWS::Scheduler::Schedule'))
      .filter((each) => String(each.Properties!.ScheduleExpression).startsWith('cron('))
      .map((each) => each.Properties!);

  it('starts the dated-rates run and the staff roster check, each once a day at 00:05 UTC', () => {
    expect(
      daily().map((schedule) => JSON.parse(String((schedule.Target as { Input: string }).Input))),
    ).toEqual([{ run: 'retier-for-dated-rates' }, { run: 'check-staff-roster' }]);
    for (const schedule of daily()) {
      expect(schedule).toMatchObject({
        ScheduleExpression: 'cron(5 0 * * ? *)',
        ScheduleExpressionTimezone: 'Etc/UTC',
        State: 'ENABLED',
      });
    }
  });

  it('sends each daily message to the jobs queue, through a role that may only send it there', () => {
    for (const schedule of daily()) {
      const target = schedule.Target as { Arn: unknown; RoleArn: { 'Fn::GetAtt': [string, string] } };
      expect(JSON.stringify(target.Arn)).toContain('JobsQueue');
      const roleId = target.RoleArn['Fn::GetAtt'][0];
      const trust = resourcesOf(stateless, 'AWS::IAM::Role')[roleId]!.Properties!.AssumeRolePolicyDocument;
      expect(trust).toMatchObject({
        Statement: [
          {
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      });
      const statements = Object.values(resourcesOf(stateless, 'AWS::IAM::Policy'))
        .filter((policy) => (policy.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
        .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
      expect(statements).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: target.Arn }]);
    }
  });
});

describe('least-privilege IAM', () => {
  function statementsByRole(template: Template): Map<string, Statement[]> {
    const byRole = new Map<string, Statement[]>();
    for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
      const statements = (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
      for (const role of policy.Properties!.Roles as { Ref: string }[]) {
        byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...statements]);
      }
    }
    return byRole;
  }

  it('has no wildcard action, and Resource "*" only for X-Ray, SES GetAccount and ListStreams (none has resources)', () => {
    for (const template of [stateful, stateless]) {
      for (const statements of statementsByRole(template).values()) {
        for (const statement of statements) {
          for (const action of asArray(statement.Action)) expect(action).not.toContain('*');
          if (asArray(statement.Resource).includes('*')) {
            expect(
              asArray(statement.Action).every(
                (action) =>
                  action.startsWith('xray:') ||
                  action === 'ses:GetAccount' ||
                  action === 'dynamodb:ListStreams',
              ),
            ).toBe(true);
          }
        }
      }
    }
  });

  it('attaches no AWS managed policies to function roles', () => {
    for (const role of Object.values(resourcesOf(stateless, 'AWS::IAM::Role'))) {
      expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grants dynamodb:Scan to the job worker only', () => {
    const byRole = statementsByRole(stateless);
    const scanners = Object.values(resourcesOf(stateless, 'AWS::Lambda::Function'))
      .filter((fn) => {
        const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        return (byRole.get(roleId) ?? []).some((s) => asArray(s.Action).includes('dynamodb:Scan'));
      })
      .map((fn) => (fn.Properties!.Environment as { Variables: Record<string, string> }).Variables);
    expect(scanners.map((env) => env.POWERTOOLS_SERVICE_NAME)).toEqual(['job-worker']);
  });

  /** The statements of the role of the function with this service name. */
  function statementsOf(service: string): Statement[] {
    const fn = Object.values(resourcesOf(stateless, 'AWS::Lambda::Function')).find(
      (f) =>
        (f.Properties!.Environment as { Variables: Record<string, string> }).Variables
          .POWERTOOLS_SERVICE_NAME === service,
    )!;
    const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return statementsByRole(stateless).get(roleId) ?? [];
  }
  /** Where a statement grants `action`, as JSON (cross-stack ARNs are imports). */
  const resourcesFor = (statements: Statement[], action: string) =>
    statements.filter((s) => asArray(s.Action).includes(action)).map((s) => JSON.stringify(s.Resource));

  it('lets the public function queue unsubscribes, and send nothing else', () => {
    const sqs = statementsOf('platform-api').filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('sqs:')),
    );
    expect(sqs.flatMap((s) => asArray(s.Action))).toEqual(['sqs:SendMessage']);
    expect(JSON.stringify(sqs[0]!.Resource)).toContain('MailEventQueue');
  });

  it('lets the campaigns function schedule only campaign schedules of its group, through the one scheduler role', () => {
    const statements = statementsOf('campaigns-api');
    const scheduling = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('scheduler:')));
    expect(scheduling.flatMap((s) => asArray(s.Action)).sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:UpdateSchedule',
    ]);
    expect(JSON.stringify(scheduling[0]!.Resource)).toContain(
      ':schedule/bridge-crm-test-campaigns/campaign-*',
    );
    const passRole = resourcesFor(statements, 'iam:PassRole');
    expect(passRole).toHaveLength(1);
    expect(passRole[0]).toContain('CampaignSchedulerRole');
    expect(resourcesFor(statements, 'sqs:SendMessage').join()).toContain('SendQueue');
    expect(resourcesFor(statements, 'cognito-idp:AdminGetUser').join()).toContain('UserPool');
    // The role Scheduler assumes may put messages on the send queue and do nothing else.
    const [roleId] = Object.entries(resourcesOf(stateless, 'AWS::IAM::Role')).find(([id]) =>
      id.startsWith('CampaignSchedulerRole'),
    )!;
    const schedulerStatements = statementsByRole(stateless).get(roleId)!;
    expect(schedulerStatements.flatMap((s) => asArray(s.Action))).toEqual(['sqs:SendMessage']);
    expect(JSON.stringify(schedulerStatements[0]!.Resource)).toContain('SendQueue');
  });

  it('gives each function exactly the Cognito admin actions it calls, on the one pool', () => {
    const cognito = (service: string) => {
      const statements = statementsOf(service).filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('cognito-idp:')),
      );
      for (const s of statements) expect(JSON.stringify(s.Resource)).toContain('UserPool');
      return statements.flatMap((s) => asArray(s.Action)).sort();
    };
    expect(cognito('members-api')).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminListUserAuthEvents',
      'cognito-idp:AdminUserGlobalSignOut',
    ]);
    expect(cognito('platform-api')).toEqual(['cognito-idp:AdminSetUserPassword']);
    expect(cognito('campaigns-api')).toEqual(['cognito-idp:AdminGetUser']);
    // The daily staff roster check lists the console's groups.
    expect(cognito('job-worker')).toEqual(['cognito-idp:ListUsersInGroup']);
    for (const service of ['events-api', 'events-worker', 'campaign-worker', 'mail-event-worker'])
      expect(cognito(service)).toEqual([]);
  });

  it('lets the directory function queue confirmation emails on the send queue, and send nowhere else but jobs', () => {
    const queues = resourcesFor(statementsOf('members-api'), 'sqs:SendMessage').join();
    expect(queues).toContain('SendQueue');
    expect(queues).toContain('JobsQueue');
    expect(queues).not.toContain('MailEventQueue');
  });

  /** The queues a function may send to, one each, as JSON. */
  const sendTargets = (service: string) =>
    statementsOf(service)
      .filter((s) => asArray(s.Action).includes('sqs:SendMessage'))
      .flatMap((s) => asArray(s.Resource))
      .map((resource) => JSON.stringify(resource));

  it('lets the events function queue agenda emails and event jobs, and on no other queue', () => {
    // CDK merges the two grants into one statement: one queue per resource.
    const queues = sendTargets('events-api');
    expect(queues).toHaveLength(2);
    expect(queues.filter((queue) => queue.includes('SendQueue'))).toHaveLength(1);
    expect(queues.filter((queue) => queue.includes('EventJobsQueue'))).toHaveLength(1);
  });

  it('lets the events worker queue agenda emails only, and no other function start event jobs', () => {
    const queues = sendTargets('events-worker');
    expect(queues).toHaveLength(1);
    expect(queues[0]).toContain('SendQueue');
    const senders = [
      'members-api',
      'campaigns-api',
      'partnerships-api',
      'events-api',
      'platform-api',
      'job-worker',
      'events-worker',
      'campaign-worker',
      'mail-event-worker',
      'pipeline-aggregator',
    ].filter((service) =>
      resourcesFor(statementsOf(service), 'sqs:SendMessage').some((queue) =>
        queue.includes('EventJobsQueue'),
      ),
    );
    expect(senders).toEqual(['events-api']);
    expect(resourcesFor(statementsOf('job-worker'), 'sqs:SendMessage').join()).not.toContain(
      'EventJobsQueue',
    );
  });

  it('lets the campaign worker send through SES only as the sender identity under the configuration set', () => {
    const statements = statementsOf('campaign-worker');
    const ses = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
    expect(
      [...new Set(ses.flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('ses:')))].sort(),
    ).toEqual(['ses:GetAccount', 'ses:SendEmail', 'ses:SendRawEmail']);
    const sending = ses.find((s) => asArray(s.Action).includes('ses:SendEmail'))!;
    expect(asArray(sending.Resource)).not.toContain('*');
    const resources = JSON.stringify(sending.Resource);
    expect(resources).toContain('SenderIdentity');
    expect(resources).toContain(':configuration-set/');
    expect(resourcesFor(statements, 'sqs:SendMessage').join()).toContain('SendQueue');
  });

  it('gives the public platform function reads of the settings and campaign partitions only, and Scan on no index', () => {
    const platformActions = statementsOf('platform-api').flatMap((statement) => asArray(statement.Action));
    expect([...new Set(platformActions.filter((a) => a.startsWith('dynamodb:')))].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    // Health reads one settings item, an unsubscribe page its recipient, a confirmation page its pending
    // confirmation, a partner's answer page the request's event: every DynamoDB grant is limited
    // to those partitions, on no index, and none writes (an unsubscribe is queued for a worker).
    const dynamo = statementsOf('platform-api').filter((statement) =>
      asArray(statement.Action).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0]!.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': ['SETTINGS', 'CAMPAIGN#*', 'ADDRESSCONFIRM#*', 'ACCOUNTS#*', 'EVENT#*'],
      },
    });
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('/index/');
    const scans = statementsOf('job-worker').filter((statement) =>
      asArray(statement.Action).includes('dynamodb:Scan'),
    );
    expect(scans).toHaveLength(1);
    expect(JSON.stringify(scans[0]!.Resource)).not.toContain('/index/');
  });
});

describe('campaign sending', () => {
  it('feeds SES delivery, bounce, complaint, reject and delay events to the mail-event queue, raw', () => {
    expect(onlyResource(stateful, 'AWS::SES::ConfigurationSet').Properties).toMatchObject({
      Name: 'bridge-crm-test',
    });
    const destination = onlyResource(stateful, 'AWS::SES::ConfigurationSetEventDestination').Properties!;
    expect(destination).toMatchObject({
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['delivery', 'bounce', 'complaint', 'reject', 'deliveryDelay'],
        SnsDestination: { TopicARN: { Ref: expect.stringMatching(/^MailEventsTopic/) } },
      },
    });
    const subscription = onlyResource(stateful, 'AWS::SNS::Subscription').Properties!;
    expect(subscription).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true });
    expect(JSON.stringify(subscription.Endpoint)).toContain('MailEventQueue');
    expect(onlyResource(stateful, 'AWS::SES::EmailIdentity').Properties).toMatchObject({
      EmailIdentity: 'test.bridge-crm.example.org',
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: expect.stringMatching(/^ConfigurationSet/) },
      },
      MailFromAttributes: {
        MailFromDomain: 'bounce.test.bridge-crm.example.org',
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
    // Easy DKIM (2048-bit keys, the default): the deploy names the three CNAMEs and the MAIL FROM records.
    const outputs = Object.keys(stateful.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3', 'MailFromRecords']),
    );
    expect(() => synthApp({ mailFromDomain: 'bounce.elsewhere.example' })).toThrow(
      /context "mailFromDomain" must be a subdomain of test.bridge-crm.example.org/,
    );
  });

  it.each([
    ['CampaignWorker', 'SendQueue', 3],
    ['MailEventWorker', 'MailEventQueue', 2],
  ])('runs the %s from the %s, reporting failures per message', (fn, queue, concurrency) => {
    const mappings = Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping')).filter((m) =>
      JSON.stringify(m.Properties!.FunctionName).includes(fn),
    );
    expect(mappings).toHaveLength(1);
    const props = mappings[0]!.Properties!;
    expect(JSON.stringify(props.EventSourceArn)).toContain(queue);
    expect(props).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: concurrency },
    });
  });

  it('sweeps expired claims every 15 minutes through the send queue', () => {
    const sweep = Object.values(resourcesOf(stateless, 'AWS::Scheduler::Schedule')).find(
      (each) => each.Properties!.ScheduleExpression === 'rate(15 minutes)',
    )!.Properties!;
    expect((sweep.Target as { Input: string }).Input).toBe(JSON.stringify({ sweep: 'claims' }));
    expect(JSON.stringify((sweep.Target as { Arn: unknown }).Arn)).toContain('SendQueue');
    expect(onlyResource(stateless, 'AWS::Scheduler::ScheduleGroup').Properties).toMatchObject({
      Name: 'bridge-crm-test-campaigns',
    });
  });

  it('requires the sender and organisation for prod, where placeholders would mail real people', () => {
    const prod = new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
    expect(() => defineStacks(prod)).toThrow(/context "senderDomain" is required for the prod stage/);
  });

  it('names the unsubscribe mailbox to the campaign worker only when one is given, and only an address', () => {
    const { stacks: withMailbox } = synthApp({ unsubscribeMailto: 'unsubscribe@example.org' });
    const variables = Object.values(
      resourcesOf(Template.fromStack(withMailbox.stateless), 'AWS::Lambda::Function'),
    )
      .map((fn) => (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables)
      .filter((env) => 'UNSUBSCRIBE_MAILTO' in env);
    expect(variables.map((env) => [env.POWERTOOLS_SERVICE_NAME, env.UNSUBSCRIBE_MAILTO])).toEqual([
      ['campaign-worker', 'unsubscribe@example.org'],
    ]);
    expect(() => synthApp({ unsubscribeMailto: 'unsubscribe@example.org?subject=x' })).toThrow(
      /context "unsubscribeMailto" must be an email address/,
    );
  });
});

describe('the staff console', () => {
  const callback = 'https://abc123.execute-api.eu-central-1.amazonaws.com/console/callback';
  let withConsole: BridgeCrmStacks;
  let consoleApp: App;
  let statefulWith: Template;
  let statelessWith: Template;

  beforeAll(() => {
    // Synthesis runs cdk-nag here too: an unacknowledged finding of the console throws.
    ({ app: consoleApp, stacks: withConsole } = synthApp({ consoleCallbackUrl: callback }));
    statefulWith = Template.fromStack(withConsole.stateful);
    statelessWith = Template.fromStack(withConsole.stateless);
  }, 60_000);

  const consoleServices = [
    'console',
    'console-members',
    'console-member-import',
    'console-member-record',
    'console-member-edit',
    'console-leads',
    'console-campaigns',
    'console-events',
    'console-reports',
    'console-partners',
    'console-partner-join',
    'console-erasure',
    'console-event-delegates',
    'console-event-meetings',
  ] as const;
  type ConsoleService = (typeof consoleServices)[number];
  const consoleFunction = (service: ConsoleService) => {
    const found = Object.entries(resourcesOf(statelessWith, 'AWS::Lambda::Function')).filter(
      ([, fn]) =>
        (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME === service,
    );
    expect(found).toHaveLength(1);
    const [id, fn] = found[0]!;
    return {
      id,
      props: fn.Properties!,
      roleId: (fn.Properties!.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0],
    };
  };
  const consoleStatements = (service: ConsoleService) => {
    const { roleId } = consoleFunction(service);
    return Object.values(resourcesOf(statelessWith, 'AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
  };

  it('has no console without the callback URL: no domain, console client, function or route', () => {
    expect(cdkJson.context.consoleCallbackUrl).toBe('');
    expect(Object.keys(resourcesOf(stateful, 'AWS::Cognito::UserPoolDomain'))).toEqual([]);
    expect(Object.keys(resourcesOf(stateful, 'AWS::Cognito::ManagedLoginBranding'))).toEqual([]);
    const clientNames = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolClient')).map(
      (client) => client.Properties!.ClientName,
    );
    expect(clientNames.sort()).toEqual(['bridge-crm-test-members', 'bridge-crm-test-staff']);
    const services = Object.values(resourcesOf(stateless, 'AWS::Lambda::Function')).map(
      (fn) =>
        (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME,
    );
    expect(services.filter((service) => String(service).startsWith('console'))).toEqual([]);
    const routeKeys = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route')).map((r) =>
      String(r.Properties!.RouteKey),
    );
    expect(routeKeys.filter((key) => key.includes('/console'))).toEqual([]);
  });

  it('refuses a callback URL Cognito would not take or the console does not answer', () => {
    for (const bad of [
      'http://abc123.execute-api.eu-central-1.amazonaws.com/console/callback',
      'https://abc123.execute-api.eu-central-1.amazonaws.com/console/sign-in',
      'https://abc123.execute-api.eu-central-1.amazonaws.com/console/callback?x=1',
      'abc123/console/callback',
    ]) {
      expect(() => synthApp({ consoleCallbackUrl: bad }), bad).toThrow(
        /context "consoleCallbackUrl" must be/,
      );
    }
  });

  it('signs in through a confidential client: code grant only, openid and email, the callback from context', () => {
    const clients = Object.values(
      statefulWith.findResources('AWS::Cognito::UserPoolClient', {
        Properties: { ClientName: 'bridge-crm-test-console' },
      }),
    );
    expect(clients).toHaveLength(1);
    const props = clients[0]!.Properties as Record<string, unknown>;
    expect(props).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
      CallbackURLs: [callback],
      LogoutURLs: [
        'https://abc123.execute-api.eu-central-1.amazonaws.com/console/sign-in?reason=signed-out',
        // Sign-out names the reader's language in the page it returns to (sign-in-pages.tsx).
        'https://abc123.execute-api.eu-central-1.amazonaws.com/console/sign-in?reason=signed-out&lang=ru',
        'https://abc123.execute-api.eu-central-1.amazonaws.com/console/sign-in?reason=signed-out&lang=vi',
        'https://abc123.execute-api.eu-central-1.amazonaws.com/console/sign-in?reason=signed-out&lang=en',
        'https://abc123.execute-api.eu-central-1.amazonaws.com/console/sign-in?reason=mfa-enrolled',
      ],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      // 15-minute access and ID tokens like staff's; refresh tokens end with the 12-hour session.
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect(props.WriteAttributes).not.toContain('custom:memberId');
    expect(props.WriteAttributes).toBeDefined();
    // The API's authorizer takes no token of the console's client: it is neither staff's nor members'.
    const audience = JSON.stringify(
      (
        onlyResource(statelessWith, 'AWS::ApiGatewayV2::Authorizer').Properties!.JwtConfiguration as {
          Audience: unknown[];
        }
      ).Audience,
    );
    expect(audience).not.toContain('ConsoleClient');
  });

  it('gives the pool a prefix domain with managed login, styled with Cognito’s own branding', () => {
    const domain = onlyResource(statefulWith, 'AWS::Cognito::UserPoolDomain').Properties!;
    expect(domain).toMatchObject({
      Domain: { 'Fn::Join': ['', ['bridge-crm-test-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
    });
    expect(domain.CustomDomainConfig).toBeUndefined();
    const branding = onlyResource(statefulWith, 'AWS::Cognito::ManagedLoginBranding').Properties!;
    const clientId = withConsole.stateful.getLogicalId(
      withConsole.stateful.console!.client.node.defaultChild as CfnElement,
    );
    expect(branding).toMatchObject({ UseCognitoProvidedValues: true, ClientId: { Ref: clientId } });
    expect(Object.keys(statefulWith.findOutputs('*'))).toEqual(
      expect.arrayContaining(['ConsoleClientId', 'ConsoleSignInDomain']),
    );
  });

  it('serves each console section from its own function, Node.js 24 on arm64, with no authorizer on its routes', () => {
    const routes = Object.values(resourcesOf(statelessWith, 'AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties!)
      .filter((r) => String(r.RouteKey).includes('/console'));
    const functionOf = (route: Record<string, unknown>) => {
      const integrationId = JSON.stringify(route.Target).match(/integrations\/",\{"Ref":"([^"]+)"/)?.[1];
      const integration = resourcesOf(statelessWith, 'AWS::ApiGatewayV2::Integration')[integrationId!]!;
      return consoleServices.find((service) =>
        JSON.stringify(integration.Properties!.IntegrationUri).includes(`"${consoleFunction(service).id}"`),
      );
    };
    const served: Record<string, string[]> = {};
    for (const route of routes) {
      expect(route.AuthorizationType).toBe('NONE');
      expect(route.AuthorizerId).toBeUndefined();
      const service = functionOf(route) ?? 'none';
      served[service] = [...(served[service] ?? []), String(route.RouteKey)];
    }
    const section = (path: string) => [`ANY ${path}`, `ANY ${path}/{proxy+}`];
    expect(Object.fromEntries(Object.entries(served).map(([k, v]) => [k, v.sort()]))).toEqual({
      // The least specific console routes: sign-in, settings, the audit log, files, and no page.
      console: section('/console'),
      'console-members': [
        'ANY /console/members',
        'ANY /console/members/bulk',
        'ANY /console/members/export.csv',
        'ANY /console/members/views',
        'ANY /console/members/views/{viewId}/delete',
      ],
      'console-member-import': ['ANY /console/members/import', 'ANY /console/members/import/jobs/{id}'],
      'console-member-record': ['ANY /console/members/{proxy+}'],
      'console-member-edit': [
        'ANY /console/members/new',
        'ANY /console/members/{id}/contacts/new',
        'ANY /console/members/{id}/contacts/{contactId}',
        'ANY /console/members/{id}/contacts/{contactId}/remove',
        'ANY /console/members/{id}/offers',
        'ANY /console/members/{id}/profile',
      ],
      'console-leads': section('/console/leads'),
      'console-campaigns': section('/console/campaigns'),
      'console-events': section('/console/events'),
      'console-reports': section('/console/reports'),
      'console-partners': section('/console/partners'),
      // The join holds the partners' service and the members': a function of its own, in the bundle bar.
      'console-partner-join': ['ANY /console/partners/{id}/join'],
      // An erasure holds what it reaches (accounts, import files, recipients, delegates): its own function.
      'console-erasure': ['ANY /console/members/{id}/erase', 'ANY /console/partners/{id}/erase'],
      // The events' function is at the bundle bar: a participant's delegates are changed by their own.
      'console-event-delegates': ['ANY /console/events/{id}/participants/{companyId}/delegates'],
      // So are an event's schedule, interpreter plan and outcomes.
      'console-event-meetings': [
        'ANY /console/events/{id}/interpreters',
        'ANY /console/events/{id}/meetings/{meetingId}/outcome',
        'ANY /console/events/{id}/outcomes',
        'ANY /console/events/{id}/schedule',
      ],
    });
    // Every other route is as without the console.
    expect(Object.keys(resourcesOf(statelessWith, 'AWS::ApiGatewayV2::Route'))).toHaveLength(
      Object.keys(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route')).length + 34,
    );
    for (const service of consoleServices) {
      const { id, props } = consoleFunction(service);
      expect(props, service).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        MemorySize: 1024,
      });
      statelessWith.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
        MetricName: 'Errors',
      });
    }
  });

  it('gives each console function its sign-in, its files and the edges of the services it calls, and no secret', () => {
    const common = [
      'CONSOLE_ASSETS_DIR',
      'CONSOLE_CALLBACK_URL',
      'CONSOLE_CLIENT_ID',
      'CONSOLE_DOMAIN_URL',
      'SIGNING_SECRET_ARN',
      'TABLE_NAME',
      'USER_POOL_ID',
    ];
    const own: Record<ConsoleService, string[]> = {
      console: [],
      'console-members': ['JOBS_QUEUE_URL', 'SEND_QUEUE_URL'],
      'console-member-import': ['JOBS_QUEUE_URL', 'SEND_QUEUE_URL'],
      'console-member-record': ['JOBS_QUEUE_URL', 'SEND_QUEUE_URL'],
      'console-member-edit': ['JOBS_QUEUE_URL', 'SEND_QUEUE_URL'],
      'console-leads': [],
      'console-campaigns': [
        'CAMPAIGN_SCHEDULER_ROLE_ARN',
        'CAMPAIGN_SCHEDULE_GROUP',
        'SEND_QUEUE_ARN',
        'SEND_QUEUE_URL',
      ],
      // A participant's change after the schedule is published sends the agendas it changed.
      'console-events': ['SEND_QUEUE_URL'],
      'console-reports': [],
      'console-partners': [],
      // The join writes a member as the directory's writes do (a re-tier job, address confirmations).
      'console-partner-join': ['JOBS_QUEUE_URL', 'SEND_QUEUE_URL'],
      'console-erasure': [],
      // A published meeting handed to another delegate sends the agendas it changed.
      'console-event-delegates': ['SEND_QUEUE_URL'],
      // Schedule runs go to the events worker: the console ships no HiGHS.
      'console-event-meetings': ['EVENT_JOBS_QUEUE_URL', 'SCHEDULE_IN_REQUEST_UP_TO', 'SEND_QUEUE_URL'],
    };
    for (const service of consoleServices) {
      const variables = (consoleFunction(service).props.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const names = Object.keys(variables).filter(
        (name) =>
          !name.startsWith('POWERTOOLS_') &&
          name !== 'NODE_ICU_DATA' &&
          !/^(PARAMETERS_SECRETS_EXTENSION|SECRETS_MANAGER|SSM_PARAMETER_STORE)_/.test(name),
      );
      expect(names.sort(), service).toEqual([...common, ...own[service]].sort());
      expect(variables).toMatchObject({
        CONSOLE_ASSETS_DIR: '/var/task/console-assets',
        CONSOLE_CALLBACK_URL: callback,
      });
      if (service === 'console-event-meetings') expect(variables.SCHEDULE_IN_REQUEST_UP_TO).toBe('0');
      const domainUrl = JSON.stringify(variables.CONSOLE_DOMAIN_URL);
      expect(domainUrl).toContain('"https://"');
      expect(domainUrl).toContain('.amazoncognito.com');
      expect(domainUrl).toContain('ConsoleDomain');
      expect(JSON.stringify(variables.CONSOLE_CLIENT_ID)).toContain('ConsoleClient');
      // The client secret is read at run time (DescribeUserPoolClient), never configured.
      expect(JSON.stringify(variables)).not.toMatch(/ClientSecret|SECRET"/i);
    }
  });

  it('lets each console function do in Cognito what its API does, and read its client, on the one pool', () => {
    const accounts = [
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminListUserAuthEvents',
      'cognito-idp:AdminUserGlobalSignOut',
    ];
    const own: Record<ConsoleService, string[]> = {
      // The staff roster checked against the console's groups.
      console: ['cognito-idp:ListUsersInGroup'],
      'console-members': accounts,
      'console-member-import': [],
      'console-member-record': accounts,
      // A removed contact's account is revoked with it; the edits invite nobody.
      'console-member-edit': [
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminUserGlobalSignOut',
      ],
      'console-leads': [],
      // The test send's recipient: the caller's own address.
      'console-campaigns': ['cognito-idp:AdminGetUser'],
      'console-events': [],
      'console-reports': [],
      'console-partners': [],
      // A partner's contacts become the member's; no account is touched.
      'console-partner-join': [],
      // An erasure deletes the member's accounts (their users).
      'console-erasure': [
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminUserGlobalSignOut',
      ],
      'console-event-delegates': [],
      'console-event-meetings': [],
    };
    const poolArn = JSON.stringify(withConsole.stateless.resolve(withConsole.stateful.userPool.userPoolArn));
    for (const service of consoleServices) {
      const cognito = consoleStatements(service).filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('cognito-idp:')),
      );
      expect(cognito.flatMap((s) => asArray(s.Action)).sort(), service).toEqual(
        [...own[service], 'cognito-idp:DescribeUserPoolClient'].sort(),
      );
      for (const statement of cognito) expect(JSON.stringify(statement.Resource)).toBe(poolArn);
    }
  });

  it('lets each console function write the table, and queue and schedule only what its section does', () => {
    const ownQueues: Record<ConsoleService, string[]> = {
      console: [],
      'console-members': ['JobsQueue', 'SendQueue'],
      'console-member-import': ['JobsQueue', 'SendQueue'],
      'console-member-record': ['JobsQueue', 'SendQueue'],
      'console-member-edit': ['JobsQueue', 'SendQueue'],
      'console-leads': [],
      'console-campaigns': ['SendQueue'],
      'console-events': ['SendQueue'],
      'console-reports': [],
      'console-partners': [],
      // The join writes a member as the directory's writes do (a re-tier job, address confirmations).
      'console-partner-join': ['JobsQueue', 'SendQueue'],
      'console-erasure': [],
      'console-event-delegates': ['SendQueue'],
      'console-event-meetings': ['EventJobsQueue', 'SendQueue'],
    };
    for (const service of consoleServices) {
      const statements = consoleStatements(service);
      const actions = new Set(statements.flatMap((s) => asArray(s.Action)));
      for (const action of [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:ConditionCheckItem',
      ])
        expect(actions, service).toContain(action);
      expect(actions).not.toContain('dynamodb:Scan');
      const queues = statements
        .filter((s) => asArray(s.Action).includes('sqs:SendMessage'))
        .flatMap((s) => asArray(s.Resource))
        .map((resource) => JSON.stringify(resource).match(/EventJobsQueue|JobsQueue|SendQueue/)?.[0]);
      expect(queues, service).toEqual(ownQueues[service]);
      const scheduling = statements.filter((s) => asArray(s.Action).includes('scheduler:CreateSchedule'));
      const passRole = statements.filter((s) => asArray(s.Action).includes('iam:PassRole'));
      if (service === 'console-campaigns') {
        expect(scheduling).toHaveLength(1);
        expect(JSON.stringify(scheduling[0]!.Resource)).toContain(
          ':schedule/bridge-crm-test-campaigns/campaign-*',
        );
        expect(passRole).toHaveLength(1);
        expect(JSON.stringify(passRole[0]!.Resource)).toContain('CampaignSchedulerRole');
      } else {
        expect(scheduling, service).toEqual([]);
        expect(passRole, service).toEqual([]);
      }
      expect(JSON.stringify(statements)).not.toContain('ses:');
      expect(JSON.stringify(statements)).not.toContain('MailEventQueue');
    }
  });

  it('acknowledges for the console only its open routes and the reviewed IAM findings, each with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(consoleApp);
    expect(report.violations).toEqual([]);
    const acknowledged: string[] = [];
    for (const construct of consoleApp.node.findAll()) {
      if (!/console/i.test(construct.node.path)) continue;
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(reason, id).toMatch(/.{60}/);
          acknowledged.push(
            `${construct.node.path.replace(/^BridgeCrm-test-/, '')} ${id.replace(/^\w+::/, '')}`,
          );
        }
      }
    }
    expect(acknowledged.sort()).toEqual(
      [
        // X-Ray's PutTraceSegments, as every function's.
        ...[
          '',
          'Members',
          'MemberImport',
          'MemberRecord',
          'MemberEdit',
          'Leads',
          'Campaigns',
          'Events',
          'Reports',
          'Partners',
          'PartnerJoin',
          'Erasure',
          'EventDelegates',
          'EventMeetings',
        ].map((section) => `Stateless/Console${section}Role AwsSolutions-IAM5[Resource::*]`),
        'Stateless/ConsoleCampaignsRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/bridge-crm-test-campaigns/campaign-*]',
        ...['', '--leads', '--campaigns', '--events', '--reports', '--partners'].flatMap((section) => [
          `Stateless/HttpApi/ANY--console${section} AwsSolutions-APIG4`,
          `Stateless/HttpApi/ANY--console${section}--{proxy+} AwsSolutions-APIG4`,
        ]),
        ...[
          '',
          '--bulk',
          '--export.csv',
          '--views',
          '--views--{viewId}--delete',
          '--import',
          '--import--jobs--{id}',
          '--{proxy+}',
          '--new',
          '--{id}--profile',
          '--{id}--offers',
          '--{id}--contacts--new',
          '--{id}--contacts--{contactId}',
          '--{id}--contacts--{contactId}--remove',
        ].map((route) => `Stateless/HttpApi/ANY--console--members${route} AwsSolutions-APIG4`),
        'Stateless/HttpApi/ANY--console--partners--{id}--join AwsSolutions-APIG4',
        'Stateless/HttpApi/ANY--console--members--{id}--erase AwsSolutions-APIG4',
        'Stateless/HttpApi/ANY--console--partners--{id}--erase AwsSolutions-APIG4',
        'Stateless/HttpApi/ANY--console--events--{id}--participants--{companyId}--delegates AwsSolutions-APIG4',
        ...['schedule', 'interpreters', 'outcomes', 'meetings--{meetingId}--outcome'].map(
          (route) => `Stateless/HttpApi/ANY--console--events--{id}--${route} AwsSolutions-APIG4`,
        ),
      ].sort(),
    );
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
    expect(report.success).toBe(true);
  });

  it('acknowledges only the reviewed findings, each with a written reason', () => {
    const acknowledged: string[] = [];
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(reason.length, id).toBeGreaterThan(60);
          acknowledged.push(
            `${construct.node.path.replace(/^BridgeCrm-test-/, '')} ${id.replace(/^\w+::/, '')}`,
          );
        }
      }
    }
    expect(acknowledged.sort()).toEqual(
      [
        'Stateful/SigningSecret AwsSolutions-SMG4',
        'Stateful/UserPool AwsSolutions-COG2',
        'Stateful/TokenTriggerRole AwsSolutions-IAM5[Resource::*]',
        ...[
          'MembersApiRole',
          'CampaignsApiRole',
          'PartnershipsApiRole',
          'EventsApiRole',
          'PlatformApiRole',
          'JobWorkerRole',
          'EventsWorkerRole',
          'CampaignWorkerRole',
          'MailEventWorkerRole',
          'PipelineAggregatorRole',
        ].map((role) => `Stateless/${role} AwsSolutions-IAM5[Resource::*]`),
        'Stateful/PipelineFailureQueue AwsSolutions-SQS3',
        'Stateless/CampaignsApiRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/bridge-crm-test-campaigns/campaign-*]',
        ...[
          'GET--health',
          'GET--openapi.json',
          'GET--docs',
          'GET--docs--{proxy+}',
          'GET--unsubscribe--{token}',
          'POST--unsubscribe--{token}',
          'GET--confirm-address--{token}',
          'POST--confirm-address--{token}',
          'GET--accept-invitation--{token}',
          'POST--accept-invitation--{token}',
          'GET--event-requests--{token}',
          'POST--event-requests--{token}',
          'GET--event-follow-up--{token}',
          'POST--event-follow-up--{token}',
        ].map((route) => `Stateless/HttpApi/${route} AwsSolutions-APIG4`),
      ].sort(),
    );
  });

  it('leaves no construct errors in either stack', () => {
    for (const stack of [stacks.stateful, stacks.stateless]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    }
  });

  it('does find a non-compliant resource (the check is wired to this aws-cdk-lib)', () => {
    const scratch = new App();
    new Queue(new Stack(scratch, 'Scratch'), 'PlainQueue');
    const report = new AwsSolutionsChecks().validateScope(scratch);
    expect(report.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
  });
});
