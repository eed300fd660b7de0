import { describe, expect, it } from 'vitest';
import { appOnMockedDynamo } from '../support/mocked-app.ts';

const { app } = appOnMockedDynamo('headers');

describe('headers on every response', () => {
  it('sends nosniff on pages, documents, problems and unknown paths alike', async () => {
    for (const path of ['/docs', '/docs/init.js', '/openapi.json', '/v1/members/not-an-id', '/nowhere']) {
      const response = await app.request(path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('keeps every /v1 response out of caches, and only those', async () => {
    expect((await app.request('/v1/members/not-an-id')).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/openapi.json')).headers.get('cache-control')).toBeNull();
  });

  it('lets the docs page load only its own files, and keeps the token out of localStorage', async () => {
    const csp = (await app.request('/docs')).headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(await (await app.request('/docs/init.js')).text()).toContain('persistAuthorization: false');
  });
});

describe('the served OpenAPI document', () => {
  it('names the origin it was fetched from as its server, and a contact', async () => {
    const doc = (await (await app.request('https://crm.example.org/openapi.json')).json()) as {
      servers: { url: string }[];
      info: { contact?: { name: string } };
    };
    expect(doc.servers).toEqual([{ url: 'https://crm.example.org', 'x-internal': false }]);
    expect(doc.info.contact?.name).toBeTruthy();
  });
});
