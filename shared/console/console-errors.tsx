import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InvalidCursorError } from '../data/cursor.ts';
import { ValidationError } from '../domain/errors.ts';
import { toProblem } from '../http/problem.ts';
import { logger } from '../observability/logger.ts';
import type { ConsoleEnv } from './console-env.ts';
import { commonMessages } from './i18n/common-messages.ts';
import { readablePath } from './readable-path.ts';

/**
 * A failure as a page in the reader's language: the status the API would give (one mapping,
 * http/problem.ts), the problem's own detail where it says what to fix (a 409's or a 400's), and a
 * generic line where it would leak internals (a 500's). htmx requests get the message alone, for the
 * page's error region.
 */
export function consoleErrorPage(error: unknown, c: Context<ConsoleEnv>): Response | Promise<Response> {
  const problem = toProblem(error);
  const locale = c.get('locale') ?? 'en';
  const m = commonMessages[locale];
  if (problem.status === 503) logger.warn('dependency unavailable', { route: c.req.routePath });
  else if (problem.status >= 500) {
    logger.error('console request failed', {
      method: c.req.method,
      route: c.req.routePath,
      error: error as Error,
    });
  }
  const [title, text] =
    problem.status === 404
      ? [m.notFoundTitle, m.notFound]
      : problem.status === 403
        ? [m.forbiddenTitle, m.forbidden]
        : problem.status === 412
          ? [m.conflictTitle, m.conflict]
          : problem.status === 428
            ? [m.staleFormTitle, m.staleForm]
            : problem.status === 503
              ? [m.errorTitle, m.unavailable]
              : problem.status >= 500
                ? [m.errorTitle, m.error]
                : error instanceof InvalidCursorError
                  ? [m.staleLinkTitle, m.staleLink]
                  : error instanceof ValidationError
                    ? [m.refusedTitle, m.refused]
                    : [problem.title, problem.detail];
  const status = problem.status as ContentfulStatusCode;
  // A service's refusal that no form field shows: each field and why. In the API's words: the pages
  // whose forms can meet a refusal say it beside the field in the reader's language, and carrying
  // every rule's texts in every section for this fallback would cost each function ~8 KB.
  const refusal =
    error instanceof ValidationError ? (
      <ul>
        {error.errors.map(({ path, message }) => (
          <li>
            <code>{path}</code>: {message}
          </li>
        ))}
      </ul>
    ) : null;
  if (c.req.header('hx-request')) {
    return c.html(
      <div role="alert" class="error">
        <p>
          <strong>{title}.</strong> {text}
        </p>
        {refusal}
      </div>,
      status,
    );
  }
  c.status(status);
  return c.render(
    <article>
      <h1>{title}</h1>
      <div role="alert">
        <p>{text}</p>
        {refusal}
      </div>
      {problem.status === 412 ? (
        <p>
          <a href={readablePath(c)}>{m.reload}</a>
        </p>
      ) : error instanceof InvalidCursorError ? (
        <p>
          <a href={firstPage(c, error.cause)}>{m.first}</a>
        </p>
      ) : (
        <p>
          <a href="/console/members">{m.members}</a>
        </p>
      )}
    </article>,
    { title },
  );
}

/** The list's first page: the page asked for without the cursor it was given (`cursor`, `history`...). */
function firstPage(c: Context<ConsoleEnv>, cursor: string): string {
  const url = new URL(readablePath(c), 'http://console');
  for (const [name, value] of [...url.searchParams]) if (value === cursor) url.searchParams.delete(name);
  return url.pathname + url.search;
}
