import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { AuditLog } from '../audit/audit-log.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { AppDeps } from '../http/app-env.ts';
import { compressPages } from './compress-pages.ts';
import type { ConsoleEdges } from './console-deps.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleErrorPage } from './console-errors.tsx';
import type { ConsoleSection, ConsoleSectionDeps } from './console-section.ts';
import { ConsoleUserRepository } from './console-user-repository.ts';
import { prepareReaderFormats } from './i18n/format.ts';
import { Layout } from './layout.tsx';
import { consoleSession } from './session/session-middleware.ts';
import { SessionRepository } from './session/session-repository.ts';
import { StaffRoster } from './staff-roster.ts';

/**
 * The staff console: server-rendered pages under `/console`, each a form or an htmx request to the
 * same services the API calls (never HTTP to itself), so one rule decides access, validation and audit.
 * Order matters: headers and compression wrap everything; the session middleware denies by default.
 * It serves the `sections` given: one per function in AWS, all of them locally.
 */
export function consoleApp(deps: AppDeps, edges: ConsoleEdges, sections: readonly ConsoleSection[]) {
  const app = new Hono<ConsoleEnv>();
  const sessions = new SessionRepository(deps.db, deps.clock);
  const users = new ConsoleUserRepository(deps.db);
  const audit = new AuditLog(deps.db, deps.clock, deps.newId);
  const roster = new StaffRoster(deps.db);
  const sectionDeps: ConsoleSectionDeps = { app: deps, audit, users, roster, sessions, edges };
  const prefetchesCursorKeys = sections.some((section) => section.prefetchesCursorKeys !== false);
  const warmsReaderFormats = sections.some((section) => section.warmsReaderFormats !== false);

  app.onError(consoleErrorPage);
  // Lets the formatters read the reader's time zone (i18n/format.ts) wherever a page formats a time.
  app.use('/console/*', contextStorage());
  // The CSP nonce from node:crypto, which every function has loaded: secureHeaders takes one set
  // before it, and its own comes from Web Crypto (`globalThis.crypto`), whose first use loads Node's
  // whole Web Crypto implementation: 2–7 ms of a cold page for 16 random bytes.
  app.use('/console/*', async (c, next) => {
    c.set('secureHeadersNonce', randomBytes(16).toString('base64'));
    await next();
  });
  app.use(
    '/console/*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        // Scripts only with this response's nonce; 'strict-dynamic' lets them load nothing else.
        scriptSrc: [NONCE, "'strict-dynamic'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The campaign preview's iframe is `srcdoc`, sandboxed without scripts.
        frameSrc: ["'self'"],
        baseUri: ["'none'"],
        // Sign-in and sign-out post to the console, which redirects to the identity provider's pages.
        formAction: ["'self'", ...(edges.signIn.origin ? [edges.signIn.origin] : [])],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/console/*', compressPages());
  // A form posted from another origin is refused before anything reads it (SameSite=Lax also keeps
  // the session cookie off it); htmx requests are same-origin fetches and carry Origin too.
  app.use('/console/*', csrf());
  app.use('/console/*', async (c, next) => {
    c.header('cache-control', 'no-store');
    await next();
  });
  for (const section of sections) if (section.publicPages) app.route('/', section.publicPages(sectionDeps));
  app.use(
    '/console/*',
    consoleSession({
      sessions,
      signIn: edges.signIn,
      roster,
      clock: deps.clock,
      prefetch: prefetchesCursorKeys
        ? () => Promise.all([deps.cursors(), edges.assets.urls()])
        : () => edges.assets.urls(),
    }),
  );
  // `c.render(content, props)` draws a page in the layout. Hono's own jsxRenderer would do it too, but
  // brings hono/jsx's DOM renderer and streaming (17 KB in each console function) for nothing here.
  app.use('/console/*', async (c, next) => {
    c.set('assetUrls', await edges.assets.urls());
    // Runs once the page's first reads are sent and the process waits on them (see the function).
    if (warmsReaderFormats) setImmediate(prepareReaderFormats, c.get('locale'));
    c.setRenderer(async (content, props) =>
      c.html(
        `<!DOCTYPE html>${await (
          <Layout c={c} {...props}>
            {content}
          </Layout>
        ).toString()}`,
      ),
    );
    await next();
  });
  for (const section of sections) app.route('/', section.pages(sectionDeps));
  app.all('/console/*', () => {
    throw new NotFoundError('No console page here.');
  });
  return app;
}
