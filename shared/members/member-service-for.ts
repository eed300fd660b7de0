import type { JobRuntime } from '../jobs/job-types.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { MemberRepository } from './member-repository.ts';
import { MemberService } from './member-service.ts';
import { queueMemberRetier } from './retier-job.ts';

/**
 * The member use cases as every runtime wires them (the directory's routes, the import job, the
 * mail-event consumer): a write that meets a settings change queues the member's re-tier as a job.
 */
export function memberServiceFor(
  runtime: Pick<JobRuntime, 'db' | 'queue' | 'clock' | 'newId'>,
  repositories: { members: MemberRepository; settings: SettingsRepository } = {
    members: new MemberRepository(runtime.db),
    settings: new SettingsRepository(runtime.db),
  },
): MemberService {
  return new MemberService({
    ...repositories,
    clock: runtime.clock,
    newId: runtime.newId,
    settleLater: (memberId) => queueMemberRetier(runtime, memberId),
  });
}
