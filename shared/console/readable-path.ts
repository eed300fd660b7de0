import type { Context } from 'hono';
import type { ConsoleEnv } from './console-env.ts';

/**
 * A console page the browser can open for this request, for the links and forms that return to it
 * (the 412 page's "open the current version", the header's language form). A GET is its own page.
 * After a form post the path is often POST-only (`/console/events/:id/state`), so it is the page the
 * form was posted from (a same-origin Referer on a console path), else the posted path without its
 * trailing action segment (`/console/events/:id`).
 */
export function readablePath(c: Context<ConsoleEnv>): string {
  const url = new URL(c.req.url);
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return url.pathname + url.search;
  const referer = URL.parse(c.req.header('referer') ?? '');
  if (referer?.origin === url.origin && referer.pathname.startsWith('/console/')) {
    return referer.pathname + referer.search;
  }
  return url.pathname.replace(/\/[^/]+$/, '') || '/console';
}
