import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { audienceIndexKey, audiencePartition, type CompanyKind, suppressionKey } from '../data/keys.ts';
import { queryAll } from '../data/query-all.ts';
import type { EmailHasher } from '../domain/email-hash.ts';
import { type AudienceEntry, audienceEntrySchema } from '../members/audience-entry.ts';
import { readStored } from '../members/stored-item-error.ts';

/**
 * Reads audiences: every live contact's audience entry (one index partition, written by member
 * writes), and which addresses are on the suppression list. No profile or contact item is read.
 */
export class AudienceRepository {
  constructor(private readonly db: Database) {}

  async *entries(): AsyncGenerator<AudienceEntry> {
    for await (const item of queryAll(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': audiencePartition },
    })) {
      yield readStored(audienceEntrySchema, item);
    }
  }

  /** One live contact's entry as its company's last write left it (read strongly), or undefined. */
  async entry(
    memberId: string,
    contactId: string,
    kind: CompanyKind = 'member',
  ): Promise<AudienceEntry | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(
        new GetCommand({
          TableName: this.db.tableName,
          Key: audienceIndexKey(memberId, contactId, kind),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item ? readStored(audienceEntrySchema, result.Item) : undefined;
  }

  /**
   * Whether one recipient may still be mailed, as the sender asks just before its claim: one BatchGet
   * of the address's suppression entry and the contact's audience entry. `suppressed` if the list holds
   * the address; `no-consent` if the contact withdrew its outreach consent (an unsubscribe from another
   * campaign's email) or is no longer the member's; `unverified` if a member changed its address since
   * and the new one waits for confirmation.
   */
  async stillMailable(
    recipient: { companyKind: CompanyKind; memberId: string; contactId: string; email: string },
    hasher: EmailHasher,
  ): Promise<'suppressed' | 'no-consent' | 'unverified' | undefined> {
    const suppression = suppressionKey(hasher.hash(recipient.email));
    const entry = audienceIndexKey(recipient.memberId, recipient.contactId, recipient.companyKind);
    const found = await batchGetAll(this.db, [suppression, entry], {
      projection: 'pk, sk, outreach, verified',
      consistent: true,
    });
    if (found.some((item) => item.pk === suppression.pk)) return 'suppressed';
    const audience = found.find((item) => item.pk === entry.pk && item.sk === entry.sk);
    if (audience?.outreach !== true) return 'no-consent';
    return audience.verified === false ? 'unverified' : undefined;
  }

  /** The addresses among `emails` that the suppression list holds. */
  async suppressed(emails: readonly string[], hasher: EmailHasher): Promise<Set<string>> {
    const emailByPk = new Map<string, string>();
    const keys = emails.map((email) => {
      const key = suppressionKey(hasher.hash(email));
      emailByPk.set(key.pk, email);
      return key;
    });
    const found = new Set<string>();
    for (const item of await batchGetAll(this.db, keys, { projection: 'pk' })) {
      const email = emailByPk.get(String(item.pk));
      if (email) found.add(email);
    }
    return found;
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
