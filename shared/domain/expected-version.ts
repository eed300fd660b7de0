/** `If-Match: *`: the write may go ahead whatever version exists, as long as one does. */
export const anyVersion = '*';

/** The version a conditional write expects the record to be at: a precise one, or any. */
export type ExpectedVersion = number | typeof anyVersion;

export function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  return expected === anyVersion || expected === actual;
}
