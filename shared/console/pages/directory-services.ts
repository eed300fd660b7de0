import { JobRepository } from '../../jobs/job-repository.ts';
import { accountServiceFor } from '../../members/account-service-for.ts';
import { MemberCsvService } from '../../members/member-csv-service.ts';
import { MemberRepository } from '../../members/member-repository.ts';
import { memberServiceFor } from '../../members/member-service-for.ts';
import { SettingsRepository } from '../../settings/settings-repository.ts';
import type { ConsolePageDeps } from '../console-deps.ts';

/** The directory's repositories and services, wired as the directory API's context wires them. */
export function directoryServices(deps: ConsolePageDeps) {
  const { app } = deps;
  const members = new MemberRepository(app.db);
  const settings = new SettingsRepository(app.db);
  const service = memberServiceFor(
    { db: app.db, queue: app.jobs, clock: app.clock, newId: app.newId, sendQueue: app.sendQueue },
    { members, settings },
  );
  return {
    members,
    settings,
    service,
    accounts: accountServiceFor(app, members),
    csv: new MemberCsvService(service, members),
    jobs: new JobRepository(app.db),
  };
}

export type DirectoryServices = ReturnType<typeof directoryServices>;
