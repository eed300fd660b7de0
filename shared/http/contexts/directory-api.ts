import { OpenAPIHono } from '@hono/zod-openapi';
import { accountServiceFor } from '../../members/account-service-for.ts';
import { MemberRepository } from '../../members/member-repository.ts';
import { memberServiceFor } from '../../members/member-service-for.ts';
import { SettingsRepository } from '../../settings/settings-repository.ts';
import type { ApiContext } from '../api-context.ts';
import type { AppEnv } from '../app-env.ts';
import { contactAddressRoutes } from '../routes/contact-addresses.ts';
import { jobRoutes } from '../routes/jobs.ts';
import { memberAccountRoutes } from '../routes/member-accounts.ts';
import { memberCsvRoutes } from '../routes/member-csv.ts';
import { memberRoutes } from '../routes/members.ts';
import { reportRoutes } from '../routes/reports.ts';
import { tierRoutes } from '../routes/tiers.ts';

/** The member directory: members and contacts, self-service, tiers and rates, reports, job status. */
export const directoryApi: ApiContext = {
  name: 'directory',
  access: 'token',
  gatewayRoutes: [
    { method: 'ANY', path: '/v1/members' },
    { method: 'ANY', path: '/v1/members/{proxy+}' },
    { method: 'ANY', path: '/v1/me' },
    { method: 'ANY', path: '/v1/me/{proxy+}' },
    { method: 'ANY', path: '/v1/contact-conflicts' },
    { method: 'ANY', path: '/v1/tiers' },
    { method: 'ANY', path: '/v1/exchange-rates' },
    { method: 'ANY', path: '/v1/reports/{proxy+}' },
    { method: 'ANY', path: '/v1/jobs/{proxy+}' },
  ],
  table: { access: 'readWrite' },
  routes(deps) {
    const members = new MemberRepository(deps.db);
    const settings = new SettingsRepository(deps.db);
    const memberService = memberServiceFor(
      { db: deps.db, queue: deps.jobs, clock: deps.clock, newId: deps.newId, sendQueue: deps.sendQueue },
      { members, settings },
    );
    const accounts = accountServiceFor(deps, members);
    const app = new OpenAPIHono<AppEnv>();
    // Before memberRoutes, so /v1/members/{id} does not capture export.csv and import.
    app.route('/', memberCsvRoutes(deps, memberService, members));
    app.route('/', memberRoutes(deps, memberService, members, accounts));
    app.route('/', contactAddressRoutes(deps, memberService, members));
    app.route('/', memberAccountRoutes(accounts));
    app.route('/', tierRoutes(deps, settings));
    app.route('/', jobRoutes(deps));
    app.route('/', reportRoutes(deps, settings, members));
    return app;
  },
};
