import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { memberKey, memberPartition } from '../shared/data/keys.ts';
import { directoryApi } from '../shared/http/contexts/directory-api.ts';
import { createLambdaApp } from '../shared/runtime/lambda-app.ts';
import { httpApiEvent, staffClaims } from '../tests/support/api-gateway-event.ts';
import type { BenchEnv } from './local-env.ts';

/**
 * `GET /v1/members/{id}` through the local server (HTTP on loopback, the dev token verified on each
 * request), the same request handed in process (no HTTP) to the app as the directory function builds
 * it (claims from API Gateway's authorizer, as in AWS: no token check in the function), a bare GetItem
 * of the member's profile item on the app's own document client, and a bare Query of the member's
 * partition (what the route reads: profile and contacts): interleaved request by request, rotating
 * the order, so all four share the noise.
 */
export interface OverheadResult {
  samples: Map<string, number[]>;
  /** DynamoDB calls the app made per HTTP or in-process request (the bare calls excluded). */
  callsPerRequest: number;
}

export const HTTP = 'GET /v1/members/{id} over HTTP';
export const IN_PROCESS = 'same, app.request() in process (directory function, authorizer claims)';
export const BARE = 'bare GetItem, same client';
export const BARE_QUERY = 'bare Query of its partition';

export async function measureRequestOverhead(
  env: BenchEnv,
  memberIds: string[],
  options: { warmup: number; requests: number },
): Promise<OverheadResult> {
  const headers = { authorization: `Bearer ${env.staffToken}` };
  const { doc } = env.local.db;
  // The local server's edges (DynamoDB Local, dev keys) but not its token check: claims come from the event.
  const { claims: _verifiesTokens, ...edges } = env.local.deps;
  const lambdaApp = createLambdaApp([directoryApi], edges);
  // Built before timing: the helper matches the route as API Gateway would, which is not the app's work.
  const events = new Map(
    memberIds.map((id) => [id, httpApiEvent('GET', `/v1/members/${id}`, staffClaims)] as const),
  );
  const runs: Record<string, (id: string) => Promise<void>> = {
    [HTTP]: async (id) => {
      const response = await fetch(`${env.baseUrl}/v1/members/${id}`, { headers });
      await response.text();
      if (response.status !== 200) throw new Error(`GET member over HTTP: ${response.status}`);
    },
    [IN_PROCESS]: async (id) => {
      const path = `/v1/members/${id}`;
      const response = await lambdaApp.request(path, undefined, { event: events.get(id)! });
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
