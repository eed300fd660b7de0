import { AuditLog } from '../audit/audit-log.ts';
import type { ScheduledTask } from '../jobs/job-types.ts';
import type { Actor } from '../members/actor.ts';
import { logger } from '../observability/logger.ts';
import type { StaffDirectory } from './session/staff-directory.ts';
import { StaffRoster } from './staff-roster.ts';

/** What a check did: how many it marked as left, or nothing, because the groups listed nobody. */
export type RosterCheckOutcome = { unlisted: true } | { unlisted: false; left: number };

/** Who the daily check acts as, on the audit log. */
export const rosterCheckActor: Actor = { sub: 'system:staff-check', role: 'admin' };

/**
 * The roster checked against the identity provider's groups: everyone on it as staff whom the groups
 * no longer hold is marked as left, each on the audit log; a role the groups changed is kept in step.
 * Nobody is brought back (an admin may have marked them left; signing in again does that), `skip` (the
 * admin checking) is left as they are, and groups that list nobody change nothing: groups renamed or
 * a misread pool must not empty the roster.
 */
export async function checkStaffRoster(
  deps: {
    directory: StaffDirectory;
    roster: StaffRoster;
    audit: Pick<AuditLog, 'record'>;
    clock: () => Date;
  },
  actor: Actor,
  skip?: string,
): Promise<RosterCheckOutcome> {
  const [members, roster] = await Promise.all([deps.directory.members(), deps.roster.read()]);
  if (members.size === 0) return { unlisted: true };
  const at = deps.clock().toISOString();
  let left = 0;
  for (const user of roster.current) {
    if (user.sub === skip) continue;
    const role = members.get(user.sub);
    if (role === undefined) {
      // Another check or an admin may have marked them left since the roster was read.
      if (!(await deps.roster.leave(user.sub, at))) continue;
      await deps.audit.record({ action: 'staff-left', actor, staffSub: user.sub });
      left++;
    } else if (role !== user.role) {
      await deps.roster.changeRole(user.sub, role);
    }
  }
  return { unlisted: false, left };
}

/**
 * The same check once a day, so that someone taken out of the groups who never signs in again stops
 * being offered as an owner without an admin's click. The directory is built on the first run: in AWS
 * it needs the pool's id, which only the worker that runs the task is given.
 */
export function dailyRosterCheck(directoryOf: () => StaffDirectory): ScheduledTask {
  let directory: StaffDirectory | undefined;
  return {
    run: 'check-staff-roster',
    async start(runtime) {
      directory ??= directoryOf();
      const outcome = await checkStaffRoster(
        {
          directory,
          roster: new StaffRoster(runtime.db),
          audit: new AuditLog(runtime.db, runtime.clock, runtime.newId),
          clock: runtime.clock,
        },
        rosterCheckActor,
      );
      if (outcome.unlisted)
        logger.warn('staff roster not checked: the sign-in service lists nobody in its groups');
      else logger.info('staff roster checked', { left: outcome.left });
      return undefined;
    },
  };
}
