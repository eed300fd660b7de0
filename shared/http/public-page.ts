import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language } from '../domain/languages.ts';

/** What a link page answers: ask, done, or why not (a link not ours, one expired, the store down). */
export type LinkPageState = 'confirm' | 'done' | 'invalid' | 'expired' | 'unavailable';

export const linkPageStatus: Record<LinkPageState, 200 | 404 | 410 | 503> = {
  confirm: 200,
  done: 200,
  invalid: 404,
  expired: 410,
  unavailable: 503,
};

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** A page's message, and for a `confirm` page the one button that posts back to the same URL. */
export function linkPageBody(state: LinkPageState, message: string, button: string): Html {
  return state === 'confirm'
    ? html`<p>${message}</p>
<form method="post"><button type="submit">${button}</button></form>`
    : html`<p>${message}</p>`;
}

/**
 * A small page a link in an email opens (unsubscribe, address confirmation, invitation): in the
 * recipient's language, no script and no outside resource; what changes anything is a form posting
 * back to the same URL (mail scanners follow links with GET, so GET never changes anything). No page
 * sends a referrer or is cached: the token is in the URL.
 */
export function linkPage(
  c: Context,
  language: Language,
  title: string,
  body: Html,
  status: ContentfulStatusCode,
) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>`,
    status,
  );
}
