import type { MiddlewareHandler } from 'hono';
import { compress, preferredEncoding } from './assets/console-assets.ts';

const compressible = /^(text\/html|text\/csv|application\/json)/;
/** Below this, the encoding's framing costs about what it saves. */
const minimumBytes = 1024;

/**
 * Compresses the console's pages (neither Lambda nor the HTTP API does): brotli at quality 5, which
 * takes ~1 ms for a 100 KB directory page and is within a few percent of the smallest, or gzip.
 * Static assets are compressed once and kept (console-assets.ts); this is for what changes per request.
 */
export function compressPages(): MiddlewareHandler {
  return async function compressPages(c, next) {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (!compressible.test(type) || c.res.headers.has('content-encoding') || !c.res.body) return;
    const encoding = preferredEncoding(c.req.header('accept-encoding'));
    c.res.headers.append('vary', 'Accept-Encoding');
    if (encoding === 'identity') return;
    const bytes = new Uint8Array(await c.res.arrayBuffer());
    const headers = new Headers(c.res.headers);
    if (bytes.byteLength < minimumBytes) {
      c.res = new Response(bytes, { status: c.res.status, headers });
      return;
    }
    const body = await compress(bytes, encoding, 5);
    headers.set('content-encoding', encoding);
    headers.delete('content-length');
    c.res = new Response(body, { status: c.res.status, headers });
  };
}
