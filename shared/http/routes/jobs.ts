import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageFrom } from '../../data/cursor.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { ulidSchema } from '../../domain/member-schema.ts';
import { type Job, JobRepository, jobStatuses, maxListedStale } from '../../jobs/job-repository.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { jobHref } from '../job-ref.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { idParam, json } from '../route-parts.ts';
import { apiRowReport, importRowSchema, importSummarySchema } from './member-csv.ts';

const reportHref = (id: string) => `${jobHref(id)}/report`;

const lifecycle = {
  id: ulidSchema,
  status: z.enum(jobStatuses),
  createdAt: z.iso.datetime().max(40),
  updatedAt: z.iso.datetime().max(40),
  startedAt: z.iso.datetime().max(40).nullable(),
  finishedAt: z.iso.datetime().max(40).nullable(),
  error: z.string().max(1000).optional().openapi({ description: 'Why a failed job stopped.' }),
};

const retierJobSchema = z
  .object({
    ...lifecycle,
    kind: z.literal('retier').openapi({ description: 'Recompute every member tier.' }),
    scanned: z.int32().min(0).openapi({ description: 'Members examined so far.' }),
    changed: z
      .int32()
      .min(0)
      .openapi({ description: 'Members whose tier or tier revenue this job rewrote.' }),
    stale: z
      .array(ulidSchema)
      .max(maxListedStale)
      .openapi({
        description:
          'Members the job could not re-tier because other writes changed them at each of its tries ' +
          `(the first ${maxListedStale}). The job still succeeds: a write that wins such a race re-tiers ` +
          'its member itself, and saving the table again reruns the job for any left.',
      }),
    staleCount: z
      .int32()
      .min(0)
      .openapi({ description: 'How many members `stale` would list without its cap.' }),
  })
  .openapi('RetierJob');

const importJobSchema = z
  .object({
    ...lifecycle,
    kind: z.literal('import').openapi({ description: 'Apply a member CSV (`POST /v1/members/import`).' }),
    rows: z.int32().min(0).openapi({ description: 'Data rows in the file.' }),
    processed: z.int32().min(0).openapi({ description: 'Rows applied and reported so far, in file order.' }),
    summary: importSummarySchema.openapi({
      description: 'The processed rows by outcome; once the job has succeeded, the whole file.',
    }),
    reportHref: z.string().max(100).openapi({
      description: 'The per-row report, paginated; it holds the processed rows while the job runs.',
      example: '/v1/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/report',
    }),
  })
  .openapi('ImportJob');

const scheduleJobSchema = z
  .object({
    ...lifecycle,
    kind: z
      .literal('schedule')
      .openapi({ description: 'Run an event’s 1:1 scheduler (`POST /v1/events/{id}/schedule`).' }),
    eventId: ulidSchema,
    publish: z.boolean(),
    result: z
      .object({
        placed: z.int32().min(0),
        kept: z.int32().min(0),
        unplaced: z.int32().min(0),
        method: z.enum(['exact', 'greedy']),
        optimal: z.boolean(),
        lpBound: z.number().min(0).max(1e6).optional(),
        simpleBound: z.number().min(0).max(1e6),
        scheduleVersion: z.int32().min(0),
      })
      .optional()
      .openapi({ description: 'What the run placed, once it succeeded.' }),
  })
  .openapi('ScheduleJob');

const jobSchema = z
  .discriminatedUnion('kind', [retierJobSchema, importJobSchema, scheduleJobSchema])
  .openapi('Job');

export const getJob = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/jobs/{id}',
    summary: 'A background job and its progress',
    description:
      'A re-tier job (started by saving the tier table or the exchange rates) or an import job (started ' +
      'by `POST /v1/members/import` with a large file). An import job counts its rows by outcome as it ' +
      'goes; its per-row report is at `reportHref`. Finished jobs are kept for 30 days.',
    request: { params: idParam },
    responses: {
      200: { description: 'The job.', ...json(jobSchema) },
      404: problem('No such job (or it finished more than 30 days ago).'),
    },
  },
);

export const getJobReport = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/jobs/{id}/report',
    summary: "An import job's per-row report",
    description:
      'One entry per data row, in file order, as `POST /v1/members/import` reports them synchronously ' +
      '(`rows` of `ImportReport`). While the job runs it holds the rows processed so far; a page that ' +
      'ends with `nextCursor: null` then ends at the last processed row, and asking again later with ' +
      'the same query returns any rows processed since.',
    request: { params: idParam, query: z.object(paginationQuery) },
    responses: {
      200: { description: 'A page of the report.', ...json(pageSchema(importRowSchema, 'ImportRowPage')) },
      404: problem('No such import job (or it finished more than 30 days ago).'),
    },
  },
);

function jobView(job: Job) {
  const lifecycle = {
    id: job.id,
    status: job.status,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    startedAt: job.startedAt ?? null,
    finishedAt: job.finishedAt ?? null,
    ...(job.error ? { error: job.error } : {}),
  };
  if (job.kind === 'schedule') {
    return {
      ...lifecycle,
      kind: job.kind,
      eventId: job.eventId,
      publish: job.publish,
      ...(job.result ? { result: job.result } : {}),
    };
  }
  return job.kind === 'retier'
    ? {
        ...lifecycle,
        kind: job.kind,
        scanned: job.scanned,
        changed: job.changed,
        stale: job.stale,
        staleCount: job.staleCount,
      }
    : {
        ...lifecycle,
        kind: job.kind,
        rows: job.rows,
        processed: job.processed,
        summary: job.summary,
        reportHref: reportHref(job.id),
      };
}

/** The background jobs that saving a table or importing a large file starts. */
export function jobRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const jobs = new JobRepository(deps.db);

  app.openapi(getJob, async (c) => {
    const { id } = c.req.valid('param');
    const job = await jobs.get(id);
    if (!job) throw new NotFoundError(`No job ${id}.`);
    return c.json(jobView(job), 200);
  });

  app.openapi(getJobReport, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const scope = `job-report:${id}`;
    const page = await pageFrom(deps.cursors, scope, cursor, async (startKey) => {
      if (!(await jobs.get(id, 'import'))) throw new NotFoundError(`No import job ${id}.`);
      return jobs.reportPage(id, limit, startKey);
    });
    return c.json({ items: page.items.map(apiRowReport), nextCursor: page.nextCursor }, 200);
  });

  return app;
}
