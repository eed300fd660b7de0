import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { type Key, rateTableKey, tierTableKey } from '../data/keys.ts';
import { transactWrite } from '../data/transact.ts';
import { PreconditionFailedError } from '../domain/errors.ts';
import { defaultRateTable, type RateTable, rateTableSchema } from '../domain/exchange-rates.ts';
import { seedTierTable, type TierTable, tierTableSchema } from '../domain/tiers.ts';

export interface Versioned<T> {
  value: T;
  version: number;
  updatedAt?: string;
}

export interface Settings {
  tiers: Versioned<TierTable>;
  rates: Versioned<RateTable>;
}

/**
 * The association's settings: the tier table and the exchange-rate table, one item each. A table
 * never written reads as the built-in default at version 0, so a fresh deployment tiers members
 * from its first write.
 */
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  /** One cheap read of a known key: proof the table answers, for the health check. */
  async ping(): Promise<void> {
    await this.db.doc.send(
      new GetCommand({ TableName: this.db.tableName, Key: tierTableKey, ProjectionExpression: 'pk' }),
    );
  }

  async read(): Promise<Settings> {
    let items: Record<string, unknown>[];
    try {
      const result = await this.db.doc.send(
        new BatchGetCommand({
          // Strong: callers compare versions across a settings change (a re-tier job, a member write
          // re-checking what it was computed with), and a stale read would miss the change.
          RequestItems: { [this.db.tableName]: { Keys: [tierTableKey, rateTableKey], ConsistentRead: true } },
        }),
      );
      items = result.Responses?.[this.db.tableName] ?? [];
    } catch (error) {
      throw mapDynamoError(error);
    }
    const find = (key: Key) => items.find((i) => i.sk === key.sk);
    return {
      tiers: versioned(find(tierTableKey), (v) => tierTableSchema.parse(v), seedTierTable),
      rates: versioned(find(rateTableKey), (v) => rateTableSchema.parse(v), defaultRateTable),
    };
  }

  /**
   * Replaces one table if its version is still `expectedVersion` (0: never written). `alongside` is
   * created in the same transaction (the re-tier job the change needs), so a saved table never lacks
   * its job.
   */
  async put<K extends keyof Settings>(
    which: K,
    value: Settings[K]['value'],
    expectedVersion: number,
    now: Date,
    alongside?: Record<string, unknown>,
  ): Promise<Versioned<Settings[K]['value']>> {
    const key = which === 'tiers' ? tierTableKey : rateTableKey;
    const at = now.toISOString();
    const version = expectedVersion + 1;
    const settingsPut = {
      TableName: this.db.tableName,
      Item: {
        ...key,
        type: which === 'tiers' ? 'tierTable' : 'rateTable',
        value,
        version,
        createdAt: at,
        updatedAt: at,
      },
      ...(expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    };
    try {
      if (alongside) {
        await transactWrite(this.db, [
          { Put: settingsPut },
          {
            Put: {
              TableName: this.db.tableName,
              Item: alongside,
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
      } else {
        await this.db.doc.send(new PutCommand(settingsPut));
      }
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (isConditionalCheckFailed(error) || reasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new PreconditionFailedError('The table changed since it was read; fetch it again and retry.');
      }
      throw mapDynamoError(error);
    }
    return { value, version, updatedAt: at };
  }
}

function versioned<T>(
  item: Record<string, unknown> | undefined,
  parse: (v: unknown) => T,
  fallback: T,
): Versioned<T> {
  if (!item) return { value: fallback, version: 0 };
  return { value: parse(item.value), version: Number(item.version), updatedAt: item.updatedAt as string };
}
