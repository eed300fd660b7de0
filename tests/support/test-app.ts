import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inject } from 'vitest';
import { createDevSecrets, type DevSecrets } from '../../infra/local/dev-secrets.ts';
import { createLocalApp, type LocalApp } from '../../infra/local/local-app.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import type { Role } from '../../shared/identity/principal.ts';
import { createTestTable } from './test-table.ts';

export interface TestApp extends LocalApp {
  secrets: DevSecrets;
  /** This app's own outbox folder (a fresh temporary one). */
  outboxDir: string;
  token: (role: Role, memberId?: string) => Promise<string>;
  /** `app.request` with a bearer token and a JSON body. */
  call: (
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Response>;
  drop: () => Promise<void>;
}

/** Where the test app's emails say its public routes are (it answers `app.request`, on no port). */
export const testPublicBaseUrl = 'http://crm.test';

/** The real app (routes, repositories, auth) on its own DynamoDB Local table, without an HTTP server. */
export async function createTestApp(options: { clock?: () => Date } = {}): Promise<TestApp> {
  const table = await createTestTable();
  const secrets = await createDevSecrets();
  const outboxDir = await mkdtemp(join(tmpdir(), 'bridge-crm-outbox-'));
  const local = await createLocalApp({
    endpoint: inject('dynamoEndpoint'),
    tableName: table.tableName,
    secrets,
    outboxDir,
    usersFile: join(outboxDir, '..', `${basename(outboxDir)}-users.json`),
    publicBaseUrl: testPublicBaseUrl,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const token = (role: Role, memberId?: string) =>
    signLocalToken(secrets.privateJwk, { role, ...(memberId ? { memberId } : {}) });
  return {
    ...local,
    secrets,
    outboxDir,
    token,
    drop: table.drop,
    call: (method, path, { token: bearer, body, headers = {} } = {}) =>
      Promise.resolve(
        local.app.request(path, {
          method,
          headers: {
            ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        }),
      ),
  };
}
