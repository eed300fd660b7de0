/**
 * Writes /openapi.json exactly as the platform function serves it behind API Gateway (its handler fed
 * a real HTTP API v2 event), for `npm run lint:api`: `tsx tests/support/served-openapi.ts <file>`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { httpApiEvent } from './api-gateway-event.ts';

process.env.TABLE_NAME ??= 'bridge-crm-openapi';
process.env.POWERTOOLS_DEV = 'true';
process.env.POWERTOOLS_TRACE_DISABLED = 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const target = process.argv[2];
if (!target) throw new Error('usage: tsx tests/support/served-openapi.ts <output file>');
const { handler } = await import('../../functions/platform-api.ts');
const event = { ...httpApiEvent('GET', '/openapi.json', undefined), routeKey: 'GET /openapi.json' };
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
