import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationError } from '../../domain/errors.ts';
import { MissingExchangeRateError } from '../../domain/exchange-rates.ts';
import { currencySchema, moneySchema } from '../../domain/money.ts';
import type { MemberRepository } from '../../members/member-repository.ts';
import { buildTierReport, ReportFigureRangeError } from '../../reports/tier-report.ts';
import type { SettingsRepository } from '../../settings/settings-repository.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';

const tierReportLineSchema = z
  .object({
    tier: z.string().max(40).openapi({ example: 'small' }),
    label: z.string().max(100).nullable().openapi({ description: 'Null for a tier no longer in the table.' }),
    inTable: z.boolean().openapi({
      description:
        'False for members still counted under a tier the current table no longer has: a re-tier job ' +
        'is moving them, and the line empties when it finishes.',
    }),
    memberCount: z.int32().min(0),
    revenue: moneySchema.openapi({ description: 'Combined verified revenue of the tier members.' }),
    duesExpected: moneySchema.nullable().openapi({
      description: "memberCount × the tier's annual dues; null for a tier no longer in the table.",
    }),
  })
  .openapi('TierReportLine');

const tierReportSchema = z
  .object({
    currency: currencySchema.openapi({ description: 'The currency of every figure in the report.' }),
    asOf: z.iso
      .datetime()
      .max(40)
      .openapi({ description: 'When the report was read; conversions use the rates in force then.' }),
    tiers: z.array(tierReportLineSchema).max(100),
    totals: z.object({ memberCount: z.int32().min(0), revenue: moneySchema, duesExpected: moneySchema }),
  })
  .openapi('TierReport');

export const tierReport = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/reports/tiers',
    summary: 'Members, revenue and expected dues per tier',
    description:
      'Every tier of the current table in order (a tier with no members shows zeros), then lines of ' +
      'tiers no longer in the table while a re-tier job moves their members (`inTable: false`). Active ' +
      'and suspended members with verified revenue count; resigned ones and those not yet assessed do ' +
      'not. Read from aggregate items that every member write keeps current, never by scanning. ' +
      'Figures are in the tier-table currency, or in `currency`, converted line by line at the rates in ' +
      'force now (exact integer arithmetic, rounded half-up to the minor unit); totals add up the lines ' +
      'as shown. While a re-tier job runs, figures move toward the new table; after a change of the ' +
      "table's currency they are meaningful only once the job has succeeded.",
    request: {
      query: z.object({
        currency: currencySchema.optional().openapi({ description: 'Reporting currency (ISO 4217).' }),
      }),
    },
    responses: {
      200: {
        description: 'The report.',
        content: { 'application/json': { schema: tierReportSchema } },
      },
      422: problem(
        'No rate for the requested currency is in force, or a figure (such as a total) is beyond what a ' +
          'Money amount holds (`errors` names it).',
      ),
    },
  },
);

export function reportRoutes(deps: AppDeps, settings: SettingsRepository, members: MemberRepository) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(tierReport, async (c) => {
    const { currency } = c.req.valid('query');
    const [current, aggregates] = await Promise.all([settings.read(), members.tierAggregates()]);
    const at = deps.clock();
    try {
      const report = buildTierReport(current.tiers.value, aggregates, {
        rates: current.rates.value,
        at,
        ...(currency ? { currency } : {}),
      });
      return c.json({ ...report, asOf: at.toISOString() }, 200);
    } catch (error) {
      // A requested conversion that fails is the caller's currency (no rate, or figures beyond it).
      if (currency && (error instanceof MissingExchangeRateError || error instanceof RangeError)) {
        throw new ValidationError(
          [{ path: 'currency', message: error.message }],
          'Cannot report in this currency.',
        );
      }
      // In the table currency, a figure (usually a total of lines that each fit) beyond what a Money
      // amount holds is the same answer: this report cannot be expressed. Anything else is ours (500).
      if (error instanceof ReportFigureRangeError) {
        throw new ValidationError(
          [{ path: error.figure, message: error.message }],
          'A figure of this report is beyond what a Money amount can hold.',
        );
      }
      throw error;
    }
  });

  return app;
}
