import { JobRepository } from '../../jobs/job-repository.ts';
import { MemberCsvService } from '../../members/member-csv-service.ts';
import type { ConsolePageDeps } from '../console-deps.ts';
import { memberServices } from './member-services.ts';

/** The directory list's services: the members', and its CSV import and export with their jobs. */
export function directoryServices(deps: ConsolePageDeps) {
  const members = memberServices(deps);
  return {
    ...members,
    csv: new MemberCsvService(members.service, members.members),
    jobs: new JobRepository(deps.app.db),
  };
}

export type DirectoryServices = ReturnType<typeof directoryServices>;
