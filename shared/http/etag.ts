import type { Context } from 'hono';
import { PreconditionFailedError, PreconditionRequiredError } from '../domain/errors.ts';
import { anyVersion, type ExpectedVersion } from '../domain/expected-version.ts';

/** A strong ETag from the item's version: every write bumps it, so it changes exactly when the item does. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The version `If-Match` names: 428 without it; 412 if it names no version we could have issued. The
 * comparison is strong (RFC 9110 13.1.1): a weak validator (`W/"3"`) never matches. `If-Match: *`
 * (any version, as long as the resource exists) is honoured by routes that pass `{ allowAny: true }`
 * and can tell whether the resource exists; elsewhere it is a 412.
 */
export function expectedVersion(c: Context): number;
export function expectedVersion(c: Context, options: { allowAny: true }): ExpectedVersion;
export function expectedVersion(c: Context, options?: { allowAny: true }): ExpectedVersion {
  const header = c.req.header('if-match')?.trim();
  if (!header) throw new PreconditionRequiredError('Send If-Match with the ETag you read.');
  if (header === anyVersion) {
    if (options?.allowAny) return anyVersion;
    throw new PreconditionFailedError('If-Match: * is not accepted here; send the ETag you read.');
  }
  const match = /^"(\d{1,15})"$/.exec(header);
  if (!match) throw new PreconditionFailedError('If-Match does not match the current ETag.');
  return Number(match[1]);
}
