import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { exclusionReasons } from '../../campaigns/audience.ts';
import type { CampaignRepository } from '../../campaigns/campaign-repository.ts';
import { CampaignRuns } from '../../campaigns/campaign-runs.ts';
import type { Campaign } from '../../campaigns/campaign-schema.ts';
import {
  type PublicRecipientStatus,
  publicRecipientStatuses,
  publicStatusOf,
  type Recipient,
} from '../../campaigns/recipient.ts';
import type { RecipientRepository } from '../../campaigns/recipient-repository.ts';
import { pageFrom } from '../../data/cursor.ts';
import { languageSchema, ulidSchema } from '../../domain/member-schema.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf } from '../etag.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { idParam, json } from '../route-parts.ts';
import { campaignWithEtag, viewOf } from './campaigns.ts';

const notMovable = problem(
  'The campaign is not in a state this move starts from; the detail names the moves it allows.',
);

const scheduleBodySchema = z
  .strictObject({
    sendAt: z.iso
      .datetime({ offset: true })
      .max(40)
      .optional()
      .openapi({ description: 'RFC 3339 with any offset, in the future; omit it to send now.' }),
  })
  .openapi('CampaignSchedule', { example: { sendAt: '2027-01-15T10:00:00+07:00' } });

const move = (path: string, summary: string, description: string) =>
  securedRoute(
    { minimum: 'staff' },
    {
      method: 'post',
      path: `/v1/campaigns/{id}/${path}`,
      summary,
      description,
      request: { params: idParam },
      responses: {
        200: { description: 'The campaign as moved.', ...campaignWithEtag },
        404: problem('No such campaign.'),
        409: notMovable,
      },
    },
  );

export const scheduleCampaign = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/campaigns/{id}/schedule',
    summary: 'Schedule a draft, or send it now',
    description:
      'With `sendAt` (in the future) the campaign becomes `scheduled` and is sent then; with `{}` it is ' +
      'sent now. Sending resolves the audience at that moment: one recipient per contact, those left out ' +
      'recorded with their reason.',
    request: { params: idParam, body: { required: true, ...json(scheduleBodySchema) } },
    responses: {
      202: { description: 'Scheduled; sending starts at `sendAt`.', ...campaignWithEtag },
      404: problem('No such campaign.'),
      409: problem('The campaign is not a draft.'),
      503: problem('This deployment cannot send campaigns yet.'),
    },
  },
);

export const unscheduleCampaign = move(
  'unschedule',
  'Take a scheduled campaign back to draft',
  'Its schedule is removed and it can be edited again; scheduling it anew sets a new send time.',
);
export const cancelCampaign = move(
  'cancel',
  'Cancel a scheduled, sending or paused campaign',
  'Recipients not yet handed to the mail provider stay `queued` and get nothing; what was sent stays recorded.',
);
export const pauseCampaign = move(
  'pause',
  'Hold a sending campaign',
  'Recipients not yet handed to the mail provider wait, `queued`, until it is resumed.',
);
export const resumeCampaign = move(
  'resume',
  'Resume a paused campaign',
  'Hands the recipients still `queued` to the sender again.',
);

const recipientViewSchema = z
  .object({
    contactId: ulidSchema,
    companyKind: z.enum(['member', 'partner']).openapi({
      description: "Whose contact: a member's, or a partner's (`memberId` then holds the partner's id).",
    }),
    memberId: ulidSchema,
    email: z.string().max(254).nullable(),
    language: languageSchema.nullable(),
    status: z
      .enum(publicRecipientStatuses)
      .nullable()
      .openapi({ description: 'Null for a contact left out.' }),
    reason: z
      .enum(exclusionReasons)
      .nullable()
      .openapi({ description: 'Why a contact was left out; else null.' }),
    sentAt: z.string().max(40).nullable(),
  })
  .openapi('CampaignRecipient');

const testSentSchema = z
  .object({
    to: z.string().max(254).openapi({ description: 'Your own address, where the test emails go.' }),
    languages: z.array(languageSchema).max(3).openapi({ description: 'One email per language variant.' }),
  })
  .openapi('CampaignTestSent');

export const testCampaign = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/campaigns/{id}/test',
    summary: 'Send each language variant to yourself',
    description:
      'Each variant goes to the caller’s own address (the user pool’s), built as recipients’ emails are ' +
      '(footer, unsubscribe link, headers) with sample merge values and `[Test]` before the subject. ' +
      'No recipient is written and nothing counts in the stats. Any state, a draft included.',
    request: { params: idParam },
    responses: {
      202: { description: 'Queued for the sender, one email per language.', ...json(testSentSchema) },
      404: problem('No such campaign.'),
      409: problem('Your account has no email address to send to.'),
      503: problem('This deployment cannot send campaign emails yet.'),
    },
  },
);

export const releaseRecipient = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/campaigns/{id}/recipients/{contactId}/release',
    summary: 'Give a recipient whose send is unknown one more attempt',
    description:
      'For a recipient `unknown` (the sender handed its email to the provider and never learnt whether it ' +
      'was taken) that was never released: it becomes `queued` and goes to the sender once more, even ' +
      'when the campaign is already `sent`. Check the provider first: if the email did go out, the ' +
      'person gets it twice. A recipient is released at most once.',
    request: {
      params: idParam.extend({ contactId: ulidSchema.openapi({ param: { name: 'contactId', in: 'path' } }) }),
    },
    responses: {
      202: { description: 'Queued again.', ...json(recipientViewSchema) },
      404: problem('No such campaign, or no such recipient of it.'),
      409: problem('The recipient is not `unknown`, was released before, or its campaign was cancelled.'),
      503: problem('This deployment cannot send campaigns yet.'),
    },
  },
);

