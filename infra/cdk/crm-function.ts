import { posix } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  LayerVersion,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/data/table-definition.ts';
import { bundlingOptions, REPO_ROOT } from './bundling-options.ts';
import { ICU_DATA_DIR, icuDataFiles } from './icu-locale-index.ts';

/** Where written assets are put (repository-relative), per function: git-ignored, rebuilt every synth. */
const GENERATED_ASSETS_DIR = 'node_modules/.cache/bridge-crm/generated-assets';

/** The CloudWatch namespace every function's Powertools metrics land in. */
export const METRICS_NAMESPACE = 'BridgeCrm';

/**
 * - `read`: request paths that only look items up.
 * - `readWrite`: request paths that also change items (transactions included).
 * - `readWriteScan`: admin batch jobs only; the architecture forbids Scan on any request path.
 */
export type TableAccess = 'read' | 'readWrite' | 'readWriteScan';

export type QueueAccess = 'send';

/**
 * A file next to the bundle, `to` relative to it: copied `from` a path relative to the repository root,
 * or, for a file built from code, written by `write` (given an absolute path) when the function is
 * defined, into GENERATED_ASSETS_DIR, and copied from there.
 */
export type BundledAsset = { from: string; to: string } | { to: string; write: (file: string) => void };

export interface CrmFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/members-api.ts`; it exports `handler`. */
  entry: string;
  /** `POWERTOOLS_SERVICE_NAME`: the logger's `service` key and the metrics' `service` dimension. */
  serviceName: string;
  description?: string;
  /**
   * @default 15 seconds, under the HTTP API's 30 second integration limit. Lambda takes up to 15
   * minutes; behind the HTTP API no more than 29 seconds is of use (the integration's limit as CDK
   * validates it, 50 ms to 29 s).
   */
  timeout?: Duration;
  /**
   * MB, 128 to 10,240 (Lambda's range, in 1 MB steps); CPU grows with it, one full vCPU at 1,769 MB.
   * @default 1024
   */
  memorySize?: number;
  /** @default 'INFO' */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** @default one month */
  logRetention?: RetentionDays;
  environment?: Record<string, string>;
  assets?: BundledAsset[];
}

// Transactions have no IAM actions of their own: each leg is authorised as the item action it
// performs (GetItem, PutItem, UpdateItem, DeleteItem, ConditionCheckItem).
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const INDEX_READ_ACTIONS = ['dynamodb:Query'];
// ConditionCheckItem only exists inside TransactWriteItems, so it belongs with the writes.
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
const SCAN_ACTIONS = ['dynamodb:Scan'];

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Every Lambda function of the app is built through this class, so runtime, architecture, tracing,
 * logging and bundling are decided once. Permissions are added only through the `bind*` methods,
 * each of which also sets the environment variable the function reads.
 */
export class CrmFunction extends NodejsFunction {
  /**
   * Explicit, so the function may write to its own log group only, where AWSLambdaBasicExecutionRole
   * would allow every log group of the account.
   */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: CrmFunctionProps) {
    // `this` is not usable before super(), so role and log group are siblings of the function.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      // Logs belong to the stateless side: redeploying a function must not trip over an old group.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);

    // A written asset is written now, under the repository, and copied like the others when bundling:
    // the bundling hooks also run to build a Docker command, with paths that are not this machine's.
    const assets = [...icuDataFiles, ...(props.assets ?? [])].map((asset) => {
      if (!('write' in asset)) return asset;
      const from = posix.join(GENERATED_ASSETS_DIR, id, asset.to);
      asset.write(posix.join(REPO_ROOT, from));
      return { from, to: asset.to };
    });
    super(scope, id, {
      entry: posix.join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      depsLockFilePath: posix.join(REPO_ROOT, 'package-lock.json'),
      projectRoot: REPO_ROOT,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        // ICU's locale index and likely subtags cut to ours (icu-locale-index.ts, icu-likely-subtags.ts).
        NODE_ICU_DATA: ICU_DATA_DIR,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: [...bundlingOptions.mainFields],
        banner: bundlingOptions.banner,
        minify: bundlingOptions.minify,
        sourceMap: bundlingOptions.sourceMap,
        sourcesContent: bundlingOptions.sourcesContent,
        externalModules: [...bundlingOptions.externalModules],
        inject: [...bundlingOptions.inject],
        define: { ...bundlingOptions.define },
        // NodejsFunction has no `alias` prop; `--alias:zod=<path>` is what esbuild's CLI takes. Its
        // `charset` prop is declared but this aws-cdk-lib passes it to no command, so it goes here too.
        esbuildArgs: {
          ...Object.fromEntries(
            Object.entries(bundlingOptions.alias).map(([name, path]) => [`--alias:${name}`, path]),
          ),
          '--charset': bundlingOptions.charset,
        },
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) =>
            assets.flatMap(({ from, to }) => [
              `mkdir -p ${shellQuote(posix.dirname(posix.join(outputDir, to)))}`,
              `cp ${shellQuote(posix.join(inputDir, from))} ${shellQuote(posix.join(outputDir, to))}`,
            ]),
        },
      },
    });
    this.executionRole = role;

    // Scoped to the single finding `Resource::*`: any other wildcard added to this role still fails.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray statement (xray:PutTraceSegments, xray:PutTelemetryRecords) has Resource "*": ' +
        'X-Ray supports no resource-level permissions. Table, index, queue and secret grants name their ARNs.',
    });
  }

  /**
   * Sets `TABLE_NAME` and grants exactly the item actions of `mode` on the table and its indexes; with
   * `partitions`, on the items of those partition keys only (`dynamodb:LeadingKeys`, `*` a wildcard)
   * and on no index.
   */
  bindTable(table: ITable, mode: TableAccess, partitions?: readonly string[]): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const tableActions = [...TABLE_READ_ACTIONS];
    if (mode === 'readWrite' || mode === 'readWriteScan') tableActions.push(...TABLE_WRITE_ACTIONS);
    // Batch jobs scan the base table only; no job reads an index end to end.
    if (mode === 'readWriteScan') tableActions.push(...SCAN_ACTIONS);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: tableActions,
        resources: [table.tableArn],
        ...(partitions
          ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } } }
          : {}),
      }),
    );
    if (!partitions) {
      const indexArns = tableDefinition.globalSecondaryIndexes.map(
        (index) => `${table.tableArn}/index/${index.indexName}`,
      );
      this.addToRolePolicy(new PolicyStatement({ actions: [...INDEX_READ_ACTIONS], resources: indexArns }));
    }
    // A customer-managed key would otherwise make every call fail with AccessDenied on KMS.
    if (mode === 'read') table.encryptionKey?.grantDecrypt(this);
    else table.encryptionKey?.grantEncryptDecrypt(this);
  }

  /**
   * Sets `SIGNING_SECRET_ARN`, grants reading that secret's value (nothing else), and adds the AWS
   * Parameters and Secrets extension the runtime reads it through (shared/runtime/secrets-extension.ts).
   */
  bindSecret(secret: ISecret): void {
    this.addEnvironment('SIGNING_SECRET_ARN', secret.secretArn);
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    secret.encryptionKey?.grantDecrypt(this);
    // The `paramsAndSecrets` prop is read only in Function's constructor, and binding happens later,
    // so this repeats what that constructor does: the region's layer ARN for our architecture, plus
    // the extension's settings as environment variables.
    const extension = ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
      cacheEnabled: true,
      logLevel: ParamsAndSecretsLogLevel.WARN,
    })._bind(this, this);
    this.addLayers(LayerVersion.fromLayerVersionArn(this, 'ParamsAndSecretsLayer', extension.arn));
    for (const [name, value] of Object.entries(extension.environmentVars)) {
      this.addEnvironment(name, String(value));
    }
  }

  /**
   * Sets the queue's URL in `variable` and grants sending to that queue (SendMessage also covers
   * SendMessageBatch).
   */
  bindQueue(queue: IQueue, mode: QueueAccess, variable = 'JOBS_QUEUE_URL'): void {
    this.addEnvironment(variable, queue.queueUrl);
    if (mode === 'send') {
      this.addToRolePolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      );
      queue.encryptionMasterKey?.grantEncryptDecrypt(this);
    }
  }
}
