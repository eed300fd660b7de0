import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageFrom } from '../../data/cursor.ts';
import {
  memberCreateSchema,
  memberPatchSchema,
  memberSchema,
  memberSummarySchema,
  staffActorLabel,
  timestampSchema,
} from '../../domain/member-schema.ts';
import type { AccountService } from '../../members/account-service.ts';
import { actorOf } from '../../members/actor.ts';
import { directoryFilterShape, directoryPage } from '../../members/directory-listing.ts';
import { servedCombinations } from '../../members/directory-query.ts';
import { eraseMemberEverywhere } from '../../members/member-erasure.ts';
import { editMember } from '../../members/member-patch.ts';
import type { MemberRepository } from '../../members/member-repository.ts';
import type { MemberService } from '../../members/member-service.ts';
import { historyEntrySeenBy, memberSeenBy } from '../../members/seen-by-role.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion } from '../etag.ts';
import { historyEntrySchema } from '../history-entry-schema.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { etagHeader, idParam, ifMatchHeader } from '../route-parts.ts';

const memberJson = { content: { 'application/json': { schema: memberSchema } } };

const ifMatch = ifMatchHeader(
  'The ETag of the member as you read it (compared strongly: `W/` validators never match), or `*` ' +
    'for whatever version it is at. 428 without it, 412 if it is stale.',
);
const etag = etagHeader("The member's version, strong; send it back in If-Match to change the member.");
const memberWithEtag = { ...memberJson, headers: etag };
const anyVersionUnavailable = problem(
  'The database is unavailable, or under `If-Match: *` the member kept changing through every retry; ' +
    'nothing was written. `Retry-After` says when to send it again.',
);
const patchBody = {
  required: true,
  content: {
    'application/merge-patch+json': { schema: memberPatchSchema },
    'application/json': { schema: memberPatchSchema },
  },
};

export const listMembers = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/members',
    summary: 'List and search the member directory',
    description: `Sorted by name (ignoring legal forms, case and script). ${servedCombinations}`,
    request: {
      query: z.object({ ...paginationQuery, ...directoryFilterShape }),
    },
    responses: {
      200: {
        description: 'A page of members.',
        content: { 'application/json': { schema: pageSchema(memberSummarySchema, 'MemberPage') } },
      },
    },
  },
);

export const createMember = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/members',
    summary: 'Create a member company with its contacts',
    request: { body: { required: true, content: { 'application/json': { schema: memberCreateSchema } } } },
    responses: {
      201: {
        description: 'Created.',
        ...memberJson,
        headers: {
          ...etag,
          Location: {
            description: 'The new member.',
            schema: { type: 'string', maxLength: 100, example: '/v1/members/{id}' },
          },
        },
      },
      409: problem('The tax id or a contact email belongs to another member (see `field`).'),
    },
  },
);

export const getMember = securedRoute(
  { minimum: 'staff', member: 'path' },
  {
    method: 'get',
    path: '/v1/members/{id}',
    summary: 'One member with its contacts',
    request: { params: idParam },
    responses: {
      200: { description: 'The member; `ETag` carries its version.', ...memberWithEtag },
      404: problem('No such member.'),
    },
  },
);

export const patchMember = securedRoute(
  { minimum: 'staff', member: 'path' },
  {
    method: 'patch',
    path: '/v1/members/{id}',
    summary: 'Change a member (JSON merge patch)',
    description:
      'The member as read (GET), less its `readOnly` properties, is a valid patch. Only an admin may ' +
      'move a member out of `resigned`.',
    request: { params: idParam, headers: ifMatch, body: patchBody },
    responses: {
      200: { description: 'The changed member.', ...memberWithEtag },
      403: problem(
        'Not allowed: a member changing a staff-owned field, or staff reinstating a resigned member.',
      ),
      404: problem('No such member.'),
      409: problem(
        'The tax id or a contact email belongs to another member (staff only: an address a member ' +
          'adds is unverified and never conflicts here).',
      ),
      412: problem('If-Match is stale.'),
      429: problem(
        'A member adding addresses would pass its daily limit of confirmation emails; nothing was written.',
      ),
      428: problem('If-Match is missing.'),
      503: anyVersionUnavailable,
    },
  },
);

export const resignMember = securedRoute(
  { minimum: 'admin' },
  {
    method: 'delete',
    path: '/v1/members/{id}',
    summary: 'The member resigns (the record is kept)',
    request: { params: idParam, headers: ifMatch },
    responses: {
      200: { description: 'The resigned member.', ...memberWithEtag },
      404: problem('No such member.'),
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
      503: anyVersionUnavailable,
    },
  },
);

export const eraseMember = securedRoute(
  { minimum: 'admin' },
  {
    method: 'post',
    path: '/v1/members/{id}/erase',
    summary: "Erase the personal data of the member's contacts",
    description:
      'Contacts and their history become tombstones, email guards are released, a keyed one-way hash of ' +
      'each address is kept on the suppression list, and the company record and the fact of erasure remain.',
    request: { params: idParam },
    responses: {
      200: { description: 'The member after erasure.', ...memberWithEtag },
      404: problem('No such member.'),
      409: problem('The member kept changing while it was being erased; erase it again.'),
    },
  },
);

