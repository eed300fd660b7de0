import { AuditLog } from '../audit/audit-log.ts';
import { eraseMemberRecipients } from '../campaigns/recipient-erasure.ts';
import type { Partner } from '../domain/partner-schema.ts';
import { eraseEventDelegates } from '../events/event-delegate-erasure.ts';
import type { AppDeps } from '../http/app-env.ts';
import type { Actor } from '../members/actor.ts';
import type { PartnerService } from './partner-service.ts';

/**
 * A partner's erasure as every runtime makes it, the API's `POST /v1/partners/{id}/erase` and the
 * console's erasure page alike: its campaign recipients and event delegates are blanked with its
 * contacts, and the audit log records who erased which partner (its id only).
 */
export async function erasePartnerEverywhere(
  deps: AppDeps,
  service: PartnerService,
  id: string,
  actor: Actor,
): Promise<Partner> {
  const partner = await service.erase(id, actor, {
    suppression: await deps.suppression(),
    purgeRecipients: async (partnerId) => {
      const { messageIds } = await eraseMemberRecipients(deps.db, partnerId);
      await deps.sentMailCopies?.erase(messageIds);
    },
    eraseEventDelegates: (partnerId) => eraseEventDelegates(deps.db, partnerId),
  });
  await new AuditLog(deps.db, deps.clock, deps.newId).record({
    action: 'erasure',
    actor,
    company: { kind: 'partner', id: partner.id },
  });
  return partner;
}
