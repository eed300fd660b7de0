/**
 * Every console function as the construct bundles it, against the same function run from the source,
 * on a seeded association: each section's pages with a staff session, and forms refused with their
 * messages. In a bundle the schemas wrapped in `onFirstUse` are stand-ins built on first use
 * (shared/domain/schema-on-first-use.ts); from the source they are built at import. The answers must
 * not differ: same status, same page (but the CSP nonce, which is fresh on every response).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundleEntry, makeBundleWorkDir } from '../../bench/bundle.ts';
import { CONSOLE_FUNCTION_PROPS } from '../../infra/cdk/stateless-stack.ts';
import { seedDatabase } from '../../infra/local/seed/seed-database.ts';
import { assetNames } from '../../shared/console/assets/asset-catalog.ts';
import { catalogedAssetPath } from '../../shared/console/assets/checkout-asset-source.ts';
import { SessionRepository } from '../../shared/console/session/session-repository.ts';
import { campaignsPartition, eventsPartition, partnerListPartition } from '../../shared/data/keys.ts';
import { queryPage } from '../../shared/data/query-all.ts';
import { httpApiEvent } from '../support/api-gateway-event.ts';
import { createTestTable } from '../support/test-table.ts';

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyResultV2>;
type Answer = { statusCode: number; headers: Record<string, string>; body: string };

const context = {
  functionName: 'console',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;
const host = 'console.example.org';

let drop: () => Promise<void>;
let bundleDir: string;
let cookie: string;
const handlers = new Map<string, { source: Handler; bundle: Handler }>();
const ids = { member: '', partner: '', lead: '', campaign: '', event: '' };

beforeAll(async () => {
  bundleDir = makeBundleWorkDir();
  // The console's files flat in one directory, as each function ships them.
  const assetsDir = join(bundleDir, 'console-assets');
  mkdirSync(assetsDir);
  for (const name of assetNames) copyFileSync(catalogedAssetPath(name), join(assetsDir, name));
  const table = await createTestTable();
  drop = table.drop;
  const now = new Date();
  await seedDatabase(table.db, { seed: 11, count: 20, now });
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    SIGNING_SECRET: 'test-signing-secret',
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    CONSOLE_ASSETS_DIR: assetsDir,
    // No page here reaches Cognito.
    USER_POOL_ID: 'eu-central-1_Example',
    CONSOLE_CLIENT_ID: 'console-client-id',
    CONSOLE_DOMAIN_URL: 'https://bridge-crm-test.auth.eu-central-1.amazoncognito.com',
    CONSOLE_CALLBACK_URL: `https://${host}/console/callback`,
  });
  const session = await new SessionRepository(table.db, () => new Date()).create({
    sub: 'bundle-test-staff',
    role: 'staff',
    name: 'Bundle Test',
    locale: 'ru',
    shortcuts: true,
    timeZone: 'Europe/Moscow',
  });
  cookie = `__Host-bridge-session=${session.id}`;
  const first = async (gsi1pk: string) => {
    const { items } = await queryPage(table.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      Limit: 1,
    });
    return (
      (items[0] as { summary?: { id: string }; id: string }).summary?.id ?? (items[0] as { id: string }).id
    );
  };
  ids.member = await first('DIR#ALL#members');
  ids.partner = await first(partnerListPartition('all', 'partners'));
  ids.lead = await first('LEADS#STAGE#new');
  ids.campaign = await first(campaignsPartition);
  ids.event = await first(eventsPartition);

  for (const { entry, serviceName } of Object.values(CONSOLE_FUNCTION_PROPS)) {
    const source = ((await import(`../../${entry}`)) as { handler: Handler }).handler;
    const bundle = await bundleEntry(entry, join(bundleDir, serviceName));
    const bundled = ((await import(pathToFileURL(bundle.file).href)) as { handler: Handler }).handler;
    handlers.set(serviceName, { source, bundle: bundled });
  }
}, 120_000);
afterAll(async () => {
  await drop?.();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

function event(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
  const [rawPath, rawQueryString = ''] = path.split('?');
  const base = httpApiEvent(method, rawPath!, undefined);
  return {
    ...base,
    rawQueryString,
    cookies: [cookie],
    headers: {
      ...base.headers,
      host,
      ...(form ? { origin: `https://${host}`, 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    requestContext: { ...base.requestContext, domainName: host },
    ...(form ? { body: new URLSearchParams(form).toString(), isBase64Encoded: false } : {}),
  };
}

/** The answer without what differs between any two responses: the CSP nonce. */
function comparable(answer: APIGatewayProxyResultV2): { status: number; body: string } {
  const { statusCode, body, isBase64Encoded } = answer as Answer & { isBase64Encoded?: boolean };
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { status: statusCode, body: text.replace(/nonce="[^"]*"/g, 'nonce=""') };
}

describe('each console function bundled, beside its source', () => {
  // Each function's pages; `{…}` is filled with a seeded record's id.
  const pages: [string, string][] = [
    ['console-members', '/console/members'],
    ['console-members', '/console/members?sector=industrial-water-treatment&status=active'],
    ['console-member-import', '/console/members/import'],
    ['console-member-record', '/console/members/{member}'],
    ['console-member-edit', '/console/members/{member}/profile'],
    ['console-member-edit', '/console/members/{member}/contacts/new'],
    ['console-partners', '/console/partners'],
    ['console-partners', '/console/partners?q=vi'],
    ['console-partners', '/console/partners/{partner}'],
    ['console-leads', '/console/leads'],
    ['console-leads', '/console/leads/{lead}'],
    ['console-campaigns', '/console/campaigns'],
    ['console-campaigns', '/console/campaigns/{campaign}'],
    ['console-events', '/console/events'],
    ['console-events', '/console/events/{event}'],
    ['console-event-meetings', '/console/events/{event}/schedule'],
    ['console-event-meetings', '/console/events/{event}/outcomes'],
    ['console-reports', '/console/reports'],
    ['console', '/console/settings'],
  ];
  it.each(pages)('%s answers GET %s as its source does', async (fn, pattern) => {
    const path = pattern.replace(/\{(\w+)\}/, (_, name: keyof typeof ids) => ids[name]);
    const { source, bundle } = handlers.get(fn)!;
    const fromSource = comparable(await source(event('GET', path), context));
    const fromBundle = comparable(await bundle(event('GET', path), context));
    expect(fromSource.status, fromSource.body.slice(0, 500)).toBe(200);
    expect(fromBundle).toEqual(fromSource);
  });

  it('refuses an invalid edit with the same messages, and changes nothing', async () => {
    const { source, bundle } = handlers.get('console-member-record')!;
    const path = `/console/members/${ids.member}/profile`;
    const form = { version: '1', name: '', country: 'XX', website: 'not a url', taxId: '1' };
    const fromSource = comparable(await source(event('POST', path, form), context));
    const fromBundle = comparable(await bundle(event('POST', path, form), context));
    expect(fromSource.status).toBeGreaterThanOrEqual(400);
    expect(fromBundle).toEqual(fromSource);
    const page = comparable(await bundle(event('GET', `/console/members/${ids.member}`), context));
    expect(page.body).not.toContain('not a url');
  });
});
