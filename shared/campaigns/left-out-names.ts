import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import { memberKey, partnerKey } from '../data/keys.ts';
import type { Recipient } from './recipient.ts';

/**
 * The companies' names, as they are now, of the recipients a campaign left out: those hold no merge
 * values (they were never mailed, so nothing was taken from their contacts), yet staff read the list
 * by company. One batch read of the profiles' names, by company id.
 */
export async function leftOutCompanyNames(
  db: Database,
  recipients: readonly Recipient[],
): Promise<ReadonlyMap<string, string>> {
  const unnamed = new Map(
    recipients
      .filter((r) => r.values === null)
      .map((r) => [r.memberId, r.companyKind === 'partner' ? partnerKey(r.memberId) : memberKey(r.memberId)]),
  );
  const profiles = await batchGetAll(db, [...unnamed.values()], {
    projection: 'id, #name',
    names: { '#name': 'name' },
  });
  return new Map(profiles.map((profile) => [String(profile.id), String(profile.name)]));
}
