import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../domain/errors.ts';
import { hasRole, type Principal } from '../identity/principal.ts';
import type { AppEnv } from './app-env.ts';
import { problemSchema } from './problem.ts';

/**
 * Who may call a route. `member: 'path'` lets a member token through only for its own `{id}`;
 * `member: 'self'` routes act on the caller's member by construction (`/v1/me`); `member:
 * 'participant'` routes of an event let a member through to a handler that serves only the caller's
 * own part of it (its requests, its agenda, its meetings) and answers 404 to anyone not taking part.
 */
export interface Access {
  minimum: 'staff' | 'admin' | 'member';
  member?: 'path' | 'self' | 'participant';
}

export function isAllowed(access: Access, principal: Principal, pathId: string | undefined): boolean {
  if (principal.role === 'member') {
    if (access.member === 'self' || access.member === 'participant') return true;
    return access.member === 'path' && pathId !== undefined && pathId === principal.memberId;
  }
  return access.minimum === 'member' ? false : hasRole(principal, access.minimum);
}

/** Runs before any validator, so a member touching another member's data learns nothing else. */
function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isAllowed(access, c.get('principal'), c.req.param('id'))) {
      throw new ForbiddenError('This token may not call this route for this resource.');
    }
    await next();
  };
}

export const jsonBodyLimit = 64 * 1024;

const limitJsonBody = bodyLimit({
  maxSize: jsonBodyLimit,
  onError: () => {
    throw new PayloadTooLargeError(`The body is over ${jsonBodyLimit / 1024} KiB.`);
  },
});

/**
 * Deeper than any body of this API needs (a member with contacts and consent is 4 levels). A body
 * nested thousands of levels deep is valid JSON, but would reach recursive code (merge patch, schema
 * checks) and overflow its stack: it is refused before it is parsed.
 */
export const maxJsonDepth = 32;

/** Whether the JSON text nests arrays and objects deeper than `max`; strings are skipped. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (++depth > max) return true;
    } else if (char === '}' || char === ']') depth--;
  }
  return false;
}

const limitJsonDepth: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Read within the body limit above; Hono keeps the text for the validator's JSON parse.
  if (nestsDeeperThan(await c.req.text(), maxJsonDepth)) {
    throw new ValidationError(
      [{ path: '(body)', message: `Nested deeper than ${maxJsonDepth} levels.` }],
      'The body is nested deeper than any request of this API.',
    );
  }
  await next();
};

function rolesOf(access: Access): string[] {
  if (access.minimum === 'member') return ['member'];
  const roles = access.minimum === 'admin' ? ['admin'] : ['staff', 'admin'];
  if (access.member === 'participant') return [...roles, 'member (a participant, for its own part only)'];
  return access.member ? [...roles, 'member (own member only)'] : roles;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/**
 * What API Gateway answers by itself, before the function runs (its JWT authorizer's 401, its
 * throttling's 429, a failed or throttled function's 500/503): `{"message": "..."}` as JSON.
 */
const gatewayMessageSchema = z
  .object({ message: z.string().max(200).openapi({ example: 'Too Many Requests' }) })
  .openapi('GatewayMessage', { description: 'A response API Gateway produces itself, not the API.' });

/** A status that the API answers with a problem, or API Gateway with its own message. */
const problemOrGateway = (description: string) => ({
  description,
  content: {
    'application/problem+json': { schema: problemSchema },
    'application/json': { schema: gatewayMessageSchema },
  },
});

/** What a route with a JSON body can also answer, before it looks at the body's content. */
const jsonBodyProblems = {
  413: problem(`The body is over ${jsonBodyLimit / 1024} KiB.`),
  415: problem('The body is not JSON (`application/json`, or `application/merge-patch+json` for PATCH).'),
};

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before trying again; sent by the API, absent when API Gateway answers.',
    schema: { type: 'integer' as const, format: 'int32', minimum: 1, maximum: 3600 },
  },
};

const commonProblems = {
  400: problem('Malformed body, parameter or cursor.'),
  401: problemOrGateway(
    'No token, or an invalid or expired one. In AWS the JWT authorizer answers most of these itself.',
  ),
  403: problem('Authenticated but not allowed.'),
  422: problem('The body violates the schema.'),
  429: {
    description:
      'Rate limited by the stage throttling of API Gateway (per stage: 50 requests/s, bursts of 100).',
    content: { 'application/json': { schema: gatewayMessageSchema } },
  },
  500: problemOrGateway('An unexpected failure, logged and alarmed; nothing about it is shown.'),
  503: {
    ...problemOrGateway('The database or another dependency is unavailable; try again.'),
    headers: retryAfter,
  },
};

/** Groups for the docs page, by the first path segment after /v1, unless the route names its own. */
const tagsByResource: Record<string, string> = {
  members: 'Member directory',
  me: 'Member self-service',
  tiers: 'Tiers and exchange rates',
  'exchange-rates': 'Tiers and exchange rates',
  reports: 'Reports',
  jobs: 'Background jobs',
  campaigns: 'Outreach campaigns',
  partners: 'Partnerships',
  leads: 'Partnership leads',
  events: 'B2B meeting programmes',
};

/** Every tag the document uses, with what it groups. */
export const apiTags = [
  { name: 'Member directory', description: 'Member companies, their contacts, CSV import and export.' },
  { name: 'Member self-service', description: "A member's own profile, for its contacts' accounts." },
  { name: 'Tiers and exchange rates', description: 'Dues tiers by revenue, and the rates that convert it.' },
  { name: 'Reports', description: 'Figures read from aggregates kept current by every write.' },
  { name: 'Background jobs', description: 'Imports and re-tiers that run in batches after the request.' },
  {
    name: 'Outreach campaigns',
    description: 'Campaigns written in each recipient language, to a segment of the members.',
  },
  {
    name: 'Partnerships',
    description: 'Foreign partners, and the matches of what companies offer and seek.',
  },
  {
    name: 'Partnership leads',
    description: 'The pipeline: a lead links a member to a partner or another member, with its timeline.',
  },
  {
    name: 'B2B meeting programmes',
    description: 'Events of 1:1 meetings: participants, requests, the optimal schedule, agendas, outcomes.',
  },
  { name: 'Platform', description: 'Public routes: health, this document and its docs page.' },
];

/** A stable id from method and path: `GET /v1/members/{id}/history` is `getMembersIdHistory`. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .slice(2)
    .flatMap((segment) => segment.replace(/[{}]/g, '').split(/[-.]/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * A route behind a bearer token: documents its roles, answers 401/403 before anything else (the body
 * limit and validation included), and lists the problem responses every protected route can give.
 * JSON bodies get the 64 KiB limit; a route with another body type reads it under its own limit.
 */
export function securedRoute<R extends RouteConfig>(access: Access, route: R) {
  const resource = route.path.split('/')[2] ?? '';
  const takesJson = Object.keys(route.request?.body?.content ?? {}).some((type) => type.includes('json'));
  return createRoute({
    operationId: operationIdOf(route.method, route.path),
    ...route,
    tags: route.tags ?? [tagsByResource[resource] ?? resource],
    security: [{ bearer: [] }],
    description: `${route.description ?? ''}\n\nRoles: ${rolesOf(access).join(', ')}.`.trim(),
    'x-access': access,
    middleware: takesJson
      ? ([authorize(access), limitJsonBody, limitJsonDepth] as const)
      : ([authorize(access)] as const),
    responses: {
      ...commonProblems,
      ...(takesJson ? jsonBodyProblems : {}),
      ...route.responses,
    },
  });
}

export { problem };
