import { describe, expect, it } from 'vitest';
import * as light from '../../infra/cdk/fetch-without-undici.ts';

/**
 * The Lambda bundles' Headers, Request and Response (esbuild `inject`) against Node's own, case by
 * case: each case runs on both and must give the same observable result, or throw the same kind of
 * error. The bundled handler itself is exercised in tests/integration/lambda-handler.test.ts.
 */
interface Classes {
  Headers: typeof globalThis.Headers;
  Request: typeof globalThis.Request;
  Response: typeof globalThis.Response;
}

const node: Classes = {
  Headers: globalThis.Headers,
  Request: globalThis.Request,
  Response: globalThis.Response,
};
const ours = light as unknown as Classes;

/** What a case gives: its value, or the name of the error it throws (sync or async). */
async function outcome(run: (classes: Classes) => unknown, classes: Classes): Promise<unknown> {
  try {
    return await run(classes);
  } catch (error) {
    return { threw: (error as Error).name };
  }
}

const entries = (headers: Headers) => [...headers];

const cases: Record<string, (c: Classes) => unknown> = {
  'headers from a record, combined and sorted': ({ Headers }) =>
    entries(new Headers({ 'X-B': 'two', 'x-a': ' one ', 'Content-Type': 'text/csv' })),
  'headers from pairs with repeats': ({ Headers }) => {
    const headers = new Headers([
      ['Accept', 'a'],
      ['accept', 'b'],
      ['Set-Cookie', 'x=1'],
      ['set-cookie', 'y=2'],
    ]);
    return {
      accept: headers.get('ACCEPT'),
      cookie: headers.get('set-cookie'),
      cookies: headers.getSetCookie(),
      all: entries(headers),
      keys: [...headers.keys()],
      values: [...headers.values()],
    };
  },
  'headers copied from headers': ({ Headers }) => {
    const first = new Headers({ a: '1' });
    first.append('set-cookie', 'x=1');
    first.append('set-cookie', 'y=2');
    const copy = new Headers(first);
    copy.set('a', '2');
    return { first: entries(first), copy: entries(copy) };
  },
  'set, has, delete and forEach': ({ Headers }) => {
    const headers = new Headers();
    headers.set('ETag', '"1"');
    headers.append('Vary', 'Origin');
    headers.append('vary', 'Accept');
    headers.delete('ETAG');
    const seen: string[] = [];
    headers.forEach((value, name) => {
      seen.push(`${name}=${value}`);
    });
    return { has: headers.has('etag'), missing: headers.get('etag'), seen };
  },
  'an invalid header name': ({ Headers }) => new Headers({ 'bad name': 'x' }),
  'a header value with a line break': ({ Headers }) => new Headers().set('x', 'a\nb'),
  'a pair that is not a pair': ({ Headers }) =>
    new Headers([['a', 'b', 'c']] as unknown as [string, string][]),

  'a text response': async ({ Response }) => {
    const res = new Response('héllo');
    return { type: res.headers.get('content-type'), status: res.status, ok: res.ok, text: await res.text() };
  },
  'a JSON response with status and headers': async ({ Response }) => {
    const res = new Response('{"a":1}', {
      status: 201,
      statusText: 'Created',
      headers: { 'content-type': 'application/problem+json', etag: '"2"' },
    });
    return {
      status: res.status,
      statusText: res.statusText,
      headers: entries(res.headers),
      json: await res.json(),
    };
  },
  'a String object body (as hono/html answers)': async ({ Response }) => {
    const res = new Response(new String('<p>ok</p>') as unknown as string);
    return { type: res.headers.get('content-type'), text: await res.text() };
  },
  'an empty 204': async ({ Response }) => {
    const res = new Response(null, { status: 204 });
    return { body: res.body, text: await res.text(), used: res.bodyUsed };
  },
  'a 204 with a body': ({ Response }) => new Response('x', { status: 204 }),
  'a status out of range': ({ Response }) => new Response('x', { status: 600 }),
  'bytes in, bytes out, no content type': async ({ Response }) => {
    const res = new Response(new Uint8Array([0, 1, 2, 250]));
    return {
      type: res.headers.get('content-type'),
      bytes: [...new Uint8Array(await res.arrayBuffer())],
    };
  },
  'an ArrayBuffer body': async ({ Response }) => [
    ...new Uint8Array(await new Response(new Uint8Array([7, 8]).buffer).arrayBuffer()),
  ],
  'a response re-made from its own body and init (as Hono does)': async ({ Response }) => {
    const first = new Response('{"b":2}', { status: 202, headers: { 'content-type': 'application/json' } });
    const second = new Response(first.body, first);
    second.headers.set('cache-control', 'no-store');
    return {
      status: second.status,
      headers: entries(second.headers),
      text: await second.text(),
      firstUsed: first.bodyUsed,
      firstHeaders: entries(first.headers),
    };
  },
  'a body read twice': async ({ Response }) => {
    const res = new Response('once');
    await res.text();
    return { used: res.bodyUsed, again: await outcome(() => res.text(), node) };
  },
  'a clone read beside its original': async ({ Response }) => {
    const res = new Response('twice', { status: 203 });
    const copy = res.clone();
    return [await res.text(), await copy.text(), copy.status];
  },
  'a stream body': async ({ Response }) => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n'));
        controller.enqueue(new TextEncoder().encode('1,2\n'));
        controller.close();
      },
    });
    const res = new Response(stream, { headers: { 'content-type': 'text/csv' } });
    return { type: res.headers.get('content-type'), text: await res.text() };
  },
  'a body read through its stream': async ({ Response }) => {
    const res = new Response('streamed');
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    return { text: new TextDecoder().decode(value), used: res.bodyUsed };
  },
  'a blob of a response': async ({ Response }) => {
    const blob = await new Response('x', { headers: { 'content-type': 'text/plain' } }).blob();
    return { type: blob.type, text: await blob.text() };
  },
  'a Blob body (left to Node)': async ({ Response }) => {
    const res = new Response(new Blob(['blob'], { type: 'text/x-test' }));
    return { type: res.headers.get('content-type'), text: await res.text() };
  },
  'a form body': async ({ Response }) => {
    const res = new Response(new URLSearchParams({ a: '1', b: 'x y' }));
    return { type: res.headers.get('content-type'), text: await res.text() };
  },
  'Response.json and Response.redirect': async ({ Response }) => {
    const json = Response.json({ a: [1] }, { status: 422 });
    const redirect = Response.redirect('https://example.org/a b', 303);
    return {
      json: [json.status, json.headers.get('content-type'), await json.text()],
      redirect: [redirect.status, redirect.headers.get('location')],
    };
  },
  'a redirect with a status that is not one': ({ Response }) =>
    Response.redirect('https://example.org/', 200 as 301),

  'a GET request as Hono builds one from the event': async ({ Request, Headers }) => {
    const headers = new Headers({ accept: 'application/json', authorization: 'Bearer x' });
    const req = new Request('https://api.example.org/v1/members?limit=2&q=%D0%B0', {
      method: 'GET',
      headers,
    });
    return {
      url: req.url,
      method: req.method,
      headers: entries(req.headers),
      body: req.body,
      text: await req.text(),
      aborted: req.signal.aborted,
    };
  },
  'a PATCH with a bytes body': async ({ Request }) => {
    const req = new Request('https://h/v1/members/1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"3"' },
      body: new TextEncoder().encode('{"name":"Нова"}'),
    });
    return { method: req.method, json: await req.json(), used: req.bodyUsed };
  },
  'method names as the standard normalises them': ({ Request }) =>
    ['get', 'post', 'patch', 'Delete', 'options', 'PROPFIND'].map(
      (method) => new Request('https://h/', { method }).method,
    ),
  'an invalid method': ({ Request }) => new Request('https://h/', { method: 'BAD METHOD' }),
  'a GET with a body': ({ Request }) => new Request('https://h/', { method: 'GET', body: 'x' }),
  'a relative URL': ({ Request }) => new Request('/v1/members'),
  'a URL with spaces and unicode': ({ Request }) => new Request('https://h/a b/ä?x=ю').url,
  'a request copied and cloned': async ({ Request }) => {
    const first = new Request('https://h/import', { method: 'POST', body: 'a,b', headers: { 'x-a': '1' } });
    const copy = new Request(first, { headers: { 'x-b': '2' } });
    const clone = copy.clone();
    return [copy.url, copy.method, entries(copy.headers), await copy.text(), await clone.text()];
  },
  'a form parsed from a request': async ({ Request }) => {
    const req = new Request('https://h/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=x+y',
    });
    return [...(await req.formData()).entries()];
  },
  'a string request body gets its content type': async ({ Request }) => {
    const req = new Request('https://h/', { method: 'POST', body: 'plain' });
    return [req.headers.get('content-type'), await req.text()];
  },
};

describe("the bundles' fetch classes answer as Node's do", () => {
  it.each(Object.keys(cases))('%s', async (name) => {
    const run = cases[name]!;
    const expected = await outcome(run, node);
    expect(await outcome(run, ours)).toEqual(expected);
  });

  it('cover every case above without loading undici', async () => {
    // Node loads undici for its own classes; the light ones must not need it for the common cases.
    const { execFileSync } = await import('node:child_process');
    const script = `
      const { Headers, Request, Response } = await import(${JSON.stringify(new URL('../../infra/cdk/fetch-without-undici.ts', import.meta.url).href)});
      const req = new Request('https://h/v1/members', { method: 'POST', headers: new Headers({ a: '1' }), body: new TextEncoder().encode('{}') });
      await req.json();
      const res = new Response(new String('{"ok":true}'), { status: 201, headers: { 'content-type': 'application/json' } });
      const again = new Response(res.body, res);
      again.headers.set('etag', '"1"');
      await again.text();
      process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.includes('undici'))));
    `;
    const loaded = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(JSON.parse(loaded)).toEqual([]);
  });
});
