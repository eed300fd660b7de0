import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  BadRequestError,
  ConflictError,
  type ExistingRecord,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors.ts';
import { onFirstUse } from '../domain/schema-on-first-use.ts';

export const problemSchema = onFirstUse(() =>
  z
    .object({
      type: z.string().max(200),
      title: z.string().max(100),
      status: z.int32().min(400).max(599),
      detail: z.string().max(1000),
      errors: z
        .array(z.object({ path: z.string().max(300), message: z.string().max(1000) }))
        .max(1000)
        .optional(),
      field: z.string().max(100).optional(),
      existing: z
        .object({ kind: z.enum(['member', 'partner', 'lead']), id: z.string().max(26) })
        .optional()
        .openapi({ description: 'On a 409: the record that already holds what the request wanted.' }),
    })
    .openapi('Problem'),
);

interface Problem {
  type: string;
  title: string;
  status: ContentfulStatusCode;
  detail: string;
  errors?: FieldError[];
  field?: string;
  existing?: ExistingRecord;
  /** Sent as the `Retry-After` header of a 429 or 503, not in the body. */
  retryAfterSeconds?: number;
}

/** The one place that turns a failure into an HTTP status: RFC 9457 problem details. */
const byErrorClass: [new (...args: never[]) => Error, ContentfulStatusCode, string][] = [
  [ValidationError, 422, 'Unprocessable content'],
  [BadRequestError, 400, 'Bad request'],
  [UnauthorizedError, 401, 'Unauthorized'],
  [ForbiddenError, 403, 'Forbidden'],
  [NotFoundError, 404, 'Not found'],
  [ConflictError, 409, 'Conflict'],
  [PreconditionFailedError, 412, 'Precondition failed'],
  [PayloadTooLargeError, 413, 'Content too large'],
  [UnsupportedMediaTypeError, 415, 'Unsupported media type'],
  [PreconditionRequiredError, 428, 'Precondition required'],
  [TooManyRequestsError, 429, 'Too many requests'],
  [ServiceUnavailableError, 503, 'Service unavailable'],
];

const titleByStatus: Record<number, string> = Object.fromEntries(byErrorClass.map(([, s, t]) => [s, t]));

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z]+/g, '-');
}

export function toProblem(error: unknown): Problem {
  for (const [errorClass, status, title] of byErrorClass) {
    if (error instanceof errorClass) {
      return {
        type: `https://bridge-crm.dev/problems/${slug(title)}`,
        title,
        status,
        detail: error.message,
        ...(error instanceof ValidationError ? { errors: apiFieldErrors(error.errors) } : {}),
        ...(error instanceof ConflictError && error.field ? { field: error.field } : {}),
        ...(error instanceof ConflictError && error.existing ? { existing: error.existing } : {}),
        ...(error instanceof ServiceUnavailableError || error instanceof TooManyRequestsError
          ? { retryAfterSeconds: error.retryAfterSeconds }
          : {}),
      };
    }
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const title = titleByStatus[status] ?? 'Error';
    const detail =
      status === 400
        ? 'The body is not valid JSON.'
        : status === 415
          ? 'Send the declared Content-Type.'
          : title;
    return { type: `https://bridge-crm.dev/problems/${slug(title)}`, title, status, detail };
  }
  return {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    detail: 'Something went wrong on our side; it has been logged.',
  };
}

export function problemResponse(c: Context, { retryAfterSeconds, ...problem }: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status, {
    'content-type': 'application/problem+json',
    // Every 503 says when to come back, so clients back off instead of hammering.
    ...(problem.status === 503 ? { 'retry-after': String(retryAfterSeconds ?? 1) } : {}),
    ...(problem.status === 429 && retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {}),
  });
}

/** Field errors as the API answers them: the contract's fields, without the reason the console reads. */
export function apiFieldErrors<E extends FieldError>(errors: readonly E[]): Omit<E, 'reason'>[] {
  return errors.map(({ reason: _reason, ...answered }) => answered);
}
