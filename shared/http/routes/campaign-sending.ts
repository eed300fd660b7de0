import { OpenAPIHono, z } from '@hono/zod-openapi';
import { exclusionReasons, writtenLanguages } from '../../campaigns/audience.ts';
import type { CampaignRepository } from '../../campaigns/campaign-repository.ts';
import {
  type PublicRecipientStatus,
  publicCounts,
  publicRecipientStatuses,
  publicStatusOf,
  type Recipient,
} from '../../campaigns/recipient.ts';
import type { RecipientRepository } from '../../campaigns/recipient-repository.ts';
import type { CampaignScheduler } from '../../campaigns/sending-deps.ts';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../../domain/errors.ts';
import { languageSchema, ulidSchema } from '../../domain/member-schema.ts';
import { logger } from '../../observability/logger.ts';
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
  const scheduler = (): CampaignScheduler => {
    if (!deps.campaignScheduler)
      throw new ServiceUnavailableError('This deployment cannot send campaigns yet.', 3600);
    return deps.campaignScheduler;
  };
  const found = async (id: string) => {
    const campaign = await campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No campaign ${id}.`);
    return campaign;
  };

  app.openapi(scheduleCampaign, async (c) => {
    const { id } = c.req.valid('param');
    const { sendAt } = c.req.valid('json');
    const now = deps.clock();
    if (sendAt !== undefined && Date.parse(sendAt) <= now.getTime()) {
      throw new ValidationError([{ path: 'sendAt', message: 'Must be in the future; omit it to send now.' }]);
    }
    const when = sendAt === undefined ? now : new Date(sendAt);
    const run = scheduler();
    const draft = await found(id);
    const campaign = await campaigns.move(id, ['draft'], 'scheduled', now, { sendAt: when.toISOString() });
    try {
      await run.at(id, when);
    } catch (error) {
      // Nothing will fire it, so it goes back to the draft it was; a schedule the failed call did make
      // finds a draft and the dispatcher leaves it alone.
      await campaigns.move(id, ['scheduled'], 'draft', deps.clock(), { sendAt: draft.sendAt });
      throw error;
    }
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 202);
  });

  /**
   * Removes a campaign's schedule once the campaign has moved on. A schedule left behind by a failed
   * call is harmless (the dispatcher ignores a campaign that is not scheduled, or not yet due) and
   * deletes itself after firing, so the move stands and the failure is only logged.
   */
  const dropSchedule = async (id: string) => {
    try {
      await deps.campaignScheduler?.cancel(id);
    } catch (error) {
      logger.warn('campaign schedule left to lapse', { campaignId: id, error });
    }
  };

  app.openapi(unscheduleCampaign, async (c) => {
    const { id } = c.req.valid('param');
    const campaign = await campaigns.move(id, ['scheduled'], 'draft', deps.clock());
    await dropSchedule(id);
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 200);
  });

  app.openapi(cancelCampaign, async (c) => {
    const { id } = c.req.valid('param');
    const campaign = await campaigns.move(id, ['scheduled', 'sending', 'paused'], 'cancelled', deps.clock(), {
      pausedBecause: null,
    });
    await dropSchedule(id);
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 200);
  });

  app.openapi(pauseCampaign, async (c) => {
    const campaign = await campaigns.move(c.req.valid('param').id, ['sending'], 'paused', deps.clock(), {
      pausedBecause: null,
    });
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 200);
  });

  app.openapi(resumeCampaign, async (c) => {
    const { id } = c.req.valid('param');
    const run = scheduler();
    const now = deps.clock();
    const campaign = await campaigns.move(id, ['paused'], 'sending', now, { pausedBecause: null });
    // The dispatcher hands the still-queued recipients to the sender (and writes any a crash left out).
    await run.at(id, now);
    c.header('ETag', etagOf(campaign.version));
    return c.json(viewOf(campaign), 200);
  });

  app.openapi(listRecipients, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    await found(id);
    const cursors = await deps.cursors();
    const scope = `recipients:${id}`;
    const page = await recipients.page(id, limit, cursors.decode(scope, cursor));
    return c.json(
      { items: page.items.map(recipientView), nextCursor: cursors.encode(scope, page.lastKey) },
      200,
    );
  });

  app.openapi(listUnknownRecipients, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const cursors = await deps.cursors();
    const scope = 'unknown-recipients';
    const before = new Date(deps.clock().getTime() - unknownWindowMs);
    const page = await recipients.unknownSince(before, limit, cursors.decode(scope, cursor));
    return c.json(
      {
        items: page.items.map((r) => ({
          ...recipientView(r),
          campaignId: r.campaignId,
          unknownSince: r.unknownSince,
          releasedAt: r.releasedAt,
        })),
        nextCursor: cursors.encode(scope, page.lastKey),
      },
      200,
    );
  });

  app.openapi(testCampaign, async (c) => {
    const { id } = c.req.valid('param');
    const { sendQueue, userEmail } = deps;
    if (!sendQueue || !userEmail) {
      throw new ServiceUnavailableError('This deployment cannot send campaign emails yet.', 3600);
    }
    const campaign = await found(id);
    const to = await userEmail(c.get('principal').sub);
    if (!to) throw new ConflictError('Your account has no email address to send the test emails to.');
    await sendQueue.enqueue([{ campaignId: id, testTo: to }]);
    return c.json({ to, languages: writtenLanguages(campaign) }, 202);
  });

  app.openapi(releaseRecipient, async (c) => {
    const { id, contactId } = c.req.valid('param');
    if (!deps.sendQueue)
      throw new ServiceUnavailableError('This deployment cannot send campaigns yet.', 3600);
    const campaign = await found(id);
    const recipient = await recipients.get(id, contactId);
    if (!recipient) throw new NotFoundError(`Campaign ${id} has no recipient ${contactId}.`);
    if (campaign.state === 'cancelled')
      throw new ConflictError('The campaign was cancelled; it sends nothing more.');
    if (recipient.status !== 'unknown') {
      const status = publicStatusOf(recipient.status) ?? `left out (${recipient.reason})`;
      throw new ConflictError(`The recipient is ${status}; only an unknown one can be released.`);
    }
    if (recipient.releasedAt !== null) {
      throw new ConflictError(`The recipient was released once already, at ${recipient.releasedAt}.`);
    }
    const now = deps.clock();
    const changes = { releasedAt: now.toISOString() };
    if (!(await recipients.move(recipient, 'unknown', 'queued', changes, now))) {
      throw new ConflictError('The recipient changed meanwhile; read it again.');
    }
    // A paused campaign's resume hands it over with the other queued ones.
    if (campaign.state !== 'paused') await deps.sendQueue.enqueue([{ campaignId: id, contactId }]);
    return c.json(recipientView({ ...recipient, ...changes, status: 'queued' }), 202);
  });

  app.openapi(campaignStats, async (c) => {
    const { id } = c.req.valid('param');
    await found(id);
    const counts = await recipients.counts(id);
    const byStatus = publicCounts(counts);
    const audience = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    return c.json({ audience, excluded: counts.excluded, byStatus }, 200);
  });

  return app;
}
