import { generateDemoMembers } from '../infra/local/seed/demo-members.ts';
import { searchKeys } from '../shared/domain/name-search.ts';
import { withInnCheckDigits } from '../shared/domain/tax-id.ts';
import { signLocalToken } from '../shared/identity/local-jwt.ts';
import { type DynamoCall, minimumReadUnits } from './ddb-probe.ts';
import { BENCH_SEED, type BenchEnv } from './local-env.ts';

/**
 * Each access pattern the API serves, issued as the HTTP request a client sends, with every DynamoDB
 * call the request made recorded by the probe (`ReturnConsumedCapacity: TOTAL`). Read amplification
 * is what DynamoDB billed over the least it could bill for the bytes it returned.
 */
export interface RouteMeasurement {
  name: string;
  route: string;
  status: number;
  calls: DynamoCall[];
  /** Read units DynamoDB reported for the read calls. */
  readUnits: number;
  /** Σ per read call of max(0.5, 0.5 × started 4 KB of returned items). */
  minimumReadUnits: number;
  /** Write units reported for the write calls (transactions included). */
  writeUnits: number;
  /** The least AWS bills for the same writes (see DynamoCall.writeUnitsFloor). */
  writeUnitsFloor: number;
  items: number;
  bytes: number;
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems']);

function summarise(name: string, route: string, status: number, calls: DynamoCall[]): RouteMeasurement {
  const reads = calls.filter((c) => READS.has(c.command));
  const writes = calls.filter((c) => !READS.has(c.command));
  return {
    name,
    route,
    status,
    calls,
    readUnits: reads.reduce((sum, c) => sum + (c.capacity ?? Number.NaN), 0),
    minimumReadUnits: reads.reduce((sum, c) => sum + minimumReadUnits(c.bytes), 0),
    writeUnits: writes.reduce((sum, c) => sum + (c.capacity ?? Number.NaN), 0),
    writeUnitsFloor: writes.reduce((sum, c) => sum + c.writeUnitsFloor, 0),
    items: reads.reduce((sum, c) => sum + c.items, 0),
    bytes: reads.reduce((sum, c) => sum + c.bytes, 0),
  };
}

/** The most frequent value, so each filter reads a full page. */
function mostCommon(values: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

export interface ReadCostResult {
  patterns: RouteMeasurement[];
  routes: RouteMeasurement[];
  facets: Record<string, string>;
}

export async function measureReadCost(env: BenchEnv, memberCount: number): Promise<ReadCostResult> {
  const staff = { authorization: `Bearer ${env.staffToken}` };
  const request = async (
    name: string,
    route: string,
    path: string,
    init: RequestInit = {},
  ): Promise<RouteMeasurement> => {
    const { result, calls } = await env.probe.record(async () => {
      const response = await fetch(`${env.baseUrl}${path}`, {
        ...init,
        headers: { ...staff, ...(init.headers as Record<string, string> | undefined) },
      });
      return { status: response.status, body: await response.text() };
    });
    if (result.status >= 400)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${result.status} ${result.body}`);
    return summarise(name, route, result.status, calls);
  };

  // Filter values: the commonest of each facet in the seeded directory (same seed, same members).
  const inputs = generateDemoMembers({ ...BENCH_SEED, count: memberCount });
  const firstPage = (await (
    await fetch(`${env.baseUrl}/v1/members?limit=100`, { headers: staff })
  ).json()) as {
    items: { id: string; tier?: string }[];
  };
  const facets = {
    tier: mostCommon(firstPage.items.flatMap((m) => (m.tier ? [m.tier] : []))),
    sector: mostCommon(inputs.flatMap((m) => m.sectors)),
    region: mostCommon(inputs.flatMap((m) => (m.region ? [m.region] : []))),
    country: mostCommon(inputs.map((m) => m.country)),
    status: 'active',
    interest: mostCommon(inputs.flatMap((m) => m.interests ?? [])),
    // A three-letter prefix many names share, so the search reads a full page.
    q: mostCommon(inputs.flatMap((m) => [...new Set(searchKeys(m.name).map((k) => k.slice(0, 3)))])),
  };
  const memberId = firstPage.items[0]!.id;
  const list = 'GET /v1/members';
  const patterns: RouteMeasurement[] = [];
  const enc = encodeURIComponent;
  patterns.push(await request('list all (page of 25)', list, '/v1/members'));
  patterns.push(await request('list all (page of 100)', list, '/v1/members?limit=100'));
  for (const facet of ['tier', 'sector', 'region', 'country', 'status', 'interest'] as const) {
    patterns.push(
      await request(`${facet}=${facets[facet]}`, list, `/v1/members?${facet}=${enc(facets[facet])}`),
    );
  }
  patterns.push(
    await request(
      `country=${facets.country}&status=active`,
      list,
      `/v1/members?country=${enc(facets.country)}&status=active`,
    ),
  );
  patterns.push(
    await request(
      `sector=${facets.sector}&status=active`,
      list,
      `/v1/members?sector=${enc(facets.sector)}&status=active`,
    ),
  );
  // A combination reads its narrowest facet's list and checks the rest: the one pattern read on purpose
  // beyond what it returns.
  patterns.push(
    await request(
      `sector=${facets.sector}&country=${facets.country}&tier=${facets.tier} (combined)`,
      list,
      `/v1/members?sector=${enc(facets.sector)}&country=${enc(facets.country)}&tier=${enc(facets.tier)}`,
    ),
  );
  const search = await request(
    `name search q=${facets.q}`,
    'GET /v1/members?q=',
    `/v1/members?q=${enc(facets.q)}`,
  );
  patterns.push(search);
  const getMember = await request(
    'member by id (its partition)',
    'GET /v1/members/{id}',
    `/v1/members/${memberId}`,
  );
  patterns.push(getMember);
  const history = await request(
    'history, newest first',
    'GET /v1/members/{id}/history',
    `/v1/members/${memberId}/history`,
  );
  patterns.push(history);
  const memberToken = await signLocalToken(env.secrets.privateJwk, { role: 'member', memberId });
  const me = await request('own member (member token)', 'GET /v1/me', '/v1/me', {
    headers: { authorization: `Bearer ${memberToken}` },
  });
  patterns.push(me);

  // Writes: DynamoDB calls per request, and what they billed.
  const current = await env.local.app.request(`/v1/members/${memberId}`, { headers: staff });
  const etag = current.headers.get('etag') ?? '';
  const patch = await request(
    'PATCH member (description)',
    'PATCH /v1/members/{id}',
    `/v1/members/${memberId}`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag },
      body: JSON.stringify({ description: `Bench run ${new Date().toISOString()}` }),
    },
  );
  const stamp = Date.now() % 100_000_000;
  const post = await request('POST member (1 contact)', 'POST /v1/members', '/v1/members', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `ООО «Бенчмарк ${stamp}»`,
      country: 'RU',
      region: 'RU-MOW',
      taxId: withInnCheckDigits(String(900_000_000 + stamp)),
      sectors: [facets.sector],
      interests: [facets.interest],
      contacts: [
        {
          name: 'Ирина Соколова',
          email: `bench-${stamp}@bench.example`,
          language: 'ru',
          consent: { news: true },
        },
      ],
    }),
  });
  const routes = [getMember, patterns[0]!, search, history, me, patch, post];
  return { patterns, routes, facets };
}

/** `Query×1 + TransactWriteItems×1 (14 items)`, in call order. */
export function callsByOperation(calls: DynamoCall[]): string {
  const counts = new Map<string, { calls: number; writeItems: number }>();
  for (const call of calls) {
    const entry = counts.get(call.command) ?? { calls: 0, writeItems: 0 };
    entry.calls += 1;
    entry.writeItems += call.writeItems;
    counts.set(call.command, entry);
  }
  return (
    [...counts]
      .map(([command, n]) => `${command}×${n.calls}${n.writeItems > 1 ? ` (${n.writeItems} items)` : ''}`)
      .join(' + ') || '-'
  );
}
