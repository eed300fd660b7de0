import { AuditLog } from '../audit/audit-log.ts';
import { eraseMemberRecipients } from '../campaigns/recipient-erasure.ts';
import type { Member } from '../domain/member-schema.ts';
import { eraseEventDelegates } from '../events/event-delegate-erasure.ts';
import type { AppDeps } from '../http/app-env.ts';
import { JobRepository } from '../jobs/job-repository.ts';
import { formerPartnerIds, tombstonePartnerHistory } from '../partners/former-partners.ts';
import type { AccountService } from './account-service.ts';
import type { Actor } from './actor.ts';
import { purgeErasedFromImports } from './import-erasure.ts';
import type { ErasureReach, MemberService } from './member-service.ts';

/**
 * A member's erasure as every runtime makes it, the API's `POST /v1/members/{id}/erase` and the
 * console's erasure page alike: the member's service erases it with everything its contacts reach
 * (below), and the audit log records who erased which member (its id only).
 */
export async function eraseMemberEverywhere(
  deps: AppDeps,
  services: { members: MemberService; accounts: Pick<AccountService, 'removeAll'> },
  id: string,
  actor: Actor,
): Promise<Member> {
  const member = await services.members.erase(id, actor, await memberErasureReach(deps, services.accounts));
  await new AuditLog(deps.db, deps.clock, deps.newId).record({
    action: 'erasure',
    actor,
    company: { kind: 'member', id: member.id },
  });
  return member;
}

async function memberErasureReach(
  deps: AppDeps,
  accounts: Pick<AccountService, 'removeAll'>,
): Promise<ErasureReach> {
  const jobs = new JobRepository(deps.db);
  // A member that was a partner: the partner's history, recipients and delegates held its contacts too.
  const companies = async (memberId: string) => [memberId, ...(await formerPartnerIds(deps.db, memberId))];
  return {
    suppression: await deps.suppression(),
    purgeImports: (rows) => purgeErasedFromImports(jobs, rows, deps.clock),
    removeAccounts: (memberId) => accounts.removeAll(memberId),
    tombstoneOtherHistory: async (memberId) => {
      for (const partnerId of await formerPartnerIds(deps.db, memberId)) {
        await tombstonePartnerHistory(deps.db, partnerId);
      }
    },
    purgeRecipients: async (memberId) => {
      for (const companyId of await companies(memberId)) {
        const { messageIds } = await eraseMemberRecipients(deps.db, companyId);
        await deps.sentMailCopies?.erase(messageIds);
      }
    },
    eraseEventDelegates: async (memberId) => {
      for (const companyId of await companies(memberId)) await eraseEventDelegates(deps.db, companyId);
    },
  };
}
