import { OpenAPIHono, z } from '@hono/zod-openapi';
import { leadStageSchema } from '../../leads/lead-schema.ts';
import { rebuildPipeline } from '../../reports/pipeline-consumer.ts';
import { readPipelineReport } from '../../reports/pipeline-report-read.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { json } from '../route-parts.ts';
import { reportMoneySchema } from './reports.ts';

const tags = ['Reports'];

const groupLineSchema = z
  .object({
    key: z.string().max(100),
    leads: z.int32().min(0),
    won: z.int32().min(0),
    conversion: z.number().min(0).max(1).openapi({
      description: 'won / leads: for a stage line 1 for `won` and 0 for the rest (see `funnel`).',
    }),
    value: z
      .array(reportMoneySchema)
      .max(20)
      .openapi({ description: 'Estimated value per currency, as entered.' }),
    valueConverted: reportMoneySchema.openapi({ description: 'The same at the rates in force on `asOf`.' }),
    wonValue: reportMoneySchema.openapi({
      description: "Won leads' value, each at the rates of its won date.",
    }),
  })
  .openapi('PipelineLine');

const bucketSchema = z.object({ fromDays: z.int32().min(0), toDays: z.int32().min(0).nullable() });

const pipelineReportSchema = z
  .object({
    asOf: z.iso.date().max(10),
    currency: z.string().max(3),
    byStage: z.array(groupLineSchema).max(6),
    byCountry: z.array(groupLineSchema).max(300),
    byTopic: z.array(groupLineSchema).max(100),
    byCampaign: z.array(groupLineSchema).max(10_000),
    bySource: z.array(groupLineSchema).max(5),
    daysPerStage: z
      .array(
        z.object({
          stage: leadStageSchema,
          buckets: z.array(bucketSchema.extend({ leads: z.int32().min(0) })).max(20),
          left: z.int32().min(0),
          median: bucketSchema
            .nullable()
            .openapi({ description: 'The bucket of the median, read from the histogram.' }),
        }),
      )
      .max(6),
    funnel: z
      .array(
        z.object({
          stage: leadStageSchema,
          entered: z
            .int32()
            .min(0)
            .openapi({ description: 'Entries into the stage: leads in it and leads that left it.' }),
          movedOn: z
            .int32()
            .min(0)
            .openapi({ description: 'Of those, entries into the next stage (`won` after `negotiating`).' }),
          conversion: z.number().min(0).max(1).openapi({ description: 'movedOn / entered.' }),
        }),
      )
      .max(4)
      .openapi({
        description:
          'Each open stage: how many leads entered it and went on into the next. A lost lead reopened ' +
          'enters `contacted` again; leads still in a stage count as entered and not moved on.',
      }),
  })
  .openapi('PipelineReport');

export const pipelineReport = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/reports/pipeline',
    summary: 'Leads and value per stage, country, topic, campaign and source; conversion; days per stage',
    description:
      'Read from aggregate items kept current by every lead change (one Query), never from the leads. ' +
      'Open values convert at the rates in force on `asOf` (default today); won values at their won date. ' +
      'Country is the other company’s. Days per stage count the leads that left each stage, by whole days ' +
      'spent in it; the median is the bucket that holds it.',
    request: { query: z.object({ asOf: z.iso.date().max(10).optional() }) },
    responses: {
      200: { description: 'The pipeline report.', ...json(pipelineReportSchema) },
      422: problem('A currency of the report has no rate in force on `asOf`.'),
    },
    tags,
  },
);

export const rebuildPipelineReport = securedRoute(
  { minimum: 'admin' },
  {
    method: 'post',
    path: '/v1/reports/pipeline/rebuild',
    summary: 'Rebuild the pipeline aggregates from the leads',
    description:
      'Applies the pending change events, then recomputes every line from the leads and their timelines ' +
      'and replaces the aggregates. Run it while no lead is being written.',
    responses: {
      200: {
        description: 'How many leads were read and lines written.',
        ...json(z.object({ leads: z.int32().min(0), lines: z.int32().min(0) }).openapi('PipelineRebuild')),
      },
    },
    tags,
  },
);

export function pipelineReportRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(pipelineReport, async (c) => {
    return c.json(await readPipelineReport(deps, c.req.valid('query').asOf), 200);
  });

  app.openapi(rebuildPipelineReport, async (c) => c.json(await rebuildPipeline(deps.db), 200));

  return app;
}
