import { OpenAPIHono, z } from '@hono/zod-openapi';
import { currencySchema } from '../../domain/money.ts';
import { tierLabelsSchema } from '../../domain/tiers.ts';
import type { MemberRepository } from '../../members/member-repository.ts';
import { readTierReport } from '../../reports/tier-report-read.ts';
import type { SettingsRepository } from '../../settings/settings-repository.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';

export const reportMoneySchema = z
  .object({
    amount: z
      .int()
      .min(0)
      .nullable()
      .openapi({
        description:
          'Minor units of the report currency; null when beyond 2^53 − 1 (Number.MAX_SAFE_INTEGER), ' +
          'where a JSON number is no longer exact: `exactAmount` then holds it.',
        maximum: Number.MAX_SAFE_INTEGER,
        format: 'int64',
      }),
    exactAmount: z
      .string()
      .regex(/^[1-9]\d*$/)
      .max(40)
      .optional()
      .openapi({
        description: 'The exact amount as a decimal string, present only when `amount` is null.',
        example: '9007199254740993',
      }),
    currency: currencySchema,
  })
  .openapi('ReportMoney');

const beyondSafeInteger = z.boolean().openapi({
  description:
    'True when a figure here is beyond 2^53 − 1 minor units: its `amount` is null and its `exactAmount` ' +
    'is the exact figure. Figures are summed exactly, so this is a matter of notation, not a failure.',
});

const tierReportLineSchema = z
  .object({
    tier: z.string().max(40).openapi({ example: 'small' }),
    label: z.string().max(100).nullable().openapi({ description: 'Null for a tier no longer in the table.' }),
    labels: tierLabelsSchema.optional(),
    inTable: z.boolean().openapi({
      description:
        'False for members still counted under a tier the current table no longer has: a re-tier job ' +
        'is moving them, and the line empties when it finishes.',
    }),
    memberCount: z.int32().min(0),
    revenue: reportMoneySchema.openapi({ description: 'Combined verified revenue of the tier members.' }),
    duesExpected: reportMoneySchema.nullable().openapi({
      description: "memberCount × the tier's annual dues; null for a tier no longer in the table.",
    }),
    beyondSafeInteger,
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
    totals: z.object({
      memberCount: z.int32().min(0),
      revenue: reportMoneySchema,
      duesExpected: reportMoneySchema,
      beyondSafeInteger,
    }),
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
      'as shown, exactly (a figure beyond 2^53 − 1 is given as a decimal string). While a re-tier job runs, figures move toward the new table; after a change of the ' +
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
      422: problem('No rate for the requested currency is in force.'),
    },
  },
);

export function reportRoutes(deps: AppDeps, settings: SettingsRepository, members: MemberRepository) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(tierReport, async (c) => {
    const { currency } = c.req.valid('query');
    return c.json(await readTierReport({ settings, members, clock: deps.clock }, currency), 200);
  });

  return app;
}
