import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { keptUntilFailure } from '../concurrency/kept-until-failure.ts';
import type { AssetName } from '../console/assets/asset-catalog.ts';
import { type AssetSource, ConsoleAssets } from '../console/assets/console-assets.ts';
import type { ConsoleEdges } from '../console/console-deps.ts';
import { CognitoSignIn } from '../console/session/cognito-sign-in.ts';
import type { AppDeps } from '../http/app-env.ts';
import { requiredEnv } from './environment.ts';
import { requestWithoutUndici } from './http-without-undici.ts';

/** The files' hashed names as JSON, as the build defines them in a bundle (infra/cdk/bundling-options.ts). */
declare const BRIDGE_CONSOLE_ASSET_FILE_NAMES: string | undefined;

/** The console's files as the build copies them, flat, beside the function's bundle (`<dir>/<name>`). */
export const directoryAssetSource =
  (dir: string): AssetSource =>
  (name) =>
    readFile(join(dir, name));

/**
 * The console client's secret, read from Cognito (DescribeUserPoolClient) the first time it is needed
 * and kept for the life of the execution environment: it is never in the function's environment, its
 * configuration or its logs. A failed read is tried again by the next caller.
 */
export function cognitoClientSecret(
  userPoolId: string,
  clientId: string,
  client?: CognitoIdentityProviderClient,
): () => Promise<string> {
  return keptUntilFailure(async () => {
    const { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    const cognito = client ?? new CognitoIdentityProviderClient({});
    const described = await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
    );
    const value = described.UserPoolClient?.ClientSecret;
    if (!value)
      throw new Error(`The app client ${clientId} has no secret: the console needs a confidential client.`);
    return value;
  });
}

/** What only the console's shell serves: second factors' enrolment, the staff roster's check. */
export type ShellEdges = (userPoolId: string) => Pick<ConsoleEdges, 'totp' | 'staffDirectory'>;

/**
 * The console's edges in AWS, where the function has the console's variables (the console functions
 * only): Cognito's managed login on the pool's domain, and the assets the build copied beside the
 * bundle (`CONSOLE_ASSETS_DIR`); the shell's own (`shell`) only where given, so that the sections'
 * functions do not bundle them.
 */
export function consoleEdgesFromEnvironment(shell?: ShellEdges): ConsoleEdges | undefined {
  const env = process.env;
  if (!env.CONSOLE_ASSETS_DIR) return undefined;
  const userPoolId = requiredEnv('USER_POOL_ID');
  const clientId = requiredEnv('CONSOLE_CLIENT_ID');
  return {
    signIn: new CognitoSignIn({
      domainUrl: requiredEnv('CONSOLE_DOMAIN_URL'),
      userPoolId,
      clientId,
      clientSecret: cognitoClientSecret(userPoolId, clientId),
      request: requestWithoutUndici,
    }),
    assets: new ConsoleAssets(
      directoryAssetSource(env.CONSOLE_ASSETS_DIR),
      typeof BRIDGE_CONSOLE_ASSET_FILE_NAMES === 'string'
        ? (JSON.parse(BRIDGE_CONSOLE_ASSET_FILE_NAMES) as Record<AssetName, string>)
        : undefined,
    ),
    callbackUrl: requiredEnv('CONSOLE_CALLBACK_URL'),
    ...shell?.(userPoolId),
  };
}

/**
 * The staff console's edges, from the console function's variables (only it imports this module, so no API bundle carries
 * the console's code), and
 * its schedule runs: `SCHEDULE_IN_REQUEST_UP_TO=0` sends every one to the events worker, so the
 * console's function needs neither HiGHS nor the scheduler's vCPU.
 */
export function consoleFromEnvironment(shell?: ShellEdges): Partial<AppDeps> {
  const edges = consoleEdgesFromEnvironment(shell);
  const inRequest = process.env.SCHEDULE_IN_REQUEST_UP_TO;
  return {
    ...(edges ? { console: edges } : {}),
    ...(inRequest ? { scheduleInRequestUpTo: Number(inRequest) } : {}),
  };
}
