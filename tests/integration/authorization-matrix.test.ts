/**
 * The authorization matrix, generated from the route table: every operation the OpenAPI document
 * lists under /v1/ is called as {no token, member self, member other, staff, admin} with its
 * documented request example, and the status class is checked against its `x-access` rule. A route
 * added without an access rule fails here, and so does a /v1/ route served outside the document.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessTokenClaims,
  COGNITO_ACCESS_TOKEN_CLAIMS,
  MEMBER_ID_CLAIM,
} from '../../shared/identity/access-token-claims.ts';
import {
  localIssuer,
  localMemberClientId,
  localStaffClientId,
  signLocalToken,
} from '../../shared/identity/local-jwt.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface Access {
  minimum: 'staff' | 'admin' | 'member';
  member?: 'path' | 'self' | 'participant';
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; enum?: unknown[]; default?: unknown };
}

interface MediaType {
  schema?: { $ref?: string; example?: unknown; examples?: unknown[] };
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface OperationObject {
  'x-access'?: unknown;
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, { example?: unknown; examples?: unknown[] }> };
}

interface Operation {
  method: string;
  path: string;
  object: OperationObject;
  label: string;
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

// Top-level await: the operations must be known when the tests are collected, so that every route
// becomes its own named test.
const t: TestApp = await createTestApp();
const openapiResponse = await t.call('GET', '/openapi.json');
const doc = (await openapiResponse.json()) as OpenApiDocument;
const operations: Operation[] = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/v1/'))
  .flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, object]) => ({ method, path, object, label: `${method.toUpperCase()} ${path}` })),
  );

let staff: string;
let admin: string;
let self: { id: string; token: string };
let other: { id: string; token: string };

async function newMember(): Promise<{ id: string; token: string }> {
  const response = await t.call('POST', '/v1/members', { token: staff, body: company() });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return { id, token: await t.token('member', id) };
}

beforeAll(async () => {
  staff = await t.token('staff');
  admin = await t.token('admin');
  self = await newMember();
  other = await newMember();
});
afterAll(() => t.drop());

// ---- the route table ---------------------------------------------------------------------------

/**
 * Who may call what, copied from API.md by hand: the matrix below derives its expectations from the
 * served `x-access`, so this table is what keeps a wrong rule in the code (history opened to members,
 * erase lowered to staff) from passing unnoticed. A new route must be added here too.
 */
