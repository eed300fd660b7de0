import type { z } from '@hono/zod-openapi';
import type { FieldError } from './errors.ts';
import type { FieldReason, RuleParams } from './issue-rules.ts';
import { phonePattern } from './phone.ts';

type Issue = z.core.$ZodIssue;

/** Zod issues as the problem document's `errors`: a dotted path and a message a person can act on. */
export function zodIssuesToFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.map((issue) => {
    const reason = reasonOfIssue(issue);
    return {
      path: issue.path.map(String).join('.') || '(body)',
      message:
        issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}.` : issue.message,
      ...(reason ? { reason } : {}),
    };
  });
}

/**
 * What a zod issue says, by its code and bound; a custom check by the rule it names. Undefined for a
 * custom check naming none: only its message says it.
 */
export function reasonOfIssue(issue: Issue): FieldReason | undefined {
  switch (issue.code) {
    case 'invalid_type':
      // Zod keeps an issue's input only when asked to (`reportInput`), so `issue.input` is always
      // undefined here; its own message names what it received. No schema of ours words a type error.
      return { code: issue.message.endsWith(', received undefined') ? 'required' : 'type' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return { code: 'tooShort', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'tooFew', limit };
      return { code: 'tooSmall', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'tooLong', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'tooMany', limit };
      return { code: 'tooBig', limit };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'email' };
      if (issue.format === 'url') return { code: 'url' };
      if (issue.format === 'date' || issue.format === 'datetime') return { code: 'date' };
      if (issue.format === 'regex' && issue.pattern === phonePattern.toString()) return { code: 'phone' };
      return { code: 'format' };
    case 'invalid_value':
      return { code: 'choice', values: issue.values.map(String).join(', ') };
    case 'not_multiple_of':
      return { code: 'integer' };
    case 'unrecognized_keys':
      return { code: 'unknownKeys', keys: issue.keys.join(', ') };
    case 'custom':
      return typeof issue.params?.rule === 'string'
        ? { code: 'rule', params: issue.params as RuleParams }
        : undefined;
    default:
      return { code: 'invalid' };
  }
}
