import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
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

/** A link page's text: its title, and the button a `confirm` page's form posts with. */
export interface LinkPageText {
  title: string;
  button: string;
}

/**
 * A small page a link in an email opens (unsubscribe, address confirmation): in the recipient's
 * language, no script and no outside resource, a `confirm` page's one button posting back to the same
 * URL (mail scanners follow links with GET, so GET never changes anything). No page sends a referrer or
 * is cached: the token is in the URL.
 */
export function linkPage(
  c: Context,
  language: Language,
  state: LinkPageState,
  text: LinkPageText,
  message: string,
): Response | Promise<Response> {
  const body =
    state === 'confirm'
      ? html`<p>${message}</p>
<form method="post"><button type="submit">${text.button}</button></form>`
      : html`<p>${message}</p>`;
  const page: HtmlEscapedString | Promise<HtmlEscapedString> = html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text.title}</title>
</head>
<body>
<h1>${text.title}</h1>
${body}
</body>
</html>`;
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(page, linkPageStatus[state]);
}
