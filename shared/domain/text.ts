import { z } from '@hono/zod-openapi';

/**
 * Free text as the table stores it: NFC-normalised, trimmed, well-formed Unicode (no lone surrogates)
 * and without control characters, so what is stored prints and compares the same everywhere.
 */
export function text(max: number, min = 1) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(min, min === 1 ? 'Must not be empty.' : `Must be at least ${min} characters.`)
    .max(max, `Must be at most ${max} characters.`)
    .refine((s) => s.isWellFormed(), 'Must be well-formed Unicode.')
    .refine((s) => !/[\p{Cc}]/u.test(s.replace(/[\n\t]/g, '')), 'Must not contain control characters.');
}

/** Lists whose order carries no meaning and whose entries must not repeat. */
export function uniqueList<T extends z.ZodType>(item: T, max: number, min = 0) {
  return z
    .array(item)
    .min(min)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'Entries must not repeat.');
}
