import { OpenAPIHono } from '@hono/zod-openapi';
import { MemberRepository } from '../../members/member-repository.ts';
import { memberServiceFor } from '../../members/member-service-for.ts';
import { PartnerRepository } from '../../partners/partner-repository.ts';
import { PartnerService } from '../../partners/partner-service.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { matchRoutes } from '../routes/matches.ts';
import { partnerRoutes } from '../routes/partners.ts';

/** Partnerships: the foreign partners the association brokers for its members, and their matches. */
export const partnershipsApi: ApiContext = {
  name: 'partnerships',
  access: 'token',
  gatewayRoutes: [
    { method: 'ANY', path: '/v1/partners' },
    { method: 'ANY', path: '/v1/partners/{proxy+}' },
    { method: 'ANY', path: '/v1/matches' },
    // More specific than the directory's /v1/me/{proxy+}, so API Gateway sends these here.
    { method: 'ANY', path: '/v1/me/matches' },
    { method: 'ANY', path: '/v1/me/matches/{proxy+}' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    const partners = new PartnerRepository(deps.db);
    const service = new PartnerService({ partners, clock: deps.clock, newId: deps.newId });
    // A partner joining becomes a member: the member's rules (tiers, guards, history) apply to it.
    const members = memberServiceFor({ db: deps.db, queue: deps.jobs, clock: deps.clock, newId: deps.newId });
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', partnerRoutes(deps, service, partners, members));
    app.route('/', matchRoutes(deps, new MemberRepository(deps.db), partners));
    return app;
  },
};
