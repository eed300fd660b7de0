import { JobRepository } from '../../../jobs/job-repository.ts';
import { accountServiceFor } from '../../../members/account-service-for.ts';
import { MemberCsvService } from '../../../members/member-csv-service.ts';
import type { ConsolePageDeps } from '../../console-deps.ts';
import { memberServices } from '../member/member-services.ts';

/** The members' services with their CSV import and export and its jobs: what the import needs. */
export function memberCsvServices(deps: ConsolePageDeps) {
  const members = memberServices(deps);
  return {
    ...members,
    csv: new MemberCsvService(members.service, members.members),
    jobs: new JobRepository(deps.app.db),
  };
}

/** The directory list's services: those, and member accounts (a bulk status change reaches them). */
export function directoryServices(deps: ConsolePageDeps) {
  const services = memberCsvServices(deps);
  return { ...services, accounts: accountServiceFor(deps.app, services.members) };
}

export type DirectoryServices = ReturnType<typeof directoryServices>;
