/**
 * Where member accounts live: Cognito's user pool in AWS, a file under `.data/` locally. Accounts are
 * identified by the user's `sub` (the token subject), bound to a member by `custom:memberId` (the
 * token trigger turns it into the `member_id` claim) and in group `member`.
 */
export interface UserDirectory {
  /** Creates a member's user, without a password and without the directory's own email. */
  createMemberUser(user: { email: string; memberId: string }): Promise<{ userId: string }>;
  /** Sets the user's own, permanent password. */
  setPassword(userId: string, password: string): Promise<void>;
  /** Lets a disabled user sign in again (a new invitation of a revoked account). */
  enable(userId: string): Promise<void>;
  /** Stops the user signing in and ends its sessions everywhere (refresh tokens revoked). */
  disable(userId: string): Promise<void>;
  /** Deletes the user (its contact was erased); one already gone is fine. */
  remove(userId: string): Promise<void>;
  /** When the user last signed in, where the directory knows it. */
  lastSignIn(userId: string): Promise<string | null>;
}

/** The directory refused the password (its policy); the message says why, in English. */
export class PasswordRejectedError extends Error {
  override readonly name = 'PasswordRejectedError';
}

/** Another user of the directory already signs in with this address (a staff user, say). */
export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

/**
 * The pool's password policy (infra/cdk: 12 characters, lower and upper case, a digit, a symbol),
 * checked before the directory is asked, so the page can say what is missing in the person's language.
 */
export function passwordProblems(password: string): ('length' | 'lower' | 'upper' | 'digit' | 'symbol')[] {
  const problems: ('length' | 'lower' | 'upper' | 'digit' | 'symbol')[] = [];
  if ([...password].length < 12) problems.push('length');
  if (!/\p{Ll}/u.test(password)) problems.push('lower');
  if (!/\p{Lu}/u.test(password)) problems.push('upper');
  if (!/\d/.test(password)) problems.push('digit');
  if (!/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) problems.push('symbol');
  return problems;
}
