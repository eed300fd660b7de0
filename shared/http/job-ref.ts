import { z } from '@hono/zod-openapi';
import { ulidSchema } from '../domain/member-schema.ts';
import { type Job, jobStatuses } from '../jobs/job-repository.ts';

/** Where a job is polled. */
export const jobHref = (id: string): string => `/v1/jobs/${id}`;

/** A started job as the route that started it answers it: enough to poll it. */
export const jobRefSchema = z
  .object({
    id: ulidSchema,
    status: z.enum(jobStatuses),
    href: z
      .string()
      .max(100)
      .openapi({ description: 'Poll it for progress.', example: '/v1/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y' }),
  })
  .openapi('JobRef');

export const jobRef = (job: Job) => ({ id: job.id, status: job.status, href: jobHref(job.id) });
