import type { SendQueue } from '../campaigns/sending-deps.ts';
import type { JobRuntime } from '../jobs/job-types.ts';
import { SettingsRepository } from '../settings/settings-repository.ts';
import { AddressConfirmations } from './address-confirmation.ts';
import { MemberRepository } from './member-repository.ts';
import { MemberService } from './member-service.ts';
import { queueMemberRetier } from './retier-job.ts';

/**
 * The member use cases as every runtime wires them (the directory's routes, the import job, the
 * mail-event consumer): a write that meets a settings change queues the member's re-tier as a job;
 * where the runtime has the sender's queue, addresses members add are sent their confirmation links.
 */
export function memberServiceFor(
  runtime: Pick<JobRuntime, 'db' | 'queue' | 'clock' | 'newId'> & { sendQueue?: SendQueue | undefined },
  repositories: { members: MemberRepository; settings: SettingsRepository } = {
    members: new MemberRepository(runtime.db),
    settings: new SettingsRepository(runtime.db),
  },
): MemberService {
  const confirmations = new AddressConfirmations(runtime.db);
  const { sendQueue } = runtime;
  return new MemberService({
    ...repositories,
    clock: runtime.clock,
    newId: runtime.newId,
    settleLater: (memberId) => queueMemberRetier(runtime, memberId),
    addressConfirmation: {
      ...(sendQueue
        ? {
            send: (memberId: string, contactIds: readonly string[]) =>
              sendQueue.enqueue(contactIds.map((contactId) => ({ confirmAddress: { memberId, contactId } }))),
          }
        : {}),
      count: (memberId, count, at) => confirmations.count(memberId, count, at),
      spend: (target, secretHash) => confirmations.spend(target, secretHash),
      purge: (memberId) => confirmations.deleteAll(memberId),
    },
  });
}
