import { OpenAPIHono } from '@hono/zod-openapi';
import { memberServiceFor } from '../../members/member-service-for.ts';
import { PartnerRepository } from '../../partners/partner-repository.ts';
import { PartnerService } from '../../partners/partner-service.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { partnerRoutes } from '../routes/partners.ts';

/** Partnerships: the foreign partners the association brokers for its members. */
export const partnershipsApi: ApiContext = {
  name: 'partnerships',
  access: 'token',
  gatewayRoutes: [
    { method: 'ANY', path: '/v1/partners' },
    { method: 'ANY', path: '/v1/partners/{proxy+}' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    const partners = new PartnerRepository(deps.db);
    const service = new PartnerService({ partners, clock: deps.clock, newId: deps.newId });
    // A partner joining becomes a member: the member's rules (tiers, guards, history) apply to it.
    const members = memberServiceFor({ db: deps.db, queue: deps.jobs, clock: deps.clock, newId: deps.newId });
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', partnerRoutes(deps, service, partners, members));
    return app;
  },
};