/**
 * How long a send may stay unknown before staff are shown it: SES reports a delivery within minutes
 * and keeps retrying deferred mail for hours, so an unknown send with no event after this long is
 * worth checking in the provider's logs before releasing it.
 */
export const unknownWindowMs = 6 * 3600 * 1000;

const unknownRecipientSchema = recipientViewSchema
  .extend({
    campaignId: ulidSchema,
    unknownSince: z.string().max(40).openapi({ description: 'When the send became unknown.' }),
    releasedAt: z.string().max(40).nullable(),
  })
  .openapi('UnknownRecipient');

export const listUnknownRecipients = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/unknown-recipients',
    summary: 'Sends whose outcome is still unknown after 6 hours, in every campaign',
    description:
      'The sender handed these emails to the provider and never learnt whether it took them, and no ' +
      'provider event has settled them since. Check the provider’s logs; release one (`POST ' +
      '/v1/campaigns/{id}/recipients/{contactId}/release`) only if the email did not go out. Oldest first.',
    request: { query: z.object(paginationQuery) },
    responses: {
      200: {
        description: 'A page of unknown sends.',
        ...json(pageSchema(unknownRecipientSchema, 'UnknownRecipientPage')),
      },
    },
  },
);

export const listRecipients = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/campaigns/{id}/recipients',
    summary: "A campaign's recipients and the contacts it left out, with why",
    request: { params: idParam, query: z.object(paginationQuery) },
    responses: {
      200: {
        description: 'A page of recipients.',
        ...json(pageSchema(recipientViewSchema, 'CampaignRecipientPage')),
      },
      404: problem('No such campaign.'),
    },
  },
);

const countSchema = z.int32().min(0);
const statsSchema = z
  .object({
    audience: countSchema.openapi({
      description: 'Recipients: contacts the campaign mails (left-out ones aside).',
    }),
    excluded: countSchema.openapi({
      description: 'Contacts of the segment left out (see `recipients` for why).',
    }),
    byStatus: z.object(
      Object.fromEntries(publicRecipientStatuses.map((status) => [status, countSchema])) as Record<
        PublicRecipientStatus,
        typeof countSchema
      >,
    ),
  })
  .openapi('CampaignStats');

export const campaignStats = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/campaigns/{id}/stats',
    summary: 'Recipients per status',
    request: { params: idParam },
    responses: {
      200: { description: 'Counts, exact as of the read.', ...json(statsSchema) },
      404: problem('No such campaign.'),
    },
  },
);

function recipientView(r: Recipient) {
  return {
    contactId: r.contactId,
    companyKind: r.companyKind,
    memberId: r.memberId,
    email: r.email,
    language: r.language,
    status: publicStatusOf(r.status),
    reason: r.reason,
    sentAt: r.sentAt,
  };
}

export function campaignSendingRoutes(
  deps: AppDeps,
  campaigns: CampaignRepository,
  recipients: RecipientRepository,
) {
  const app = new OpenAPIHono<AppEnv>();
  const runs = new CampaignRuns(deps, campaigns, recipients);
  const moved = (c: Context<AppEnv>, campaign: Campaign) => {
    c.header('ETag', etagOf(campaign.version));
    return viewOf(campaign);
  };

  app.openapi(scheduleCampaign, async (c) => {
    const campaign = await runs.schedule(c.req.valid('param').id, c.req.valid('json').sendAt);
    return c.json(moved(c, campaign), 202);
  });

  app.openapi(unscheduleCampaign, async (c) =>
    c.json(moved(c, await runs.unschedule(c.req.valid('param').id)), 200),
  );

  app.openapi(cancelCampaign, async (c) => c.json(moved(c, await runs.cancel(c.req.valid('param').id)), 200));

  app.openapi(pauseCampaign, async (c) => c.json(moved(c, await runs.pause(c.req.valid('param').id)), 200));

  app.openapi(resumeCampaign, async (c) => c.json(moved(c, await runs.resume(c.req.valid('param').id)), 200));

  app.openapi(listRecipients, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    await runs.found(id);
    const page = await pageFrom(deps.cursors, `recipients:${id}`, cursor, (startKey) =>
      recipients.page(id, limit, startKey),
    );
    return c.json({ items: page.items.map(recipientView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(listUnknownRecipients, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const before = new Date(deps.clock().getTime() - unknownWindowMs);
    const page = await pageFrom(deps.cursors, 'unknown-recipients', cursor, (startKey) =>
      recipients.unknownSince(before, limit, startKey),
    );
    return c.json(
      {
        items: page.items.map((r) => ({
          ...recipientView(r),
          campaignId: r.campaignId,
          unknownSince: r.unknownSince,
          releasedAt: r.releasedAt,
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(testCampaign, async (c) =>
    c.json(await runs.queueTest(c.req.valid('param').id, c.get('principal').sub), 202),
  );

  app.openapi(releaseRecipient, async (c) => {
    const { id, contactId } = c.req.valid('param');
    return c.json(recipientView(await runs.release(id, contactId)), 202);
  });

  app.openapi(campaignStats, async (c) => c.json(await runs.stats(c.req.valid('param').id), 200));

  return app;
}
