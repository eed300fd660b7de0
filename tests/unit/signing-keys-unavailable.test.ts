import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryApi } from '../../shared/http/contexts/directory-api.ts';
import { createLambdaApp } from '../../shared/runtime/lambda-app.ts';
import { cognitoClaims } from '../support/api-gateway-event.ts';

/** A port nothing listens on: where the secrets extension would be if it were down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const saved = { ...process.env };
beforeAll(async () => {
  process.env.TABLE_NAME = 'unused';
  process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
  process.env.SIGNING_SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:signing-AbCdEf';
  process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String(await closedPort());
  delete process.env.SIGNING_SECRET;
});
afterAll(() => {
  process.env = saved;
});

describe('the signing keys cannot be fetched', () => {
  it('answers a request that needs them with a 503 problem and Retry-After, not a 500', async () => {
    const app = createLambdaApp([directoryApi], { claims: async () => cognitoClaims('staff') });
    const response = await app.request('/v1/members?cursor=eyJzIjoiYSJ9.c2ln');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({
      status: 503,
      detail: 'The signing keys cannot be read right now; try again shortly.',
    });
  });
});
