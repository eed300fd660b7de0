import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { campaignKey, campaignsPartition } from '../data/keys.ts';
import { queryPage } from '../data/query-all.ts';
import { setFields } from '../data/set-fields.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors.ts';
import { readStored } from '../members/stored-item-error.ts';
import { type Campaign, campaignSchema } from './campaign-schema.ts';
import { type CampaignState, refusedMove } from './campaign-state.ts';

type LastKey = Record<string, unknown>;

/** Layout version of campaign items; a reader upgrades older ones (none yet). */
const itemSchemaVersion = 1;

function itemOf(campaign: Campaign): Record<string, unknown> {
  return {
    ...campaignKey(campaign.id),
    type: 'campaign',
    schemaVersion: itemSchemaVersion,
    gsi1pk: campaignsPartition,
    gsi1sk: campaign.id,
    ...campaign,
  };
}

/** The item as the schema reads it (keys and item attributes dropped), or logged and alarmed as unreadable. */
const campaignOf = (item: Record<string, unknown>): Campaign => readStored(campaignSchema, item);

/**
 * Campaigns, one item each. Edits and deletes are conditional on the version the caller read and on
 * the campaign still being a draft, so an edit can never land on a campaign that began sending.
 */
export class CampaignRepository {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Campaign | undefined> {
    const result = await this.send(() =>
      this.db.doc.send(
        new GetCommand({ TableName: this.db.tableName, Key: campaignKey(id), ConsistentRead: true }),
      ),
    );
    return result.Item ? campaignOf(result.Item) : undefined;
  }

  async create(campaign: Campaign): Promise<void> {
    await this.send(() =>
      this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: itemOf(campaign),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /** Replaces a draft read at `expectedVersion` with `next` (whose version is one higher). */
  async replaceDraft(next: Campaign, expectedVersion: number): Promise<void> {
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tableName,
          Item: itemOf(next),
          ConditionExpression: 'version = :expected AND #state = :draft',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':draft': 'draft' },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw await this.whyRefused(next.id, expectedVersion, 'edited');
      throw mapDynamoError(error);
    }
  }

  async deleteDraft(id: string, expectedVersion: number): Promise<void> {
    try {
      await this.db.doc.send(
        new DeleteCommand({
          TableName: this.db.tableName,
          Key: campaignKey(id),
          ConditionExpression: 'version = :expected AND #state = :draft',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':draft': 'draft' },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw await this.whyRefused(id, expectedVersion, 'deleted');
      throw mapDynamoError(error);
    }
  }

  /**
   * Moves a campaign in one of `from` to `to` (with `changes`), counting it as a new version, and
   * resolves to the campaign as moved. A campaign in another state is a 409 naming the moves it allows;
   * with `atVersion`, one changed since that version is a 412, checked in the same write.
   */
  async move(
    id: string,
    from: readonly CampaignState[],
    to: CampaignState,
    now: Date,
    changes: Partial<Pick<Campaign, 'sendAt' | 'pausedBecause'>> = {},
    atVersion?: number,
  ): Promise<Campaign> {
    const { set, names, values } = setFields({ ...changes, state: to, updatedAt: now.toISOString() });
    const states = `#state IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
    try {
      const result = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: campaignKey(id),
          UpdateExpression: `${set} ADD version :one`,
          ConditionExpression: atVersion === undefined ? states : `${states} AND version = :version`,
          ExpressionAttributeNames: { '#state': 'state', ...names },
          ExpressionAttributeValues: {
            ':one': 1,
            ...values,
            ...Object.fromEntries(from.map((state, i) => [`:from${i}`, state])),
            ...(atVersion === undefined ? {} : { ':version': atVersion }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return campaignOf(result.Attributes!);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw mapDynamoError(error);
      const current = await this.get(id);
      if (!current) throw new NotFoundError(`No campaign ${id}.`);
      if (atVersion !== undefined && current.version !== atVersion) {
        throw new PreconditionFailedError('The campaign changed since it was read.');
      }
      throw new ConflictError(refusedMove(current.state, to), 'state');
    }
  }

  /** Newest first. */
  async list(
    limit: number,
    startKey: LastKey | undefined,
  ): Promise<{ items: Campaign[]; lastKey?: LastKey }> {
    const page = await queryPage(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': campaignsPartition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
    return { items: page.items.map(campaignOf), lastKey: page.lastKey };
  }

  /** What a refused conditional write met: no campaign, another version, or one past draft. */
  private async whyRefused(id: string, expectedVersion: number, verb: string): Promise<Error> {
    const current = await this.get(id);
    if (!current) return new NotFoundError(`No campaign ${id}.`);
    if (current.state !== 'draft') {
      return new ConflictError(
        `Only a draft can be ${verb}. ${refusedMove(current.state, 'draft')}`,
        'state',
      );
    }
    if (current.version !== expectedVersion)
      return new PreconditionFailedError('If-Match does not match the current ETag.');
    return new ConflictError(`The campaign changed while it was ${verb}; read it and try again.`);
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw mapDynamoError(error);
    }
  }
}
