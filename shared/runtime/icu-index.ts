/**
 * The ICU major versions every function ships its cut locale index and likely subtags for
 * (infra/cdk/icu-locale-index.ts and icu-likely-subtags.ts say why): ICU looks for them in a directory
 * named for its own version, so any other ICU ignores them.
 */
export const ICU_MAJORS = [77, 78] as const;

/** Whether an ICU version (this process's by default) reads the shipped index. */
export function icuIndexApplies(icuVersion: string | undefined = process.versions.icu): boolean {
  const major = icuVersion?.split('.')[0];
  return ICU_MAJORS.some((known) => String(known) === major);
}
