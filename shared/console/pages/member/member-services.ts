import { MemberRepository } from '../../../members/member-repository.ts';
import { memberServiceFor } from '../../../members/member-service-for.ts';
import { SettingsRepository } from '../../../settings/settings-repository.ts';
import type { ConsolePageDeps } from '../../console-deps.ts';

/** The member use cases, wired as the directory API's context wires them. */
export function memberServices(deps: ConsolePageDeps) {
  const { app } = deps;
  const members = new MemberRepository(app.db);
  const settings = new SettingsRepository(app.db);
  const service = memberServiceFor(
    { db: app.db, queue: app.jobs, clock: app.clock, newId: app.newId, sendQueue: app.sendQueue },
    { members, settings },
  );
  return { members, settings, service };
}
