import { OpenAPIHono, z } from '@hono/zod-openapi';
import { rateTableSchema } from '../../domain/exchange-rates.ts';
import { tierTableSchema } from '../../domain/tiers.ts';
import { JobRepository } from '../../jobs/job-repository.ts';
import type { JobRuntime } from '../../jobs/job-types.ts';
import { saveSettingsAndRetier } from '../../members/retier-job.ts';
import type { SettingsRepository } from '../../settings/settings-repository.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion } from '../etag.ts';
import { jobRef, jobRefSchema } from '../job-ref.ts';
import { json } from '../route-parts.ts';

const tierTableBody = tierTableSchema.openapi('TierTable');
const rateTableBody = rateTableSchema.openapi('RateTable');

// The stored table plus the job its change started. Built from the shapes because zod refuses to
// extend a schema that has refinements; a response schema only documents, so it needs none.
const savedTierTableSchema = z
  .object({ ...tierTableSchema.shape, job: jobRefSchema })
  .openapi('SavedTierTable');
const savedRateTableSchema = z
  .object({ ...rateTableSchema.shape, job: jobRefSchema })
  .openapi('SavedRateTable');

const retierNote =
  'Saving starts a re-tier job that recomputes every member (batched; each change is recorded in the ' +
  "member's history as `retier`). It answers 200 with the stored table and `job.href` to poll; there " +
  'is no `Location` header, which RFC 9110 defines for 201 and redirects only. Saving an unchanged ' +
  'table still starts a job: that is how to rerun a failed one.';

export const getTiers = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/tiers',
    summary: 'The tier table',
    description:
      'Revenue bands [lowerBound, upperBound) in minor units of the table currency, with annual dues. ' +
      '`ETag` carries the table version ("0" until an admin first saves one).',
    responses: { 200: { description: 'The tier table.', ...json(tierTableBody) } },
  },
);

export const putTiers = securedRoute(
  { minimum: 'admin' },
  {
    method: 'put',
    path: '/v1/tiers',
    summary: 'Replace the tier table',
    description: `Validated: ordered, contiguous, non-overlapping, from 0 with an open-ended last tier, dues in the table currency. ${retierNote}`,
    request: { body: { required: true, ...json(tierTableBody) } },
    responses: {
      200: { description: 'The stored table and its re-tier job.', ...json(savedTierTableSchema) },
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
  },
);

export const getExchangeRates = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/exchange-rates',
    summary: 'The exchange-rate table',
    description:
      'Dated rates against one base currency, maintained by admins (the system never fetches rates). ' +
      'A rate applies from its `validFrom` day (UTC) until a later one for the same currency. `ETag` ' +
      'carries the table version.',
    responses: { 200: { description: 'The rate table.', ...json(rateTableBody) } },
  },
);

export const putExchangeRates = securedRoute(
  { minimum: 'admin' },
  {
    method: 'put',
    path: '/v1/exchange-rates',
    summary: 'Replace the exchange-rate table',
    description:
      'Rates are decimal strings with at most 6 decimals; one rate per currency and day. Every currency ' +
      "that some member's verified revenue is in (resigned members included) must keep a rate in force " +
      `from today (UTC) on, or the table is refused. ${retierNote}`,
    request: { body: { required: true, ...json(rateTableBody) } },
    responses: {
      200: { description: 'The stored table and its re-tier job.', ...json(savedRateTableSchema) },
      412: problem('If-Match is stale.'),
      422: problem(
        'The table is invalid, or leaves a currency that members use without a rate in force from today ' +
          'on: `errors` names each such currency with its number of members.',
      ),
      428: problem('If-Match is missing.'),
    },
  },
);

/** The tier table and the exchange rates; a change to either starts a re-tier job (jobs.ts serves it). */
export function tierRoutes(deps: AppDeps, settings: SettingsRepository) {
  const app = new OpenAPIHono<AppEnv>();
  const jobs = new JobRepository(deps.db);
  const runtime: JobRuntime = { db: deps.db, queue: deps.jobs, clock: deps.clock, newId: deps.newId };

  app.openapi(getTiers, async (c) => {
    const tiers = await settings.readTiers();
    c.header('ETag', etagOf(tiers.version));
    return c.json(tiers.value, 200);
  });

  app.openapi(putTiers, async (c) => {
    const { saved, job } = await saveSettingsAndRetier(
      settings,
      jobs,
      runtime,
      'tiers',
      c.req.valid('json'),
      expectedVersion(c),
    );
    c.header('ETag', etagOf(saved.version));
    return c.json({ ...saved.value, job: jobRef(job) }, 200);
  });

  app.openapi(getExchangeRates, async (c) => {
    const { rates } = await settings.read();
    c.header('ETag', etagOf(rates.version));
    return c.json(rates.value, 200);
  });

  app.openapi(putExchangeRates, async (c) => {
    const { saved, job } = await saveSettingsAndRetier(
      settings,
      jobs,
      runtime,
      'rates',
      c.req.valid('json'),
      expectedVersion(c),
    );
    c.header('ETag', etagOf(saved.version));
    return c.json({ ...saved.value, job: jobRef(job) }, 200);
  });

  return app;
}
