import type { PRNG } from 'ulid';
import { monotonicFactory } from 'ulid';
import { forEachBounded } from '../../../shared/concurrency/for-each-bounded.ts';
import type { Database } from '../../../shared/data/dynamo-client.ts';
import { ConflictError } from '../../../shared/domain/errors.ts';
import { partnerCreateSchema } from '../../../shared/domain/partner-schema.ts';
import type { Actor } from '../../../shared/members/actor.ts';
import { companyChanges } from '../../../shared/members/member-changes.ts';
import {
  partnerContactItems,
  partnerGuardItems,
  partnerIndexItems,
} from '../../../shared/partners/partner-items.ts';
import { PartnerRepository } from '../../../shared/partners/partner-repository.ts';
import { partnerTrackedFields } from '../../../shared/partners/partner-service.ts';
import { applyPartnerProfile } from '../../../shared/partners/partner-state.ts';
import { generateDemoPartners } from './demo-partners.ts';

const seedActor: Actor = { sub: 'seed', role: 'admin' };

/** Partner writes in flight: DynamoDB Local serialises its writes, so more than two only queue up. */
const concurrency = 2;

/**
 * Writes the demo partners (one per ten members), each exactly as the API would create it, in its own
 * transaction that holds only while its id, its tax id and its addresses are free. A partner already
 * written (a seed run again) or whose tax id or address a user took first is left out; the latter are
 * counted as skipped.
 */
export async function seedDemoPartners(
  db: Database,
  options: { seed: number; count: number; now: Date; random: PRNG; avoidTaxIds: Iterable<string> },
): Promise<{ partners: number; items: number; skipped: number }> {
  const partners = new PartnerRepository(db);
  const nextId = monotonicFactory(options.random);
  const newId = () => nextId(options.now.getTime());
  const inputs = generateDemoPartners(options).map((input) => {
    const { confirmNotDuplicate: _, ...profile } = partnerCreateSchema.parse(input);
    const ids = [newId(), ...profile.contacts.map(() => newId())];
    const after = applyPartnerProfile(undefined, profile, {
      now: options.now,
      consentSource: 'seed',
      actorSub: seedActor.sub,
      newId: () => ids.shift()!,
    });
    return { after, historyId: newId() };
  });
  const result = { partners: 0, items: 0, skipped: 0 };
  await forEachBounded(inputs, concurrency, async ({ after, historyId }) => {
    try {
      await partners.write({
        before: undefined,
        after,
        history: {
          id: historyId,
          partnerId: after.id,
          at: options.now.toISOString(),
          actor: seedActor,
          action: 'create',
          changes: companyChanges(undefined, after, partnerTrackedFields),
        },
      });
      result.partners++;
      result.items +=
        2 +
        partnerContactItems(after).length +
        partnerGuardItems(after).length +
        partnerIndexItems(after).length;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A partner of this id exists: written by an earlier run. Anything else a user holds.
      if (error.field !== undefined) result.skipped++;
    }
  });
  return result;
}
