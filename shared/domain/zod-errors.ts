import type { z } from '@hono/zod-openapi';
import type { FieldError } from './errors.ts';

/** Zod issues as the problem document's `errors`: a dotted path and a message a person can act on. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message:
      issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}.` : issue.message,
  }));
}
