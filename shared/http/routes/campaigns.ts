import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type ExclusionReason, exclusionReasons } from '../../campaigns/audience.ts';
import type { AudienceRepository } from '../../campaigns/audience-repository.ts';
import { previewCampaign } from '../../campaigns/campaign-preview.ts';
import type { CampaignRepository } from '../../campaigns/campaign-repository.ts';
import {
  type Campaign,
  campaignCreateSchema,
  campaignPatchSchema,
  campaignSchema,
  perLanguage,
} from '../../campaigns/campaign-schema.ts';
import type { CampaignService } from '../../campaigns/campaign-service.ts';
import { localTimestamp } from '../../campaigns/send-time.ts';
import { pageFrom } from '../../data/cursor.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { readTierTable } from '../../settings/settings-repository.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion } from '../etag.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { etagHeader, idParam, ifMatchHeader, json } from '../route-parts.ts';

/** A campaign as answered: `sendAt` in UTC, and `sendAtLocal` in the campaign's time zone. */
const campaignViewSchema = campaignSchema
  .extend({
    sendAtLocal: z.string().max(40).nullable().openapi({
      readOnly: true,
      description: '`sendAt` as RFC 3339 local time in `timeZone` (UTC when none is set).',
      example: '2027-01-15T10:00:00+07:00',
    }),
  })
  .openapi('CampaignView');

export function viewOf(campaign: Campaign) {
  return {
    ...campaign,
    sendAtLocal: campaign.sendAt ? localTimestamp(campaign.sendAt, campaign.timeZone ?? 'UTC') : null,
  };
}

const etag = etagHeader(
  "The campaign's version, strong; send it back in If-Match to edit or delete the draft.",
);
export const campaignWithEtag = { ...json(campaignViewSchema), headers: etag };
const ifMatch = ifMatchHeader('The ETag of the campaign as you read it (compared strongly).');
const notDraft = problem('The campaign is no longer a draft; the detail names the state it is in.');

export const createCampaign = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/campaigns',
    summary: 'Create a draft campaign',
    description:
      'Templates are checked at save: an unknown merge field, a refused construct (unescaped output, ' +
      'partials) or a syntax error is a 422 naming the language and the part.',
    request: { body: { required: true, ...json(campaignCreateSchema) } },
    responses: {
      201: {
        description: 'Created, as a draft.',
        ...json(campaignViewSchema),
        headers: {
          ...etag,
          Location: {
            description: 'The new campaign.',
            schema: { type: 'string', maxLength: 100, example: '/v1/campaigns/{id}' },
          },
        },
      },
    },
  },
);

export const listCampaigns = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/campaigns',
    summary: 'List campaigns, newest first',
    request: { query: z.object(paginationQuery) },
    responses: {
      200: { description: 'A page of campaigns.', ...json(pageSchema(campaignViewSchema, 'CampaignPage')) },
    },
  },
);

export const getCampaign = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/campaigns/{id}',
    summary: 'Read a campaign',
    request: { params: idParam },
    responses: {
      200: { description: 'The campaign.', ...campaignWithEtag },
      404: problem('No such campaign.'),
    },
  },
);

export const patchCampaign = securedRoute(
  { minimum: 'staff' },
  {
    method: 'patch',
    path: '/v1/campaigns/{id}',
    summary: 'Edit a draft (JSON merge patch)',
    description: 'The campaign as read, less its `readOnly` properties, is a valid patch.',
    request: {
      params: idParam,
      headers: ifMatch,
      body: {
        required: true,
        content: {
          'application/merge-patch+json': { schema: campaignPatchSchema },
          'application/json': { schema: campaignPatchSchema },
        },
      },
    },
    responses: {
      200: { description: 'The edited draft.', ...campaignWithEtag },
      404: problem('No such campaign.'),
      409: notDraft,
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
  },
);

export const deleteCampaign = securedRoute(
  { minimum: 'staff' },
  {
    method: 'delete',
    path: '/v1/campaigns/{id}',
    summary: 'Delete a draft',
    request: { params: idParam, headers: ifMatch },
    responses: {
      204: { description: 'Deleted.' },
      404: problem('No such campaign.'),
      409: notDraft,
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
  },
);

const countSchema = z.int32().min(0);
const renderedSchema = z
  .object({ subject: z.string().max(1000), html: z.string().max(200_000), text: z.string().max(100_000) })
  .nullable();
const previewSchema = z
  .object({
    audience: countSchema.openapi({ description: 'Contacts that would be mailed now.' }),
    byLanguage: z.object(perLanguage(countSchema)),
    excluded: z
      .object(
        Object.fromEntries(exclusionReasons.map((r) => [r, countSchema])) as Record<
          ExclusionReason,
          typeof countSchema
        >,
      )
      .openapi({
        description:
          'Contacts of members in the segment that would not be mailed, per reason; each counts under the ' +
          'first that applies, in this order.',
      }),
    samples: z.object(perLanguage(renderedSchema)).openapi({
      description:
        "Each language's variant rendered for its first recipient, with the merge values its email would " +
        'carry (tier, country and region named in that language); null when nobody gets it.',
    }),
  })
  .openapi('CampaignPreview');

export const previewCampaignRoute = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/campaigns/{id}/preview',
    summary: 'Preview the audience and a rendered sample per language; sends nothing',
    request: { params: idParam },
    responses: {
      200: { description: 'Who would be mailed now, who not and why.', ...json(previewSchema) },
      404: problem('No such campaign.'),
    },
  },
);

export function campaignRoutes(
  deps: AppDeps,
  service: CampaignService,
  campaigns: CampaignRepository,
  audience: AudienceRepository,
) {
  const app = new OpenAPIHono<AppEnv>();
  const found = async (id: string) => {
    const campaign = await campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No campaign ${id}.`);
    return campaign;
  };

  app.openapi(createCampaign, async (c) => {
    const campaign = await service.create(c.req.valid('json'));
    c.header('Location', `/v1/campaigns/${campaign.id}`);
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 201);
  });

  app.openapi(listCampaigns, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await pageFrom(deps.cursors, 'campaigns', cursor, (startKey) =>
      campaigns.list(limit, startKey),
    );
    return c.json({ items: page.items.map(viewOf), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getCampaign, async (c) => {
    const campaign = await found(c.req.valid('param').id);
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 200);
  });

  app.openapi(patchCampaign, async (c) => {
    const version = expectedVersion(c);
    const current = await found(c.req.valid('param').id);
    const campaign = await service.patch(current, c.req.valid('json'), version);
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 200);
  });

  app.openapi(previewCampaignRoute, async (c) => {
    const campaign = await found(c.req.valid('param').id);
    // The tier table names each sample's `{{tier}}`, as the dispatcher's does.
    const [hasher, tierTable] = await Promise.all([deps.suppression(), readTierTable(deps.db)]);
    return c.json(await previewCampaign(campaign, audience, hasher, tierTable.tiers), 200);
  });

  app.openapi(deleteCampaign, async (c) => {
    const version = expectedVersion(c);
    await campaigns.deleteDraft(c.req.valid('param').id, version);
    return c.body(null, 204);
  });

  return app;
}
