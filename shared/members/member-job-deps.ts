import type { JobDeps } from '../jobs/job-types.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { MemberRepository } from './member-repository.ts';

/** What the directory's job batches work with: the runner's deps and the member repositories. */
export interface MemberJobDeps extends JobDeps {
  members: MemberRepository;
  settings: SettingsRepository;
}

export function memberJobDeps(deps: JobDeps): MemberJobDeps {
  return { ...deps, members: new MemberRepository(deps.db), settings: new SettingsRepository(deps.db) };
}