export const exportMember = securedRoute(
  { minimum: 'staff', member: 'path' },
  {
    method: 'get',
    path: '/v1/members/{id}/export',
    summary: 'Everything held about a member and its contacts',
    request: { params: idParam },
    responses: {
      200: {
        description:
          'Profile, contacts with consent, and the full history. Staff read the ids of the staff users ' +
          `in it; the member reads \`${staffActorLabel}\` in their place.`,
        content: {
          'application/json': {
            schema: z
              .object({
                member: memberSchema,
                // Every entry of the member's history: a long-lived member's list grows without bound.
                history: z.array(historyEntrySchema).max(100_000),
                exportedAt: timestampSchema,
              })
              .openapi('MemberExport'),
          },
        },
      },
      404: problem('No such member.'),
    },
  },
);

export const memberHistory = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/members/{id}/history',
    summary: 'Audit trail of a member, newest first',
    request: { params: idParam, query: z.object(paginationQuery) },
    responses: {
      200: {
        description: 'Who changed what, when, with old and new values.',
        content: { 'application/json': { schema: pageSchema(historyEntrySchema, 'HistoryPage') } },
      },
      404: problem('No such member.'),
    },
  },
);

export const getMe = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'get',
    path: '/v1/me',
    summary: "The caller's own member",
    responses: { 200: { description: 'The member.', ...memberWithEtag } },
  },
);

export const patchMe = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'patch',
    path: '/v1/me',
    summary: "Change the caller's own member (profile fields only)",
    description:
      'The member as read (GET /v1/me), less its `readOnly` properties, is a valid patch: staff-owned ' +
      'fields may be sent unchanged. An address you add or change is `unverified` (whether or not ' +
      'anyone else has it) and gets a confirmation email in its contact’s language, with a link valid ' +
      '7 days; it gets no other mail until the person confirms it.',
    request: { headers: ifMatch, body: patchBody },
    responses: {
      200: { description: 'The changed member.', ...memberWithEtag },
      403: problem('A staff-owned field differs from its current value.'),
      429: problem(
        'The addresses added would pass the daily limit of confirmation emails; nothing was written.',
      ),
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
      503: anyVersionUnavailable,
    },
  },
);

export function memberRoutes(
  deps: AppDeps,
  service: MemberService,
  repository: MemberRepository,
  accounts: AccountService,
) {
  const services = { members: service, accounts };
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(listMembers, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid('query');
    const page = await directoryPage(repository, filters, { limit, cursor, cursors: deps.cursors });
    return c.json(page, 200);
  });

  app.openapi(createMember, async (c) => {
    const member = await service.create(c.req.valid('json'), actorOf(c.get('principal')));
    c.header('Location', `/v1/members/${member.id}`);
    c.header('ETag', etagOf(member.version));
    return c.json(member, 201);
  });

  app.openapi(getMember, async (c) => {
    const member = await service.get(c.req.valid('param').id);
    c.header('ETag', etagOf(member.version));
    return c.json(memberSeenBy(c.get('principal').role, member), 200);
  });

  app.openapi(patchMember, async (c) => {
    const { id } = c.req.valid('param');
    const actor = actorOf(c.get('principal'));
    const member = await editMember(services, id, c.req.valid('json'), actor, () =>
      expectedVersion(c, { allowAny: true }),
    );
    c.header('ETag', etagOf(member.version));
    return c.json(memberSeenBy(actor.role, member), 200);
  });

  app.openapi(resignMember, async (c) => {
    const actor = actorOf(c.get('principal'));
    const member = await service.resign(
      c.req.valid('param').id,
      actor,
      expectedVersion(c, { allowAny: true }),
    );
    // Nobody signs in for a company that left; run again by a repeated DELETE if it fails half way.
    await accounts.revokeAll(member.id, actor);
    c.header('ETag', etagOf(member.version));
    return c.json(member, 200);
  });

  app.openapi(eraseMember, async (c) => {
    const member = await eraseMemberEverywhere(
      deps,
      services,
      c.req.valid('param').id,
      actorOf(c.get('principal')),
    );
    c.header('ETag', etagOf(member.version));
    return c.json(member, 200);
  });

  app.openapi(exportMember, async (c) => {
    const viewer = c.get('principal').role;
    const { member, history, exportedAt } = await service.export(c.req.valid('param').id);
    return c.json(
      {
        member: memberSeenBy(viewer, member),
        history: history.flatMap((entry) => historyEntrySeenBy(viewer, entry) ?? []),
        exportedAt,
      },
      200,
    );
  });

  app.openapi(memberHistory, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const scope = `history:${id}`;
    const page = await pageFrom(deps.cursors, scope, cursor, (startKey) =>
      service.history(id, limit, startKey),
    );
    return c.json(page, 200);
  });

  app.openapi(getMe, async (c) => {
    const principal = c.get('principal');
    const member = await service.get(principal.memberId!);
    c.header('ETag', etagOf(member.version));
    return c.json(memberSeenBy(principal.role, member), 200);
  });

  app.openapi(patchMe, async (c) => {
    const principal = c.get('principal');
    const actor = actorOf(principal);
    const member = await editMember(services, principal.memberId!, c.req.valid('json'), actor, () =>
      expectedVersion(c, { allowAny: true }),
    );
    c.header('ETag', etagOf(member.version));
    return c.json(memberSeenBy(actor.role, member), 200);
  });

  return app;
}
