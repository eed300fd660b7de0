import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageFrom } from '../../data/cursor.ts';
import { memberSchema, ulidSchema } from '../../domain/member-schema.ts';
import {
  partnerCreateSchema,
  partnerJoinSchema,
  partnerPatchSchema,
  partnerSchema,
  partnerSummarySchema,
} from '../../domain/partner-schema.ts';
import { actorOf } from '../../members/actor.ts';
import type { MemberService } from '../../members/member-service.ts';
import { erasePartnerEverywhere } from '../../partners/partner-erasure.ts';
import { partnerHistoryActions } from '../../partners/partner-history.ts';
import {
  partnerFilterShape,
  partnerPage,
  servedPartnerCombinations,
} from '../../partners/partner-listing.ts';
import type { PartnerRepository } from '../../partners/partner-repository.ts';
import type { PartnerService } from '../../partners/partner-service.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion } from '../etag.ts';
import { historyEntrySchema } from '../history-entry-schema.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { etagHeader, idParam, ifMatchHeader, json } from '../route-parts.ts';

const etag = etagHeader("The partner's version, strong; send it back in If-Match to change it.");
const partnerWithEtag = { ...json(partnerSchema), headers: etag };
const ifMatch = ifMatchHeader(
  'The ETag of the partner as you read it, or `*` for whatever version it is at. 428 without it, 412 if stale.',
);

const partnerHistoryEntrySchema = historyEntrySchema
  .omit({ memberId: true, action: true })
  .extend({ partnerId: ulidSchema, action: z.enum(partnerHistoryActions) })
  .openapi('PartnerHistoryEntry');

export const listPartners = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/partners',
    summary: 'List and search foreign partners',
    description: `Sorted by Latin name (ignoring legal forms, case and script). ${servedPartnerCombinations}`,
    request: {
      query: z.object({
        ...paginationQuery,
        ...partnerFilterShape,
      }),
    },
    responses: {
      200: {
        description: 'A page of partners.',
        ...json(pageSchema(partnerSummarySchema, 'PartnerPage')),
      },
    },
  },
);

export const createPartner = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/partners',
    summary: 'Add a foreign partner with its contacts',
    request: { body: { required: true, ...json(partnerCreateSchema) } },
    responses: {
      201: {
        description: 'Created.',
        ...json(partnerSchema),
        headers: {
          ...etag,
          Location: {
            description: 'The new partner.',
            schema: { type: 'string', maxLength: 100, example: '/v1/partners/{id}' },
          },
        },
      },
      409: problem(
        'A member or partner holds the tax id or a contact email, or a partner of the same name is ' +
          'listed in the country (without `confirmNotDuplicate`); `existing` names it.',
      ),
    },
  },
);

export const getPartner = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/partners/{id}',
    summary: 'One partner with its contacts',
    request: { params: idParam },
    responses: {
      200: { description: 'The partner; `ETag` carries its version.', ...partnerWithEtag },
      404: problem('No such partner.'),
    },
  },
);

export const patchPartner = securedRoute(
  { minimum: 'staff' },
  {
    method: 'patch',
    path: '/v1/partners/{id}',
    summary: 'Change a partner (JSON merge patch)',
    request: {
      params: idParam,
      headers: ifMatch,
      body: {
        required: true,
        content: {
          'application/merge-patch+json': { schema: partnerPatchSchema },
          'application/json': { schema: partnerPatchSchema },
        },
      },
    },
    responses: {
      200: { description: 'The changed partner.', ...partnerWithEtag },
      404: problem('No such partner.'),
      409: problem('A member or partner holds the tax id or a contact email, or the partner joined already.'),
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
  },
);

export const joinPartner = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/partners/{id}/membership',
    summary: 'The partner joins the association: it becomes a member',
    description:
      'One transaction creates the member from the partner (names, country, sectors, markets, ' +
      'languages, website, and its contacts with their ids and consent) and this body, moves the ' +
      "partner's tax-id and email guards to it, and leaves the partner readable with `joinedAs`, " +
      'out of partner lists and audiences.',
    request: { params: idParam, headers: ifMatch, body: { required: true, ...json(partnerJoinSchema) } },
    responses: {
      201: {
        description: 'The new member.',
        ...json(memberSchema),
        headers: {
          ...etagHeader("The member's version."),
          Location: {
            description: 'The new member.',
            schema: { type: 'string', maxLength: 100, example: '/v1/members/{id}' },
          },
        },
      },
      404: problem('No such partner.'),
      409: problem('The partner joined already (`existing` names the member), or a member holds its tax id.'),
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
  },
);

