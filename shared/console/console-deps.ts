import type { AuditLog } from '../audit/audit-log.ts';
import type { AppDeps } from '../http/app-env.ts';
import type { ConsoleAssets } from './assets/console-assets.ts';
import type { ConsoleUserRepository } from './console-user-repository.ts';
import type { SignInProvider } from './session/sign-in-provider.ts';
import type { StaffDirectory } from './session/staff-directory.ts';
import type { TotpEnrolment } from './session/totp-enrolment.ts';
import type { StaffRoster } from './staff-roster.ts';

/** What a runtime gives the console beyond the API's own edges. */
export interface ConsoleEdges {
  signIn: SignInProvider;
  assets: ConsoleAssets;
  /** The callback URL registered with the identity provider; absent: the request's own origin's. */
  callbackUrl?: string;
  /** Enrolling a staff user's second factor, where the provider requires one (Cognito). */
  totp?: TotpEnrolment;
  /** Who the provider holds in the console's groups, for the staff roster's check, where it can list them. */
  staffDirectory?: StaffDirectory;
}

/** What every console page module is built with: the API's edges and the console's own stores. */
export interface ConsolePageDeps {
  app: AppDeps;
  audit: AuditLog;
  users: ConsoleUserRepository;
  /** Who has signed in, so user ids read as names. */
  roster: StaffRoster;
}
