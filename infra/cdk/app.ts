import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface BridgeCrmStacks {
  stage: string;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * Defines both stacks of one stage on `app`. Exported so the infra tests synthesise exactly what
 * `cdk synth` does, cdk-nag included.
 *
 * Context: `stage` (default `dev`), `alarmEmail` (optional), and who campaign emails come from:
 * `senderDomain`, `senderFrom`, `organisationName`, `organisationAddress` (required for `prod`; other
 * stages get placeholders under example.org, which SES cannot verify, so they send nothing real),
 * `mailFromDomain` (the envelope sender's subdomain; default `bounce.<senderDomain>`), and optionally
 * `unsubscribeMailto`, a mailbox `List-Unsubscribe` names beside the one-click link; `consoleCallbackUrl`
 * (`https://<api>/console/callback`, known after a first deploy), without which there is no console.
 */
export function defineStacks(app: App): BridgeCrmStacks {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  // The stage ends up in stack, pool and API names, which allow only this much.
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`context "stage" must be lowercase letters, digits and dashes, got "${stage}"`);
  }
  const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');
  const sender = senderOf(app, stage);
  const consoleCallbackUrl = consoleCallbackUrlOf(app);

  Tags.of(app).add('project', 'bridge-crm');
  Tags.of(app).add('stage', stage);

  const stateful = new StatefulStack(app, `BridgeCrm-${stage}-Stateful`, {
    stage,
    description: `bridge-crm ${stage}: table, user pool, signing secret, jobs queue`,
    alarmEmail: typeof alarmEmail === 'string' && alarmEmail !== '' ? alarmEmail : undefined,
    senderDomain: sender.domain,
    mailFromDomain: sender.mailFromDomain,
    ...(consoleCallbackUrl ? { consoleCallbackUrl } : {}),
    terminationProtection: stage === 'prod',
  });
  const stateless = new StatelessStack(app, `BridgeCrm-${stage}-Stateless`, {
    stage,
    description: `bridge-crm ${stage}: HTTP API and functions`,
    table: stateful.table,
    userPool: stateful.userPool,
    staffClient: stateful.staffClient,
    memberClient: stateful.memberClient,
    signingSecret: stateful.signingSecret,
    jobsQueue: stateful.jobsQueue,
    eventJobsQueue: stateful.eventJobsQueue,
    pipelineFailureQueue: stateful.pipelineFailureQueue,
    alarmTopic: stateful.alarmTopic,
    ...(stateful.console ? { console: stateful.console } : {}),
    campaigns: {
      sendQueue: stateful.sendQueue,
      mailEventQueue: stateful.mailEventQueue,
      configurationSet: stateful.configurationSet,
      senderIdentity: stateful.senderIdentity,
      sender,
    },
  });

  // cdk-nag 3 is a policy-validation plugin, not an Aspect: any finding that is not acknowledged in
  // code with a reason fails synthesis, `cdk synth` included.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stage, stateful, stateless };
}

/**
 * The console's callback as Cognito will redirect to it: HTTPS (Cognito takes plain HTTP for localhost
 * only) and the console's own path, with no query or fragment.
 */
function consoleCallbackUrlOf(app: App): string | undefined {
  const value: unknown = app.node.tryGetContext('consoleCallbackUrl');
  if (value === undefined || value === '') return undefined;
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  const valid =
    url?.protocol === 'https:' &&
    url.pathname === '/console/callback' &&
    url.search === '' &&
    url.hash === '' &&
    url.href === value;
  if (!valid) {
    throw new Error(
      `context "consoleCallbackUrl" must be https://<host>/console/callback, got "${String(value)}"`,
    );
  }
  return url.href;
}

/** Who campaign emails come from, and whom their footer names (the law of most recipients asks it). */
function senderOf(app: App, stage: string) {
  const read = (key: string, placeholder: string): string => {
    const value: unknown = app.node.tryGetContext(key);
    if (typeof value === 'string' && value !== '') return value;
    if (stage === 'prod') throw new Error(`context "${key}" is required for the prod stage`);
    return placeholder;
  };
  const domain = read('senderDomain', `${stage}.bridge-crm.example.org`);
  const mailto: unknown = app.node.tryGetContext('unsubscribeMailto');
  if (mailto !== undefined && (typeof mailto !== 'string' || !/^[^\s@<>?&]+@[^\s@<>?&]+$/.test(mailto))) {
    throw new Error(`context "unsubscribeMailto" must be an email address, got "${String(mailto)}"`);
  }
  const given: unknown = app.node.tryGetContext('mailFromDomain');
  const mailFromDomain = typeof given === 'string' && given !== '' ? given : `bounce.${domain}`;
  if (!mailFromDomain.endsWith(`.${domain}`)) {
    throw new Error(`context "mailFromDomain" must be a subdomain of ${domain}, got "${mailFromDomain}"`);
  }
  return {
    ...(mailto ? { unsubscribeMailto: mailto } : {}),
    domain,
    mailFromDomain,
    from: read('senderFrom', `Bridge CRM <outreach@${domain}>`),
    organisationName: read('organisationName', 'Example Business Association'),
    organisationAddress: read('organisationAddress', '1 Example Street, Example City'),
  };
}

// Run by the CDK CLI (`npx tsx infra/cdk/app.ts`), not when a test imports this module.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  defineStacks(new App());
}
