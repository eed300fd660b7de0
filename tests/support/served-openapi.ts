/**
 * Writes /openapi.json exactly as the platform function serves it behind API Gateway (its handler fed
 * a real HTTP API v2 event), for `npm run lint:api`: `tsx tests/support/served-openapi.ts <file>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { writeOpenApiDocument } from '../../infra/cdk/openapi-asset.ts';
import { httpApiEvent } from './api-gateway-event.ts';

process.env.TABLE_NAME ??= 'bridge-crm-openapi';
process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const target = process.argv[2];
if (!target) throw new Error('usage: tsx tests/support/served-openapi.ts <output file>');
// The platform function's assets as the build writes them: the document comes from there, not its bundle.
const assets = mkdtempSync(join(tmpdir(), 'bridge-crm-docs-assets-'));
writeOpenApiDocument(join(assets, 'openapi.json'));
process.env.DOCS_ASSETS_DIR = assets;
const { handler } = await import('../../functions/platform-api.ts');
const event = httpApiEvent('GET', '/openapi.json', undefined);
const response = (await handler(
  event as never,
  {
    functionName: 'platform-api',
    awsRequestId: 'openapi-lint',
    getRemainingTimeInMillis: () => 10_000,
  } as unknown as Context,
)) as APIGatewayProxyStructuredResultV2;
if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`);
await mkdir(dirname(target), { recursive: true });
await writeFile(target, response.body ?? '');
rmSync(assets, { recursive: true, force: true });
