import { setTimeout as sleep } from 'node:timers/promises';
import { PreconditionFailedError, ServiceUnavailableError } from '../domain/errors.ts';
import { anyVersion, type ExpectedVersion, versionMatches } from '../domain/expected-version.ts';

/**
 * How often a write under `If-Match: *` is tried against a record that other writes keep changing,
 * and the cap of the random pause before each retry. A retry is cheap (one strong read, one
 * transaction), so a few more of them beat answering a caller who asked for no version check with 412.
 */
const anyVersionAttempts = 10;
const anyVersionMaxPauseMs = 200;

/**
 * Runs `change` on a record (a member, a partner, a lead) as it is now, read consistently because
 * the write conditions on the version read, if `check` allows it and `expected` matches (the check
 * first: authorization before anything else). With `If-Match: *` (RFC 9110: whatever the version) the
 * caller named no version, so losing a race to another write is never its 412: the record is read
 * again and the change re-applied to it, after a random pause so that racing writers spread out. A
 * record that keeps changing past the last attempt is a 503 with Retry-After: the request was fine
 * and may well succeed in a moment.
 */
export async function atVersion<T extends { version: number }>(options: {
  /** What the record is, for the messages: `member`, `partner`, `lead`. */
  what: string;
  read: () => Promise<T>;
  expected: ExpectedVersion;
  check?: (before: T) => void;
  change: (before: T) => Promise<T>;
}): Promise<T> {
  const { what, expected } = options;
  for (let attempt = 1; ; attempt++) {
    const before = await options.read();
    options.check?.(before);
    if (!versionMatches(expected, before.version)) {
      throw new PreconditionFailedError(`If-Match does not match the current ETag; fetch the ${what} again.`);
    }
    try {
      return await options.change(before);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || expected !== anyVersion) throw error;
      if (attempt === anyVersionAttempts) {
        throw new ServiceUnavailableError(
          `The ${what} kept changing while this change was applied; nothing was written, send it again.`,
        );
      }
      await sleep(Math.random() * Math.min(anyVersionMaxPauseMs, 10 * 2 ** attempt));
    }
  }
}
