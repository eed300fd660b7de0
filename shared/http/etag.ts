import type { Context } from 'hono';
import { PreconditionFailedError, PreconditionRequiredError } from '../domain/errors.ts';

/** A strong ETag from the item's version: every write bumps it, so it changes exactly when the item does. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version `If-Match` names; 428 without it, 412 if it names no version we could have issued. */
export function expectedVersion(c: Context): number {
  const header = c.req.header('if-match');
  if (!header) throw new PreconditionRequiredError('Send If-Match with the ETag you read.');
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim());
  if (!match) throw new PreconditionFailedError('If-Match does not match the current ETag.');
  return Number(match[1]);
}