const contract: Record<string, Access> = {
  'GET /v1/members': { minimum: 'staff' },
  'POST /v1/members': { minimum: 'staff' },
  'GET /v1/members/{id}': { minimum: 'staff', member: 'path' },
  'PATCH /v1/members/{id}': { minimum: 'staff', member: 'path' },
  'DELETE /v1/members/{id}': { minimum: 'admin' },
  'POST /v1/members/{id}/erase': { minimum: 'admin' },
  'GET /v1/members/{id}/export': { minimum: 'staff', member: 'path' },
  'GET /v1/members/{id}/history': { minimum: 'staff' },
  'GET /v1/me': { minimum: 'member', member: 'self' },
  'PATCH /v1/me': { minimum: 'member', member: 'self' },
  'POST /v1/members/{id}/contacts/{contactId}/confirmation': { minimum: 'staff', member: 'path' },
  'GET /v1/contact-conflicts': { minimum: 'staff' },
  'POST /v1/members/{id}/contacts/{contactId}/invitation': { minimum: 'staff', member: 'path' },
  'GET /v1/members/{id}/accounts': { minimum: 'staff' },
  'GET /v1/me/accounts': { minimum: 'member', member: 'self' },
  'DELETE /v1/members/{id}/accounts/{accountId}': { minimum: 'staff', member: 'path' },
  'POST /v1/members/import': { minimum: 'staff' },
  'GET /v1/members/export.csv': { minimum: 'staff' },
  'GET /v1/tiers': { minimum: 'staff' },
  'PUT /v1/tiers': { minimum: 'admin' },
  'GET /v1/exchange-rates': { minimum: 'staff' },
  'PUT /v1/exchange-rates': { minimum: 'admin' },
  'GET /v1/jobs/{id}': { minimum: 'staff' },
  'GET /v1/jobs/{id}/report': { minimum: 'staff' },
  'GET /v1/reports/tiers': { minimum: 'staff' },
  'POST /v1/campaigns': { minimum: 'staff' },
  'GET /v1/campaigns': { minimum: 'staff' },
  'GET /v1/campaigns/{id}': { minimum: 'staff' },
  'PATCH /v1/campaigns/{id}': { minimum: 'staff' },
  'DELETE /v1/campaigns/{id}': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/preview': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/test': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/schedule': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/unschedule': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/cancel': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/pause': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/resume': { minimum: 'staff' },
  'GET /v1/campaigns/{id}/recipients': { minimum: 'staff' },
  'POST /v1/campaigns/{id}/recipients/{contactId}/release': { minimum: 'staff' },
  'GET /v1/campaigns/{id}/stats': { minimum: 'staff' },
  'GET /v1/unknown-recipients': { minimum: 'staff' },
  'POST /v1/partners': { minimum: 'staff' },
  'GET /v1/partners': { minimum: 'staff' },
  'GET /v1/partners/{id}': { minimum: 'staff' },
  'PATCH /v1/partners/{id}': { minimum: 'staff' },
  'POST /v1/partners/{id}/membership': { minimum: 'staff' },
  'POST /v1/partners/{id}/erase': { minimum: 'admin' },
  'GET /v1/partners/{id}/export': { minimum: 'staff' },
  'GET /v1/partners/{id}/history': { minimum: 'staff' },
  'GET /v1/matches': { minimum: 'staff' },
  'GET /v1/me/matches': { minimum: 'member', member: 'self' },
  'POST /v1/me/matches/{companyId}/interest': { minimum: 'member', member: 'self' },
  'POST /v1/leads': { minimum: 'staff' },
  'GET /v1/leads': { minimum: 'staff' },
  'GET /v1/leads/{id}': { minimum: 'staff' },
  'PATCH /v1/leads/{id}': { minimum: 'staff' },
  'POST /v1/leads/{id}/transitions': { minimum: 'staff' },
  'POST /v1/leads/{id}/activities': { minimum: 'staff' },
  'GET /v1/me/leads': { minimum: 'member', member: 'self' },
  'GET /v1/me/leads/{leadId}': { minimum: 'member', member: 'self' },
  'GET /v1/reports/pipeline': { minimum: 'staff' },
  'POST /v1/reports/pipeline/rebuild': { minimum: 'admin' },
  'POST /v1/events': { minimum: 'staff' },
  'GET /v1/events': { minimum: 'staff' },
  'GET /v1/events/{id}': { minimum: 'staff' },
  'PATCH /v1/events/{id}': { minimum: 'staff' },
  'POST /v1/events/{id}/participants': { minimum: 'staff' },
  'GET /v1/events/{id}/participants': { minimum: 'staff', member: 'participant' },
  'DELETE /v1/events/{id}/participants/{companyId}': { minimum: 'staff' },
  'PATCH /v1/events/{id}/participants/{companyId}': { minimum: 'staff' },
  'POST /v1/me/events/{eventId}/registration': { minimum: 'member', member: 'self' },
  'DELETE /v1/me/events/{eventId}/registration': { minimum: 'member', member: 'self' },
  'GET /v1/me/events': { minimum: 'member', member: 'self' },
  'POST /v1/events/{id}/requests': { minimum: 'staff', member: 'participant' },
  'GET /v1/events/{id}/requests': { minimum: 'staff', member: 'participant' },
  'POST /v1/events/{id}/requests/{requestId}/accept': { minimum: 'staff', member: 'participant' },
  'POST /v1/events/{id}/requests/{requestId}/decline': { minimum: 'staff', member: 'participant' },
  'POST /v1/events/{id}/meetings': { minimum: 'staff' },
  'POST /v1/events/{id}/schedule': { minimum: 'staff' },
  'GET /v1/events/{id}/schedule': { minimum: 'staff' },
  'POST /v1/events/{id}/meetings/{meetingId}/outcome': { minimum: 'staff', member: 'participant' },
  'POST /v1/events/{id}/follow-up': { minimum: 'staff' },
  'GET /v1/reports/events/{id}': { minimum: 'staff' },
  'GET /v1/events/{id}/participants/{companyId}/agenda': { minimum: 'staff', member: 'participant' },
  'GET /v1/events/{id}/interpreter-plan': { minimum: 'staff' },
};

