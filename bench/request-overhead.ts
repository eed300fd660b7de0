import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { memberKey, memberPartition } from '../shared/data/keys.ts';
import type { BenchEnv } from './local-env.ts';

/**
 * `GET /v1/members/{id}` through the local server (HTTP on loopback), the same request handed to the
 * Hono app in process (no HTTP), a bare GetItem of the member's profile item on the app's own
 * document client, and a bare Query of the member's partition (what the route reads: profile and
 * contacts): interleaved request by request, rotating the order, so all four share the noise.
 */
export interface OverheadResult {
  samples: Map<string, number[]>;
  /** DynamoDB calls the app made per HTTP or in-process request (the bare calls excluded). */
  callsPerRequest: number;
}

export const HTTP = 'GET /v1/members/{id} over HTTP';
export const IN_PROCESS = 'same, app.request() in process';
export const BARE = 'bare GetItem, same client';
export const BARE_QUERY = 'bare Query of its partition';

export async function measureRequestOverhead(
  env: BenchEnv,
  memberIds: string[],
  options: { warmup: number; requests: number },
): Promise<OverheadResult> {
  const headers = { authorization: `Bearer ${env.staffToken}` };
  const { doc } = env.local.db;
  const runs: Record<string, (id: string) => Promise<void>> = {
    [HTTP]: async (id) => {
      const response = await fetch(`${env.baseUrl}/v1/members/${id}`, { headers });
      await response.text();
      if (response.status !== 200) throw new Error(`GET member over HTTP: ${response.status}`);
    },
    [IN_PROCESS]: async (id) => {
      const response = await env.local.app.request(`/v1/members/${id}`, { headers });
      await response.text();
      if (response.status !== 200) throw new Error(`GET member in process: ${response.status}`);
    },
    [BARE]: async (id) => {
      const result = await doc.send(new GetCommand({ TableName: env.tableName, Key: memberKey(id) }));
      if (!result.Item) throw new Error('bare GetItem found nothing');
    },
    [BARE_QUERY]: async (id) => {
      const result = await doc.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': memberPartition(id) },
        }),
      );
      if (!result.Items?.length) throw new Error('bare Query found nothing');
    },
  };
  const names = Object.keys(runs);
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  let appCalls = 0;
  for (let i = -options.warmup; i < options.requests; i++) {
    const id = memberIds[(i + options.warmup) % memberIds.length]!;
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + i + options.warmup) % names.length]!;
      const started = performance.now();
      const { calls } = await env.probe.record(() => runs[name]!(id));
      const elapsed = performance.now() - started;
      if (i < 0) continue;
      samples.get(name)!.push(elapsed);
      if (name === HTTP || name === IN_PROCESS) appCalls += calls.length;
    }
  }
  return { samples, callsPerRequest: appCalls / (2 * options.requests) };
}
