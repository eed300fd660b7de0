import type { Hono } from 'hono';
import type { ConsoleEdges, ConsolePageDeps } from './console-deps.ts';
import type { ConsoleEnv } from './console-env.ts';
import type { SessionRepository } from './session/session-repository.ts';

/** What a section's pages are built with: the page modules' deps, the sessions and the console's edges. */
export interface ConsoleSectionDeps extends ConsolePageDeps {
  sessions: SessionRepository;
  edges: ConsoleEdges;
}

/**
 * One area of the console behind its own paths (the directory, the pipeline, campaigns...). In AWS each
 * section is a function of its own, so a page loads only its area's code; locally one app serves them all.
 */
export interface ConsoleSection {
  /**
   * Its routes on the HTTP API (`ANY` each), in API Gateway's syntax. A route without `{proxy+}` wins
   * over one with it, so a section may take single pages out from under another's `{proxy+}`.
   */
  readonly gatewayPaths: readonly string[];
  /** Routes answered before the session check: the pages' static files. */
  publicPages?(deps: ConsoleSectionDeps): Hono<ConsoleEnv>;
  pages(deps: ConsoleSectionDeps): Hono<ConsoleEnv>;
  /**
   * False where the section's pages sign no cursor on a first request (forms; a record, whose lists
   * come after it): the session then does not fetch the cursor keys alongside its read. That fetch
   * costs a cold function CPU (two requests to the Secrets extension, for the current and previous
   * versions, and the cursor key's derivation; ~9 ms when it fetched every purpose's three) and, in
   * AWS, its first Secrets Manager read. A page of such a section that lists asks
   * for the keys itself. Default true.
   */
  readonly prefetchesCursorKeys?: boolean;
  /**
   * False where the section's pages show no date or time (the directory's rows): the reader's date
   * formatter is then not built ahead of the page (console-app.tsx), ~3 ms of a cold request's CPU
   * that such a page would spend for nothing. A page of it that does show one builds it then. Default true.
   */
  readonly warmsReaderFormats?: boolean;
}
