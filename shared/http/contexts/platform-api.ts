import { OpenAPIHono } from '@hono/zod-openapi';
import {
  addressConfirmationPartition,
  campaignPartition,
  eventPartition,
  tierTableKey,
} from '../../data/keys.ts';
import { accountsPartitionPattern } from '../../members/member-accounts.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { addressConfirmationRoutes } from '../routes/address-confirmation.ts';
import { docsRoutes } from '../routes/docs.ts';
import { eventFollowUpRoutes } from '../routes/event-follow-up.ts';
import { eventRequestAnswerRoutes } from '../routes/event-request-answer.ts';
import { healthRoutes } from '../routes/health.ts';
import { invitationRoutes } from '../routes/invitation.ts';
import { openApiRoutes } from '../routes/openapi.ts';
import { unsubscribeRoutes } from '../routes/unsubscribe.ts';

/**
 * Public routes: health, the OpenAPI document and its docs page, the unsubscribe links of campaign
 * emails, the confirmation links of addresses members add, the invitation links of member accounts,
 * the links partners answer meeting requests with, and those both sides answer the follow-up question
 * with.
 */
export const platformApi: ApiContext = {
  name: 'platform',
  access: 'public',
  gatewayRoutes: [
    { method: 'GET', path: '/health' },
    { method: 'GET', path: '/openapi.json' },
    { method: 'GET', path: '/docs' },
    { method: 'GET', path: '/docs/{proxy+}' },
    { method: 'GET', path: '/unsubscribe/{token}' },
    { method: 'POST', path: '/unsubscribe/{token}' },
    { method: 'GET', path: '/confirm-address/{token}' },
    { method: 'POST', path: '/confirm-address/{token}' },
    { method: 'GET', path: '/accept-invitation/{token}' },
    { method: 'POST', path: '/accept-invitation/{token}' },
    { method: 'GET', path: '/event-requests/{token}' },
    { method: 'POST', path: '/event-requests/{token}' },
    { method: 'GET', path: '/event-follow-up/{token}' },
    { method: 'POST', path: '/event-follow-up/{token}' },
  ],
  // Health reads one settings item; the document and the docs are files; an unsubscribe page reads its
  // recipient, a confirmation page its pending confirmation, a meeting request's answer page the event's
  // request and participants, the follow-up page the event's meeting and its sides (each queues the
  // change for a worker, which writes).
  table: {
    access: 'read',
    partitions: [
      tierTableKey.pk,
      campaignPartition('*'),
      addressConfirmationPartition('*'),
      accountsPartitionPattern,
      eventPartition('*'),
    ],
  },
  routes(deps) {
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', healthRoutes(deps));
    app.route('/', openApiRoutes(deps));
    app.route('/', docsRoutes(deps));
    app.route('/', unsubscribeRoutes(deps));
    app.route('/', addressConfirmationRoutes(deps));
    app.route('/', invitationRoutes(deps));
    app.route('/', eventRequestAnswerRoutes(deps));
    app.route('/', eventFollowUpRoutes(deps));
    return app;
  },
};
