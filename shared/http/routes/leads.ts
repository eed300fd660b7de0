import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageFrom } from '../../data/cursor.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { topicSchema, ulidSchema } from '../../domain/member-schema.ts';
import { text } from '../../domain/text.ts';
import { leadListFilters, leadPage, servedLeadFilters } from '../../leads/lead-lists.ts';
import type { LeadRepository } from '../../leads/lead-repository.ts';
import {
  type Lead,
  leadActivityInputSchema,
  leadCreateSchema,
  leadPatchSchema,
  leadSchema,
  leadSummarySchema,
  leadTransitionSchema,
  leadWithTimelineSchema,
  type MemberLead,
  memberLeadSchema,
  memberLeadWithActivitiesSchema,
  type TimelineEntry,
} from '../../leads/lead-schema.ts';
import type { LeadService } from '../../leads/lead-service.ts';
import { actorOf } from '../../members/actor.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion } from '../etag.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { etagHeader, idParam, ifMatchHeader, json } from '../route-parts.ts';

const etag = etagHeader("The lead's version, strong; send it back in If-Match to edit it.");
const ifMatch = ifMatchHeader('The ETag of the lead as you read it, or `*`. 428 without it, 412 if stale.');
const tags = ['Partnership leads'];

export const listLeads = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/leads',
    summary: 'List partnership leads',
    description: servedLeadFilters,
    request: {
      query: z.object({ ...paginationQuery, ...leadListFilters() }),
    },
    responses: {
      200: { description: 'A page of leads.', ...json(pageSchema(leadSummarySchema, 'LeadPage')) },
    },
    tags,
  },
);

export const createLead = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/leads',
    summary: 'Open a partnership lead',
    request: { body: { required: true, ...json(leadCreateSchema) } },
    responses: {
      201: {
        description: 'Created, in stage `new`.',
        ...json(leadSchema),
        headers: {
          ...etag,
          Location: {
            description: 'The new lead.',
            schema: { type: 'string', maxLength: 100, example: '/v1/leads/{id}' },
          },
        },
      },
      404: problem('The member, partner or second member named does not exist.'),
      409: problem('An open lead for the same two companies and topic exists; `existing` names it.'),
    },
    tags,
  },
);

export const getLead = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/leads/{id}',
    summary: 'One lead with its activity timeline, oldest first',
    request: { params: idParam },
    responses: {
      200: { description: 'The lead and its timeline.', ...json(leadWithTimelineSchema), headers: etag },
      404: problem('No such lead.'),
    },
    tags,
  },
);

export const patchLead = securedRoute(
  { minimum: 'staff' },
  {
    method: 'patch',
    path: '/v1/leads/{id}',
    summary: 'Edit a lead (JSON merge patch)',
    request: {
      params: idParam,
      headers: ifMatch,
      body: {
        required: true,
        content: {
          'application/merge-patch+json': { schema: leadPatchSchema },
          'application/json': { schema: leadPatchSchema },
        },
      },
    },
    responses: {
      200: { description: 'The edited lead.', ...json(leadSchema), headers: etag },
      404: problem('No such lead.'),
      409: problem('The new topic would make a second open lead for the two companies; `existing` names it.'),
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
    tags,
  },
);

export const transitionLead = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/leads/{id}/transitions',
    summary: 'Move a lead to another stage',
    description:
      '`new → contacted → meeting → negotiating → won`; any open stage may go to `lost` (with `reason`); ' +
      '`lost` may reopen to `contacted`. Written with the lead in one transaction, on its timeline.',
    request: { params: idParam, body: { required: true, ...json(leadTransitionSchema) } },
    responses: {
      200: { description: 'The moved lead.', ...json(leadSchema), headers: etag },
      404: problem('No such lead.'),
      409: problem(
        'The stage rules do not allow this move from where the lead is (the detail names the allowed ' +
          'moves), or reopening it would make a second open lead for the two companies and topic.',
      ),
    },
    tags,
  },
);

export const addLeadActivity = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/leads/{id}/activities',
    summary: 'Add a note, call, meeting or email to the timeline',
    request: { params: idParam, body: { required: true, ...json(leadActivityInputSchema) } },
    responses: {
      201: { description: 'The lead, its last activity moved on.', ...json(leadSchema), headers: etag },
      404: problem('No such lead.'),
    },
    tags,
  },
);

export const listMyLeads = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'get',
    path: '/v1/me/leads',
    summary: "Leads in which the caller's company is the member side",
    description:
      'Stage, the other company, topic and next action; never notes, value, owner or why a lead was lost.',
    request: { query: z.object(paginationQuery) },
    responses: {
      200: { description: 'A page of leads.', ...json(pageSchema(memberLeadSchema, 'MemberLeadPage')) },
    },
    tags,
  },
);

