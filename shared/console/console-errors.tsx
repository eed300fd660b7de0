import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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
          : problem.status === 503
            ? [m.errorTitle, m.unavailable]
            : problem.status >= 500
              ? [m.errorTitle, m.error]
              : [problem.title, problem.detail];
  const status = problem.status as ContentfulStatusCode;
  if (c.req.header('hx-request')) {
    return c.html(
      <p role="alert" class="error">
        <strong>{title}.</strong> {text}
      </p>,
      status,
    );
  }
  c.status(status);
  return c.render(
    <article>
      <h1>{title}</h1>
      <p role="alert">{text}</p>
      {problem.status === 412 ? (
        <p>
          <a href={readablePath(c)}>{m.reload}</a>
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
