import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { BadRequestError, ValidationError } from '../domain/errors.ts';
import { zodIssuesToFieldErrors } from '../domain/zod-errors.ts';
import { queueMemberRetier } from '../jobs/retier-job.ts';
import { MemberRepository } from '../members/member-repository.ts';
import { MemberService } from '../members/member-service.ts';
import { logger } from '../observability/logger.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { apiTags } from './access.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { authenticate } from './authenticate.ts';
import { problemResponse, toProblem } from './problem.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { memberCsvRoutes } from './routes/member-csv.ts';
import { memberRoutes } from './routes/members.ts';
import { reportRoutes } from './routes/reports.ts';
import { tierRoutes } from './routes/tiers.ts';

/**
 * The whole HTTP API as one Hono app. The local server serves it directly; each Lambda wraps it. Every
 * failure, wherever raised, becomes a problem+json response in `onError`.
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
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
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
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

  const members = new MemberRepository(deps.db);
  const settings = new SettingsRepository(deps.db);
  const memberService = new MemberService({
    members,
    settings,
    clock: deps.clock,
    newId: deps.newId,
    settleLater: (memberId) =>
      queueMemberRetier({ db: deps.db, queue: deps.jobs, clock: deps.clock, newId: deps.newId }, memberId),
  });

  app.route('/', healthRoutes(deps, settings));
  // Before memberRoutes, so /v1/members/{id} does not capture export.csv and import.
  app.route('/', memberCsvRoutes(deps, memberService, members));
  app.route('/', memberRoutes(deps, memberService, members));
  app.route('/', tierRoutes(deps, settings));
  app.route('/', jobRoutes(deps));
  app.route('/', reportRoutes(deps, settings, members));
  app.route('/', docsRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Cognito access token (locally: `npm run token -- --role staff`), signed with ES256/RS256 and ' +
      'checked as RFC8725 (JSON Web Token Best Current Practices) asks: an algorithm allow-list, the ' +
      'issuer, the app client and the expiry.',
  });
  // The servers entry is the origin the document was fetched from, so "try it out" calls this API.
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'bridge-crm',
      version: '1.0.0',
      description:
        'CRM for an international business association: member directory, revenue tiers, outreach, ' +
        'partnership leads. Errors are application/problem+json (RFC 9457).',
      contact: { name: 'bridge-crm maintainers', url: 'https://bridge-crm.dev' },
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: new URL(c.req.url).origin, 'x-internal': false }],
    tags: apiTags,
  }));
  return app;
}

export type App = ReturnType<typeof createApp>;