export const getMyLead = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'get',
    path: '/v1/me/leads/{leadId}',
    summary: "One of the caller's leads, with the activities staff shared",
    request: { params: z.object({ leadId: ulidSchema.openapi({ param: { name: 'leadId', in: 'path' } }) }) },
    responses: {
      200: { description: 'The lead as the member sees it.', ...json(memberLeadWithActivitiesSchema) },
      404: problem("No such lead among the caller's."),
    },
    tags,
  },
);

export const expressInterest = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'post',
    path: '/v1/me/matches/{companyId}/interest',
    summary: 'Ask the association for an introduction to a company of your matches',
    description:
      'Opens a `new`, unassigned lead for staff, its source the match. `topic` defaults to the first ' +
      'topic on which the two meet.',
    request: {
      params: z.object({ companyId: ulidSchema.openapi({ param: { name: 'companyId', in: 'path' } }) }),
      body: {
        required: true,
        ...json(
          z
            .strictObject({ topic: topicSchema.optional(), note: text(1000).optional() })
            .openapi('MatchInterest', { example: { note: 'We would like to meet at the Hanoi fair.' } }),
        ),
      },
    },
    responses: {
      201: { description: 'The lead, as the member sees it.', ...json(memberLeadSchema) },
      404: problem('No such company among those matchmaking shows.'),
      409: problem('An open lead for the two companies and this topic exists already.'),
    },
    tags,
  },
);

/** What the member sees of its lead (memberLeadSchema): never notes, value, owner or lost reason. */
function memberLeadOf(
  lead: Pick<Lead, 'id' | 'stage' | 'counterpart' | 'topic' | 'nextAction' | 'lastActivityAt'>,
): MemberLead {
  return {
    id: lead.id,
    stage: lead.stage,
    counterpart: lead.counterpart,
    topic: lead.topic,
    ...(lead.nextAction ? { nextAction: lead.nextAction } : {}),
    lastActivityAt: lead.lastActivityAt,
  };
}

/** A shared entry as the member reads it: what happened and when; a transition's note stays staff's. */
function sharedEntryOf({ by: _by, reason: _reason, fields: _fields, ...entry }: TimelineEntry) {
  return entry.type === 'transition' ? { ...entry, text: undefined } : entry;
}

export function leadRoutes(deps: AppDeps, service: LeadService, repository: LeadRepository) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(listLeads, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid('query');
    const leads = { leads: repository, clock: deps.clock, cursors: deps.cursors };
    return c.json(await leadPage(leads, filters, c.get('principal').sub, { limit, cursor }), 200);
  });

  app.openapi(createLead, async (c) => {
    const lead = await service.create(c.req.valid('json'), actorOf(c.get('principal')));
    c.header('Location', `/v1/leads/${lead.id}`);
    c.header('ETag', etagOf(lead.version));
    return c.json(lead, 201);
  });

  app.openapi(getLead, async (c) => {
    const lead = await service.withTimeline(c.req.valid('param').id);
    c.header('ETag', etagOf(lead.version));
    return c.json(lead, 200);
  });

  app.openapi(patchLead, async (c) => {
    const lead = await service.patch(
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c.get('principal')),
      expectedVersion(c, { allowAny: true }),
    );
    c.header('ETag', etagOf(lead.version));
    return c.json(lead, 200);
  });

  app.openapi(transitionLead, async (c) => {
    const lead = await service.transition(
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c.get('principal')),
    );
    c.header('ETag', etagOf(lead.version));
    return c.json(lead, 200);
  });

  app.openapi(addLeadActivity, async (c) => {
    const lead = await service.addActivity(
      c.req.valid('param').id,
      c.req.valid('json'),
      actorOf(c.get('principal')),
    );
    c.header('ETag', etagOf(lead.version));
    return c.json(lead, 201);
  });

  app.openapi(listMyLeads, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const memberId = c.get('principal').memberId!;
    const scope = `my-leads:${memberId}`;
    const page = await pageFrom(deps.cursors, scope, cursor, (startKey) =>
      repository.list({ facet: 'member', value: memberId, limit, startKey }),
    );
    return c.json({ items: page.items.map(memberLeadOf), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getMyLead, async (c) => {
    const memberId = c.get('principal').memberId!;
    const { leadId } = c.req.valid('param');
    const found = await service.get(leadId).catch(() => undefined);
    if (!found || found.lead.memberId !== memberId) throw new NotFoundError(`No lead ${leadId} of yours.`);
    return c.json(
      { ...memberLeadOf(found.lead), activities: found.timeline.filter((e) => e.shared).map(sharedEntryOf) },
      200,
    );
  });

  app.openapi(expressInterest, async (c) => {
    const principal = c.get('principal');
    const { topic, note } = c.req.valid('json');
    const lead = await service.expressInterest(
      principal.memberId!,
      c.req.valid('param').companyId,
      topic,
      note,
      actorOf(principal),
    );
    return c.json(memberLeadOf(lead), 201);
  });

  return app;
}
