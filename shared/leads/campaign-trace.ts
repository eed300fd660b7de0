import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publicStatusOf, type RecipientStatus } from '../campaigns/recipient.ts';
import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import { mapDynamoError } from '../data/dynamo-errors.ts';
import { campaignKey, recipientKey } from '../data/keys.ts';

/**
 * What a lead needs of campaigns, read as bare items: whether a campaign exists, and what it did with
 * each of the lead's contacts. Apart from the campaign repositories, whose schemas and templates the
 * partnerships function would otherwise bundle for two reads.
 */
export class CampaignTrace {
  constructor(private readonly db: Database) {}

  async exists(campaignId: string): Promise<boolean> {
    try {
      const result = await this.db.doc.send(
        new GetCommand({
          TableName: this.db.tableName,
          Key: campaignKey(campaignId),
          ProjectionExpression: 'pk',
        }),
      );
      return result.Item !== undefined;
    } catch (error) {
      throw mapDynamoError(error);
    }
  }

  /** Each contact the campaign addressed, with its public status and when it was sent (or last moved). */
  async recipients(
    campaignId: string,
    contactIds: readonly string[],
  ): Promise<{ contactId: string; status: string; at: string }[]> {
    if (contactIds.length === 0) return [];
    const items = await batchGetAll(
      this.db,
      [...new Set(contactIds)].map((contactId) => recipientKey(campaignId, contactId)),
      { projection: 'contactId, #status, sentAt, updatedAt', names: { '#status': 'status' } },
    );
    return items.flatMap((item) => {
      const status = publicStatusOf(item.status as RecipientStatus);
      if (!status) return [];
      return [{ contactId: String(item.contactId), status, at: String(item.sentAt ?? item.updatedAt) }];
    });
  }
}