describe('the served access rules', () => {
  it('are exactly the contract, route for route', () => {
    const served = Object.fromEntries(operations.map((operation) => [operation.label, accessOf(operation)]));
    const pinned = Object.fromEntries(Object.keys(served).map((label) => [label, contract[label]]));
    expect(served).toEqual(pinned);
    expect(Object.keys(served).sort()).toEqual(Object.keys(contract).sort());
  });
});

function accessOf(operation: Operation): Access {
  const access = operation.object['x-access'];
  if (!isAccess(access)) {
    throw new Error(`${operation.label} has no valid x-access rule: ${JSON.stringify(access)}`);
  }
  return access;
}

function isAccess(value: unknown): value is Access {
  if (typeof value !== 'object' || value === null) return false;
  const { minimum, member, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    (minimum === 'staff' || minimum === 'admin' || minimum === 'member') &&
    (member === undefined || member === 'path' || member === 'self' || member === 'participant') &&
    // A member-only route makes sense only as the caller's own resource.
    (minimum !== 'member' || member === 'self')
  );
}

type Caller = 'none' | 'member self' | 'member other' | 'staff' | 'admin';
const callers: Caller[] = ['none', 'member self', 'member other', 'staff', 'admin'];

/**
 * The expected answer, written out from API.md rather than taken from the code under test: `admin`
 * does everything `staff` does; `member` is scoped and never implied by the staff roles; routes that
 * act on "the caller's own member" (`member: 'self'`, `/v1/me`) have no member for a staff token.
 */
function expectedFor(access: Access, caller: Caller): 'allowed' | 401 | 403 {
  switch (caller) {
    case 'none':
      return 401;
    case 'member self':
      return access.member ? 'allowed' : 403;
    case 'member other':
      // On a self route the "other" member's token addresses its own member: allowed, and it must not
      // touch the target (checked separately). A participant route lets any member reach a handler that
      // serves its own part of an event only (events-api.test.ts checks a non-participant gets 404).
      return access.member === 'self' || access.member === 'participant' ? 'allowed' : 403;
    case 'staff':
      return access.minimum === 'staff' ? 'allowed' : 403;
    case 'admin':
      return access.minimum === 'member' ? 403 : 'allowed';
  }
}

// ---- building a valid request from the document ------------------------------------------------

function resolveExample(media: MediaType): unknown {
  if (media.example !== undefined) return media.example;
  const named = Object.values(media.examples ?? {})[0]?.value;
  if (named !== undefined) return named;
  const schema = media.schema;
  if (!schema) return undefined;
  if (schema.$ref) {
    const component = doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
    return component?.example ?? component?.examples?.[0];
  }
  return schema.example ?? schema.examples?.[0];
}

function bodyOf(operation: Operation): { contentType: string; text: string } | undefined {
  const content = operation.object.requestBody?.content;
  if (!content) return undefined;
  const [contentType, media] = Object.entries(content)[0]!;
  const example = resolveExample(media) ?? {};
  return { contentType, text: typeof example === 'string' ? example : JSON.stringify(example) };
}

