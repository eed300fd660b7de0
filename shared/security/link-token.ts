import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Single-use links in emails (an address confirmation, an account invitation): the ids the link is
 * for and 128 random bits. The table keeps only the bits' SHA-256 beside what the link may do, so
 * neither a table read nor a log line can use one; a new link replaces the pending one, which voids
 * the older, and using it deletes it.
 */
const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const secretBytes = 16;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** An email link's URL: the public origin (any trailing slash dropped), the page's path, the token. */
export function linkUrl(baseUrl: string, path: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}/${token}`;
}

export function newLinkToken(ids: readonly string[]): { token: string; secretHash: string } {
  const secret = randomBytes(secretBytes).toString('base64url');
  return { token: [...ids, secret].join('.'), secretHash: hashOf(secret) };
}

/** The ids (ULIDs, `count` of them) and the secret's hash a token names; undefined for anything else. */
export function parseLinkToken(
  token: string,
  count: number,
): { ids: string[]; secretHash: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== count + 1) return undefined;
  const ids = parts.slice(0, count);
  const secret = parts[count]!;
  if (!ids.every((id) => ulidPattern.test(id))) return undefined;
  const bytes = Buffer.from(secret, 'base64url');
  // base64url decoding skips stray characters: only the exact encoding of 16 bytes is a secret.
  if (bytes.length !== secretBytes || bytes.toString('base64url') !== secret) return undefined;
  return { ids, secretHash: hashOf(secret) };
}

/** Whether a pending link matches a token's secret, and is still valid at `now`. */
export function linkState(
  pending: { secretHash: string; validUntil: string } | undefined,
  secretHash: string,
  now: Date,
): 'valid' | 'expired' | 'invalid' {
  if (!pending) return 'invalid';
  const given = Buffer.from(secretHash, 'hex');
  const held = Buffer.from(pending.secretHash, 'hex');
  if (given.length !== held.length || !timingSafeEqual(given, held)) return 'invalid';
  return Date.parse(pending.validUntil) > now.getTime() ? 'valid' : 'expired';
}
