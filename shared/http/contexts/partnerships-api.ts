import { OpenAPIHono } from '@hono/zod-openapi';
import { LeadRepository } from '../../leads/lead-repository.ts';
import { leadServiceFor } from '../../leads/lead-service-for.ts';
import { MemberRepository } from '../../members/member-repository.ts';
import { memberServiceFor } from '../../members/member-service-for.ts';
import { PartnerRepository } from '../../partners/partner-repository.ts';
import { PartnerService } from '../../partners/partner-service.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { leadRoutes } from '../routes/leads.ts';
import { matchRoutes } from '../routes/matches.ts';
import { partnerRoutes } from '../routes/partners.ts';
import { pipelineReportRoutes } from '../routes/pipeline-report.ts';

/**
 * Partnerships: the foreign partners the association brokers for its members, their matches, and the
 * partnership leads staff work.
 */
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
    { method: 'ANY', path: '/v1/leads' },
    { method: 'ANY', path: '/v1/leads/{proxy+}' },
    { method: 'ANY', path: '/v1/me/leads' },
    { method: 'ANY', path: '/v1/me/leads/{proxy+}' },
    // More specific than the directory's /v1/reports/{proxy+}.
    { method: 'GET', path: '/v1/reports/pipeline' },
    { method: 'POST', path: '/v1/reports/pipeline/rebuild' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    const partners = new PartnerRepository(deps.db);
    const service = new PartnerService({ partners, clock: deps.clock, newId: deps.newId });
    // A partner joining becomes a member: the member's rules (tiers, guards, history) apply to it.
    const members = memberServiceFor({ db: deps.db, queue: deps.jobs, clock: deps.clock, newId: deps.newId });
    const app = new OpenAPIHono<AppEnv>();
    app.route('/', partnerRoutes(deps, service, partners, members));
    const memberRepository = new MemberRepository(deps.db);
    app.route('/', matchRoutes(deps, memberRepository, partners));
    const leads = new LeadRepository(deps.db);
    const leadService = leadServiceFor({ ...deps, leads, members: memberRepository, partners });
    app.route('/', leadRoutes(deps, leadService, leads));
    app.route('/', pipelineReportRoutes(deps));
    return app;
  },
};