function urlOf(operation: Operation, targetId: string): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === 'id' ? targetId : ulid(),
  );
  const query = new URLSearchParams();
  for (const parameter of operation.object.parameters ?? []) {
    if (parameter.in !== 'query' || !parameter.required) continue;
    const value =
      parameter.example ??
      parameter.schema?.example ??
      parameter.schema?.enum?.[0] ??
      parameter.schema?.default;
    if (value !== undefined) query.set(parameter.name, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

const mutates = (operation: Operation) => operation.method !== 'get' && operation.method !== 'head';
const needsIfMatch = (operation: Operation) => ['patch', 'put', 'delete'].includes(operation.method);

/** The current ETag of what the operation addresses, from the document's GET on the same path. */
async function currentEtag(operation: Operation, target: { id: string; token: string }) {
  if (!doc.paths[operation.path]?.get) return undefined;
  const reader = accessOf(operation).member === 'self' ? target.token : admin;
  const response = await t.call('GET', operation.path.replace('{id}', target.id), { token: reader });
  return response.headers.get('etag') ?? undefined;
}

async function targetEtag(id: string) {
  return (await t.call('GET', `/v1/members/${id}`, { token: staff })).headers.get('etag');
}

interface CallResult {
  status: number;
  contentType: string | null;
  targetId: string;
  targetEtagBefore: string | null;
  targetEtagAfter: string | null;
}

/**
 * One call of the operation as the caller. A mutating operation that the caller may call gets a fresh
 * target member, so a resignation or an erasure never changes what a later call sees; a refused call
 * aims at the shared member, and the ETag check proves it changed nothing.
 */
async function callAs(
  operation: Operation,
  caller: Caller,
  overrides: { body?: { contentType: string; text: string }; query?: string } = {},
): Promise<CallResult> {
  const fresh = mutates(operation) && expectedFor(accessOf(operation), caller) === 'allowed';
  const target = fresh ? await newMember() : self;
  const token = {
    none: undefined,
    'member self': target.token,
    'member other': other.token,
    staff,
    admin,
  }[caller];
  const headers: Record<string, string> = {};
  const body = operation.object.requestBody ? (overrides.body ?? bodyOf(operation)) : undefined;
  if (body) headers['content-type'] = body.contentType;
  if (needsIfMatch(operation)) {
    const etag = await currentEtag(operation, target);
    if (etag) headers['if-match'] = etag;
  }
  const before = await targetEtag(target.id);
  const url = urlOf(operation, target.id);
  const query = overrides.query ? `${url}${url.includes('?') ? '&' : '?'}${overrides.query}` : url;
  const response = await t.app.request(query, {
    method: operation.method.toUpperCase(),
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: body.text } : {}),
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    targetId: target.id,
    targetEtagBefore: before,
    targetEtagAfter: await targetEtag(target.id),
  };
}

function expectRefused(result: CallResult, status: 401 | 403, label: string) {
  expect(result.status, label).toBe(status);
  expect(result.contentType, label).toContain('application/problem+json');
  // A refused call writes nothing.
  expect(result.targetEtagAfter, label).toBe(result.targetEtagBefore);
}

function expectAllowed(result: CallResult, label: string) {
  expect([401, 403], `${label}: answered ${result.status}`).not.toContain(result.status);
  expect(result.status, `${label}: answered ${result.status}`).toBeLessThan(500);
}

// ---- the tests ---------------------------------------------------------------------------------

describe('route table', () => {
  it('the document lists the member routes of API.md', () => {
    expect(openapiResponse.status).toBe(200);
    const labels = operations.map((o) => o.label);
    for (const expected of [
      'GET /v1/members',
      'POST /v1/members',
      'GET /v1/members/{id}',
      'PATCH /v1/members/{id}',
      'DELETE /v1/members/{id}',
      'POST /v1/members/{id}/erase',
      'GET /v1/members/{id}/export',
      'GET /v1/members/{id}/history',
      'GET /v1/me',
      'PATCH /v1/me',
    ]) {
      expect(labels).toContain(expected);
    }
  });

  it('every /v1/ operation in the document carries a well-formed x-access rule', () => {
    const missing = operations.filter((o) => !isAccess(o.object['x-access'])).map((o) => o.label);
    expect(missing).toEqual([]);
  });

  it('x-access agrees with the path: `path` routes have {id}, `self` routes have none', () => {
    for (const operation of operations) {
      const access = accessOf(operation);
      if (access.member === 'path') expect(operation.path, operation.label).toContain('{id}');
      if (access.member === 'self') expect(operation.path, operation.label).not.toContain('{id}');
    }
  });

  it('every /v1/ operation declares bearer security and names its roles', () => {
    for (const operation of operations) {
      expect(operation.object.security, operation.label).toEqual([{ bearer: [] }]);
      expect(operation.object.description, operation.label).toMatch(/Roles: /);
    }
  });

  it('every /v1/ route the app serves is in the document (so it is in this matrix)', () => {
    const documented = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const served = new Set(
      t.app.routes
        .filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    );
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    // Middleware for all methods is allowed only as the app-wide /v1/* layer (authentication, limits).
    const catchAll = t.app.routes.filter((r) => r.path.startsWith('/v1/') && r.method === 'ALL');
    expect(catchAll.every((r) => r.path === '/v1/*')).toBe(true);
  });

  it('every request body has a documented example', () => {
    for (const operation of operations) {
      const content = operation.object.requestBody?.content;
      if (!content) continue;
      for (const [contentType, media] of Object.entries(content)) {
        expect(resolveExample(media), `${operation.label} ${contentType}`).toBeDefined();
      }
    }
  });
});

describe.each(operations)('$label', (operation) => {
  for (const caller of callers) {
    it(`as ${caller}`, async () => {
      const access = accessOf(operation);
      const expected = expectedFor(access, caller);
      const result = await callAs(operation, caller);
      const label = `${operation.label} as ${caller}`;
      if (expected === 'allowed') {
        expectAllowed(result, label);
        if (caller === 'member other' && mutates(operation)) {
          // A self route acts on the token's member, never on anyone else's.
          expect(result.targetEtagAfter, label).toBe(result.targetEtagBefore);
        }
      } else {
        expectRefused(result, expected, label);
      }
    });
  }

  it('the documented example is a valid request (not 415/422) for a caller who may call it', async () => {
    const access = accessOf(operation);
    const caller: Caller = access.minimum === 'member' ? 'member self' : 'admin';
    const result = await callAs(operation, caller);
    expect([415, 422], `${operation.label}: answered ${result.status}`).not.toContain(result.status);
    expectAllowed(result, operation.label);
  });

  it('authorization comes before validation: a refused caller with a malformed body still gets 401/403', async () => {
    const access = accessOf(operation);
    const malformed = [
      { contentType: 'application/json', text: '{"name": ' },
      { contentType: 'text/plain', text: 'not json at all' },
      { contentType: 'application/json', text: '{"unknown": true, "tier": 7}' },
    ];
    const query = 'limit=-1&cursor=%25%25not-a-cursor&tier=%00&q=x';
    for (const body of malformed) {
      for (const caller of callers) {
        const expected = expectedFor(access, caller);
        if (expected === 'allowed') continue;
        const result = await callAs(operation, caller, { body, query });
        expectRefused(result, expected, `${operation.label} as ${caller} with ${body.text} and ?${query}`);
      }
    }
  });

  // API.md: "authentication, then authorization, then everything else" — the body limit included.
  // Only operations that take a body have a limit to come first.
  if (operation.object.requestBody)
    it('authorization comes before the body limit: a refused caller sending 70 KiB gets 401/403, not 413', async () => {
      const access = accessOf(operation);
      const body = {
        contentType: 'application/json',
        text: JSON.stringify({ description: 'x'.repeat(70 * 1024) }),
      };
      for (const caller of callers) {
        const expected = expectedFor(access, caller);
        if (expected === 'allowed') continue;
        const result = await callAs(operation, caller, { body });
        expectRefused(result, expected, `${operation.label} as ${caller} with a 70 KiB body`);
      }
    });
});

describe('authorization for a malformed path id', () => {
  it('a member asking for a malformed or unknown id gets 403, like any other member id', async () => {
    for (const id of ['not-a-ulid', ulid(), '%00', '..%2F..%2Fhealth']) {
      for (const path of [`/v1/members/${id}`, `/v1/members/${id}/export`]) {
        const response = await t.call('GET', path, { token: self.token });
        expect(response.status, path).toBe(403);
      }
    }
  });
});

describe('authentication', () => {
  const route = '/v1/members';

  /** A local access token with exactly Cognito's claims, then `alter`ed (set, unset or re-signed claims). */
  async function claimsToken(
    alter: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
    key: JWK = t.secrets.privateJwk,
    overrides: Record<string, unknown> = {},
  ) {
    const claims: Record<string, unknown> = {
      ...accessTokenClaims({
        role: 'admin',
        issuer: localIssuer,
        clientId: localStaffClientId,
        issuedAt: new Date(),
        lifetimeSeconds: 3600,
      }),
      ...overrides,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid ?? 'local' });
    return alter(jwt).sign(await importJWK(key, 'ES256'));
  }

  const valid = (jwt: SignJWT) => jwt;
  const status = async (token: string, path = route) =>
    (await t.app.request(path, { headers: { authorization: `Bearer ${token}` } })).status;

  async function expect401(token: string | undefined, header?: string) {
    const response = await t.app.request(route, {
      headers: header !== undefined ? { authorization: header } : { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 401, type: expect.any(String), title: expect.any(String) });
  }

  it('the control: a well-formed admin token made the same way is accepted', async () => {
    expect(await status(await claimsToken(valid))).toBe(200);
  });

  it('the token command mints exactly the claims of a Cognito access token, plus member_id for members', async () => {
    const claimsOf = (token: string) =>
      Object.keys(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))).sort();
    expect(claimsOf(await signLocalToken(t.secrets.privateJwk, { role: 'staff' }))).toEqual(
      [...COGNITO_ACCESS_TOKEN_CLAIMS].sort(),
    );
    expect(claimsOf(await t.token('member', self.id))).toEqual(
      [...COGNITO_ACCESS_TOKEN_CLAIMS, MEMBER_ID_CLAIM].sort(),
    );
  });

  it('a token without exp or without sub is 401', async () => {
    await expect401(await claimsToken(valid, t.secrets.privateJwk, { exp: undefined }));
    await expect401(await claimsToken(valid, t.secrets.privateJwk, { sub: undefined }));
  });

  it('an ID token (token_use id, with aud and custom:memberId) is 401 even though it is signed', async () => {
    await expect401(
      await claimsToken(valid, t.secrets.privateJwk, {
        token_use: 'id',
        aud: localMemberClientId,
        'cognito:groups': ['member'],
        'custom:memberId': self.id,
      }),
    );
  });

  it('a member token issued to the staff app client is 403; from the members client it is 200', async () => {
    const asMember = { 'cognito:groups': ['member'], [MEMBER_ID_CLAIM]: self.id };
    const fromStaffClient = await claimsToken(valid, t.secrets.privateJwk, asMember);
    expect(await status(fromStaffClient, '/v1/me')).toBe(403);
    const fromMemberClient = await claimsToken(valid, t.secrets.privateJwk, {
      ...asMember,
      client_id: localMemberClientId,
    });
    expect(await status(fromMemberClient, '/v1/me')).toBe(200);
  });

  it('an expired token is 401', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expect401(await claimsToken((jwt) => jwt.setIssuedAt(past - 60).setExpirationTime(past)));
  });

  it('a token not yet valid (nbf in the future) is 401', async () => {
    await expect401(await claimsToken((jwt) => jwt.setNotBefore('1h')));
  });

  it('a token signed with another key (same kid) is 401', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const foreign = { ...(await exportJWK(privateKey)), kid: t.secrets.privateJwk.kid };
    await expect401(await claimsToken(valid, foreign));
  });

  it('a token whose signature was altered is 401', async () => {
    const token = await claimsToken(valid);
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`;
    await expect401(`${header}.${payload}.${flipped}`);
  });

  it('a token whose payload was altered (role raised) is 401', async () => {
    const token = await t.token('member', self.id);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const raised = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    await expect401(`${header}.${raised}.${signature}`);
  });

  it('an unsigned token (alg: none) is 401', async () => {
    const token = new UnsecuredJWT(
      accessTokenClaims({
        role: 'admin',
        issuer: localIssuer,
        clientId: localStaffClientId,
        issuedAt: new Date(),
        lifetimeSeconds: 3600,
      }),
    ).encode();
    await expect401(token);
    // The same with the signature of a real token glued on.
    const real = (await claimsToken(valid)).split('.')[2];
    await expect401(`${token}${real}`);
  });

  it('an HS256 token keyed with the public key (algorithm confusion) is 401', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(t.secrets.publicJwk));
    const token = await new SignJWT(
      accessTokenClaims({
        role: 'admin',
        issuer: localIssuer,
        clientId: localStaffClientId,
        issuedAt: new Date(),
        lifetimeSeconds: 3600,
      }),
    )
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secret);
    await expect401(token);
  });

  it('a token from another issuer is 401', async () => {
    await expect401(await claimsToken((jwt) => jwt.setIssuer('https://cognito-idp.example.com/evil')));
  });

  it('a token issued to another app client is 401', async () => {
    await expect401(await claimsToken(valid, t.secrets.privateJwk, { client_id: 'someone-else' }));
  });

  it('malformed Authorization headers are 401', async () => {
    for (const header of [
      '',
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer a.b.c',
      `Bearer ${randomUUID()}`,
    ]) {
      await expect401(undefined, header);
    }
  });

  it('a valid token with no role is 403, and a member token without a member id is 403', async () => {
    const noRole = await claimsToken(valid, t.secrets.privateJwk, { 'cognito:groups': ['guest'] });
    expect(await status(noRole)).toBe(403);
    const memberWithoutId = await claimsToken(valid, t.secrets.privateJwk, {
      'cognito:groups': ['member'],
      client_id: localMemberClientId,
    });
    expect(await status(memberWithoutId, '/v1/me')).toBe(403);
  });
});