export const erasePartner = securedRoute(
  { minimum: 'admin' },
  {
    method: 'post',
    path: '/v1/partners/{id}/erase',
    summary: "Erase the personal data of the partner's contacts",
    description:
      'As for a member: contacts and their history become tombstones, email guards are released, a keyed ' +
      'one-way hash of each address joins the suppression list, campaign recipients are blanked.',
    request: { params: idParam },
    responses: {
      200: { description: 'The partner after erasure.', ...partnerWithEtag },
      404: problem('No such partner.'),
      409: problem('The partner kept changing while it was being erased; erase it again.'),
    },
  },
);

export const exportPartner = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/partners/{id}/export',
    summary: 'Everything held about a partner and its contacts',
    request: { params: idParam },
    responses: {
      200: {
        description: 'Profile, contacts with consent, notes, and the full history.',
        ...json(
          z
            .object({
              partner: partnerSchema,
              history: z.array(partnerHistoryEntrySchema).max(100_000),
              exportedAt: z.string().max(40),
            })
            .openapi('PartnerExport'),
        ),
      },
      404: problem('No such partner.'),
    },
  },
);

export const partnerHistory = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/partners/{id}/history',
    summary: 'Audit trail of a partner, newest first',
    request: { params: idParam, query: z.object(paginationQuery) },
    responses: {
      200: {
        description: 'Who changed what, when, with old and new values.',
        ...json(pageSchema(partnerHistoryEntrySchema, 'PartnerHistoryPage')),
      },
      404: problem('No such partner.'),
    },
  },
);

export function partnerRoutes(
  deps: AppDeps,
  service: PartnerService,
  repository: PartnerRepository,
  members: MemberService,
) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(listPartners, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid('query');
    return c.json(await partnerPage(repository, filters, { limit, cursor, cursors: deps.cursors }), 200);
  });

  app.openapi(createPartner, async (c) => {
    const partner = await service.create(c.req.valid('json'), actorOf(c.get('principal')));
    c.header('Location', `/v1/partners/${partner.id}`);
    c.header('ETag', etagOf(partner.version));
    return c.json(partner, 201);
  });

  app.openapi(getPartner, async (c) => {
    const partner = await service.get(c.req.valid('param').id);
    c.header('ETag', etagOf(partner.version));
    return c.json(partner, 200);
  });

  app.openapi(patchPartner, async (c) => {
    const partner = await service.patch(
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c.get('principal')),
      expectedVersion(c, { allowAny: true }),
    );
    c.header('ETag', etagOf(partner.version));
    return c.json(partner, 200);
  });

  app.openapi(joinPartner, async (c) => {
    const member = await service.join(
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c.get('principal')),
      expectedVersion(c, { allowAny: true }),
      members,
    );
    c.header('Location', `/v1/members/${member.id}`);
    c.header('ETag', etagOf(member.version));
    return c.json(member, 201);
  });

  app.openapi(erasePartner, async (c) => {
    const partner = await erasePartnerEverywhere(
      deps,
      service,
      c.req.valid('param').id,
      actorOf(c.get('principal')),
    );
    c.header('ETag', etagOf(partner.version));
    return c.json(partner, 200);
  });

  app.openapi(exportPartner, async (c) => c.json(await service.export(c.req.valid('param').id), 200));

  app.openapi(partnerHistory, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const scope = `partner-history:${id}`;
    const page = await pageFrom(deps.cursors, scope, cursor, (startKey) =>
      service.history(id, limit, startKey),
    );
    return c.json(page, 200);
  });

  return app;
}
