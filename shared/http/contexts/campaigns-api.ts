import { OpenAPIHono } from '@hono/zod-openapi';
import { AudienceRepository } from '../../campaigns/audience-repository.ts';
import { CampaignRepository } from '../../campaigns/campaign-repository.ts';
import { CampaignService } from '../../campaigns/campaign-service.ts';
import { RecipientRepository } from '../../campaigns/recipient-repository.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { campaignSendingRoutes } from '../routes/campaign-sending.ts';
import { campaignRoutes } from '../routes/campaigns.ts';

/** Outreach campaigns: drafts in each recipient language, to a segment of the members. */
export const campaignsApi: ApiContext = {
  name: 'campaigns',
  access: 'token',
  gatewayRoutes: [
    { method: 'ANY', path: '/v1/campaigns' },
    { method: 'ANY', path: '/v1/campaigns/{proxy+}' },
    { method: 'ANY', path: '/v1/unknown-recipients' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    const campaigns = new CampaignRepository(deps.db);
    const service = new CampaignService({ campaigns, clock: deps.clock, newId: deps.newId });
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', campaignRoutes(deps, service, campaigns, new AudienceRepository(deps.db)));
    app.route('/', campaignSendingRoutes(deps, campaigns, new RecipientRepository(deps.db)));
    return app;
  },
};
