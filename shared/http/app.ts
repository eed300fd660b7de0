import { OpenAPIHono } from '@hono/zod-openapi';
import { TrieRouter } from 'hono/router/trie-router';
import { secureHeaders } from 'hono/secure-headers';
import { BadRequestError, ValidationError } from '../domain/errors.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import { logger } from '../observability/logger.ts';
import type { ApiContext } from './api-context.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { authenticate } from './authenticate.ts';
import { problemResponse, toProblem } from './problem.ts';

/**
 * The HTTP app of the contexts in `apis`, each mounted as its own sub-app: a Lambda function passes the
 * ones it serves, the local server all of them. What every route shares is here: problem+json for every
 * failure (`onError`), security headers, and the bearer token check on `/v1`.
 */
export function createApp(deps: AppDeps, apis: readonly ApiContext[]) {
  const app = new OpenAPIHono<AppEnv>({
    // Not Hono's default, which on a function's first request starts building one RegExpRouter
    // expression of every route and, for 8 of our 19 HTTP functions (members-api and the board among
    // them), finds it cannot hold them and builds a TrieRouter after all. TrieRouter at once: those
    // cold starts skip the attempt (~2 ms of the board's first request), the other 11 build a trie
    // instead of an expression, and a warm match is microseconds either way.
    router: new TrieRouter(),
    defaultHook: (result) => {
      if (result.success) return;
      const errors = zodIssuesToFieldErrors(result.error.issues);
      if (result.target === 'json') throw new ValidationError(errors);
      throw new BadRequestError(errors.map((e) => `${e.path}: ${e.message}`).join(' '));
    },
  });

  app.onError((error, c) => {
    const problem = toProblem(error);
    // The route pattern, never the path: paths carry ids, and bodies and tokens are never logged.
    const context = { method: c.req.method, route: c.req.routePath, error: error as Error };
    if (problem.status === 503) logger.warn('dependency unavailable', context);
    else if (problem.status >= 500) logger.error('request failed', context);
    return problemResponse(c, problem);
  });
  app.notFound((c) =>
    problemResponse(c, {
      type: 'https://bridge-crm.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `No route ${c.req.method} ${c.req.path}.`,
    }),
  );

  // Every response, errors included: nosniff and the rest of Hono's defaults, and a policy that lets
  // the docs page load only its own files (Swagger UI's CSS carries its icons as data: URLs).
  // The console sets its own, stricter policy (a nonce per page), which this one must not replace.
  app.use(
    '*',
    secureHeaders({
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        // The unsubscribe page's button posts to its own URL; no page posts anywhere else.
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // Member data must not linger in a browser or proxy cache.
  app.use('/v1/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/v1/*', authenticate(deps.claims, deps.identity));

  for (const api of apis) app.route('/', api.routes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Cognito access token (locally: `npm run token -- --role staff`), signed with ES256/RS256 and ' +
      'checked as RFC8725 (JSON Web Token Best Current Practices) asks: an algorithm allow-list, the ' +
      'issuer, the app client and the expiry.',
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
