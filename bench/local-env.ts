import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { createTableIfMissing } from '../infra/local/create-table.ts';
import { createDevSecrets, type DevSecrets } from '../infra/local/dev-secrets.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { createLocalApp, type LocalApp } from '../infra/local/local-app.ts';
import { seedDatabase } from '../infra/local/seed/seed-database.ts';
import { signLocalToken } from '../shared/identity/local-jwt.ts';
import { DynamoProbe } from './ddb-probe.ts';

export const BENCH_SEED = { seed: 20_260_115, now: new Date('2026-01-15T09:00:00.000Z') };

export interface BenchEnv {
  dynamo: DynamoDbLocal;
  tableName: string;
  local: LocalApp;
  probe: DynamoProbe;
  secrets: DevSecrets;
  /** `http://127.0.0.1:<port>` of the local server. */
  baseUrl: string;
  staffToken: string;
  seeded: { members: number; items: number; ms: number };
  /** Closes the server, the clients and DynamoDB Local; safe to call twice. */
  stop(): Promise<void>;
}

/** DynamoDB Local in memory, started before the bundling so the JVM warms up meanwhile. */
export function startDynamo(): Promise<DynamoDbLocal> {
  return startDynamoDbLocal({});
}

/** The table, the seed, the local app on a free port, and a staff token: the server `npm start` runs. */
export async function startBenchEnv(dynamo: DynamoDbLocal, memberCount: number): Promise<BenchEnv> {
  const tableName = `bench-${Date.now()}`;
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let server: ReturnType<typeof serve> | undefined;
  let local: LocalApp | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (server) {
        const http = server as unknown as { closeAllConnections?: () => void };
        await new Promise<void>((done) => {
          server!.close(() => done());
          http.closeAllConnections?.();
        });
      }
      local?.db.doc.destroy();
      admin.destroy();
      await dynamo.stop();
    })();
    return stopped;
  };
  try {
    await createTableIfMissing(admin, tableName);
    const secrets = await createDevSecrets();
    local = await createLocalApp({
      endpoint: dynamo.endpoint,
      tableName,
      secrets,
      outboxDir: mkdtempSync(join(tmpdir(), 'bridge-crm-bench-outbox-')),
      // The bench sends no campaign; its links would point at no server.
      publicBaseUrl: 'http://127.0.0.1',
    });
    const probe = new DynamoProbe(local.db.doc);
    const seedStarted = performance.now();
    const seeded = await seedDatabase(local.db, { ...BENCH_SEED, count: memberCount });
    const seedMs = Math.round(performance.now() - seedStarted);
    const app = local.app;
    const port = await new Promise<number>((done) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        done(info.port),
      );
    });
    const staffToken = await signLocalToken(secrets.privateJwk, { role: 'staff' });
    return {
      dynamo,
      tableName,
      local,
      probe,
      secrets,
      baseUrl: `http://127.0.0.1:${port}`,
      staffToken,
      seeded: { ...seeded, ms: seedMs },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
