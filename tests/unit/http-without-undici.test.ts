import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestWithoutUndici } from '../../shared/runtime/http-without-undici.ts';

let server: Server;
let base: string;
const seen: { method?: string; url?: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2000);
      response.writeHead(request.url === '/missing' ? 404 : 200).end('Привет, Việt Nam');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('requestWithoutUndici', () => {
  it('sends the method, headers and body, and answers the status and the text', async () => {
    const answer = await requestWithoutUndici(`${base}/token?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic YTpi' },
      body: 'grant_type=refresh_token&refresh_token=r%201',
    });
    expect(answer).toEqual({ status: 200, text: 'Привет, Việt Nam' });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/token?x=1',
      headers: { authorization: 'Basic YTpi', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=r%201',
    });
    expect(seen.at(-1)!.headers['content-length']).toBe('44');
    expect(seen.at(-1)!.headers['transfer-encoding']).toBeUndefined();
  });

  it('answers a 4xx as a status, not an error', async () => {
    expect((await requestWithoutUndici(`${base}/missing`)).status).toBe(404);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', body: '' });
  });

  it('gives up at its timeout, and fails on a refused connection', async () => {
    await expect(requestWithoutUndici(`${base}/slow`, { timeoutMs: 50 })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect(requestWithoutUndici('http://127.0.0.1:1/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('loads no undici in a fresh process, over http or https', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const module = new URL('../../shared/runtime/http-without-undici.ts', import.meta.url).href;
    const script = `
      const { requestWithoutUndici } = await import(${JSON.stringify(module)});
      const plain = await requestWithoutUndici(${JSON.stringify(`${base}/`)});
      const secure = await requestWithoutUndici('https://127.0.0.1:1/').catch((error) => error.code);
      process.stdout.write(JSON.stringify({
        plain: plain.status,
        secure,
        undici: process.moduleLoadList.filter((m) => m.includes('undici')),
      }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(stdout)).toEqual({ plain: 200, secure: 'ECONNREFUSED', undici: [] });
  });
});
