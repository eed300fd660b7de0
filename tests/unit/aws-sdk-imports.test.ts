import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/cdk/bundling-options.ts';

/**
 * The Lambda bundles leave `@aws-sdk/*` out (infra/cdk/bundling-options.ts): in AWS every function
 * runs against the SDK the Node.js runtime ships, whose version AWS does not pin and which can be
 * older than the one in package-lock.json that the tests use. So the clients and commands the
 * functions use are pinned here: adding one is a conscious step, taken after checking that the
 * runtime's SDK has it (README, "Lambda bundles"). Type-only imports are not pinned: they do not
 * exist at run time.
 */
const PINNED_SDK_IMPORTS: Record<string, string[]> = {
  '@aws-sdk/client-cognito-identity-provider': [
    'AdminAddUserToGroupCommand',
    'AdminCreateUserCommand',
    'AdminDeleteUserCommand',
    'AdminDisableUserCommand',
    'AdminEnableUserCommand',
    'AdminGetUserCommand',
    'AdminListUserAuthEventsCommand',
    'AdminSetUserPasswordCommand',
    'AdminUserGlobalSignOutCommand',
    // A staff user's TOTP enrolment with their own token (shared/runtime/cognito-totp-enrolment.ts):
    // in the Cognito API since 2018.
    'AssociateSoftwareTokenCommand',
    'CognitoIdentityProviderClient',
    // The console client's secret (shared/runtime/console-edges.ts): in the Cognito API since 2016.
    'DescribeUserPoolClientCommand',
    'InvalidPasswordException',
    // The staff roster checked against the console's groups (shared/runtime/cognito-staff-directory.ts):
    // in the Cognito API since 2016.
    'ListUsersInGroupCommand',
    'SetUserMFAPreferenceCommand',
    'UserNotFoundException',
    'UsernameExistsException',
    'VerifySoftwareTokenCommand',
  ],
  '@aws-sdk/client-dynamodb': ['DynamoDBClient'],
  '@aws-sdk/client-scheduler': [
    'ConflictException',
    'CreateScheduleCommand',
    'DeleteScheduleCommand',
    'ResourceNotFoundException',
    'SchedulerClient',
    'UpdateScheduleCommand',
  ],
  '@aws-sdk/client-sesv2': ['GetAccountCommand', 'SendEmailCommand', 'SESv2Client'],
  '@aws-sdk/client-sqs': [
    'ChangeMessageVisibilityCommand',
    'SendMessageBatchCommand',
    'SendMessageCommand',
    'SQSClient',
  ],
  '@aws-sdk/lib-dynamodb': [
    'BatchGetCommand',
    'BatchWriteCommand',
    'DeleteCommand',
    'DynamoDBDocumentClient',
    'GetCommand',
    'PutCommand',
    'QueryCommand',
    'ScanCommand',
    'TransactWriteCommand',
    'UpdateCommand',
  ],
};

/** What the functions bundle: the entries and everything they can reach. */
const BUNDLED_ROOTS = ['shared', 'functions'];

function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** `import { A, type B } from '@aws-sdk/x'` and `import type { ... }`, over any number of lines. */
const NAMED_IMPORT = /\bimport\s+(type\s+)?\{([^}]*)\}\s*from\s*(['"])(@aws-sdk\/[^'"]+)\3/g;
/**
 * `const { A, B } = await import('@aws-sdk/x')`: a client loaded on first use rather than at cold start
 * (shared/jobs/sqs-job-queue.ts); its names are pinned like a static import's.
 */
const DYNAMIC_IMPORT =
  /\b(?:const|let)\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*(['"])(@aws-sdk\/[^'"]+)\2\s*\)/g;
/** Any mention of an SDK package as a module specifier, however it is imported or required. */
const SDK_SPECIFIER = /(['"])@aws-sdk\/[^'"]+\1/g;
const SDK_INTERNALS = /(['"])@(smithy|aws-crypto)\/[^'"]+\1/g;

interface Scan {
  /** Package → value names imported from it. */
  imports: Map<string, Set<string>>;
  /** SDK specifiers that are not a plain named import (default, namespace, dynamic, require). */
  unparsed: string[];
  /** Imports of the SDK's own building blocks, which only come with the runtime's SDK, unpinned. */
  internals: string[];
}

function scanSdkImports(): Scan {
  const scan: Scan = { imports: new Map(), unparsed: [], internals: [] };
  for (const root of BUNDLED_ROOTS) {
    for (const file of typeScriptFiles(join(REPO_ROOT, root))) {
      const source = readFileSync(file, 'utf8');
      const where = relative(REPO_ROOT, file);
      let parsed = 0;
      for (const [, typeOnly, names, , pkg] of source.matchAll(NAMED_IMPORT)) {
        parsed++;
        if (typeOnly) continue;
        const values = names!
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '' && !name.startsWith('type '));
        const set = scan.imports.get(pkg!) ?? new Set<string>();
        for (const value of values) set.add(value);
        if (set.size > 0) scan.imports.set(pkg!, set);
      }
      for (const [, names, , pkg] of source.matchAll(DYNAMIC_IMPORT)) {
        parsed++;
        const set = scan.imports.get(pkg!) ?? new Set<string>();
        for (const name of names!.split(',').map((n) => n.trim())) if (name !== '') set.add(name);
        if (set.size > 0) scan.imports.set(pkg!, set);
      }
      const mentioned = [...source.matchAll(SDK_SPECIFIER)].length;
      if (mentioned !== parsed) scan.unparsed.push(`${where}: ${mentioned - parsed} other SDK reference(s)`);
      for (const [specifier] of source.matchAll(SDK_INTERNALS)) scan.internals.push(`${where}: ${specifier}`);
    }
  }
  return scan;
}

describe('AWS SDK imports of the bundled code (the runtime provides the SDK)', () => {
  const scan = scanSdkImports();

  it('imports exactly the pinned clients and commands', () => {
    const found = Object.fromEntries(
      [...scan.imports]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([pkg, names]) => [pkg, [...names].sort((a, b) => a.localeCompare(b))]),
    );
    const pinned = Object.fromEntries(
      Object.entries(PINNED_SDK_IMPORTS).map(([pkg, names]) => [
        pkg,
        [...names].sort((a, b) => a.localeCompare(b)),
      ]),
    );
    expect(
      found,
      'a new SDK client or command: check that the Lambda runtime SDK has it, then pin it here',
    ).toEqual(pinned);
  });

  it('imports the SDK only by named (or destructured dynamic) imports, which the pin above sees', () => {
    expect(scan.unparsed).toEqual([]);
  });

  it('never imports @smithy/* or @aws-crypto/* itself, so those come only with the SDK', () => {
    expect(scan.internals).toEqual([]);
  });
});
