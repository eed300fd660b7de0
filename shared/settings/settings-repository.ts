import { BatchGetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../data/dynamo-client.ts';
import { cancellationReasons, isConditionalCheckFailed, mapDynamoError } from '../data/dynamo-errors.ts';
import { getItem } from '../data/get-item.ts';
import {
  currencyUsageKey,
  currencyUsagePartition,
  type Key,
  rateTableKey,
  tierTableKey,
} from '../data/keys.ts';
import { type TransactLeg, transactWrite } from '../data/transact.ts';
import { PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import {
  defaultRateTable,
  firstRateDay,
  type RateTable,
  rateTableSchema,
  utcDay,
} from '../domain/exchange-rates.ts';
import { type Currency, currencies } from '../domain/money.ts';
import { seedTierTable, type TierTable, tierTableSchema } from '../domain/tiers.ts';

export interface Versioned<T> {
  value: T;
  version: number;
  updatedAt?: string;
  /** Rate table only: the last day a daily run started a re-tier for its dated rates (markRatesApplied). */
  appliedThrough?: string;
}

export interface Settings {
  tiers: Versioned<TierTable>;
  rates: Versioned<RateTable>;
}

/**
 * The tier table's value alone (no version), as `SettingsRepository.readTiers` reads it, for what only
 * names tiers and needs nothing else of the settings (a campaign's recipients, its preview): a bundle
 * that calls only this leaves out the class, whose writes and their checks it would never run.
 */
export async function readTierTable(db: Database): Promise<TierTable> {
  const item = await getItem(db, tierTableKey);
  return item ? parseTierTable(item.value) : seedTierTable;
}

/**
 * The association's settings: the tier table and the exchange-rate table, one item each. A table
 * never written reads as the built-in default at version 0, so a fresh deployment tiers members
 * from its first write.
 */
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Transaction legs that hold only while both tables are still at the versions in `settings`: for a
   * write computed from them that must not land after either changed (the demo seed's members).
   */
  unchangedLegs(settings: Settings): TransactLeg[] {
    const tables: [Key, number][] = [
      [tierTableKey, settings.tiers.version],
      [rateTableKey, settings.rates.version],
    ];
    return tables.map(([Key, version]) => ({
      ConditionCheck: {
        TableName: this.db.tableName,
        Key,
        ...(version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': version },
            }),
      },
    }));
  }

  /**
   * The tier table alone, for what names tiers and converts no revenue (the console's directory, a
   * record, a campaign's audience): one item read and parsed, not the rate table's too.
   */
  async readTiers(): Promise<Versioned<TierTable>> {
    return versioned(await getItem(this.db, tierTableKey), parseTierTable, seedTierTable);
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
      tiers: versioned(find(tierTableKey), parseTierTable, seedTierTable),
      rates: versioned(find(rateTableKey), (v) => rateTableSchema.parse(v), defaultRateTable),
    };
  }

  /**
   * Replaces one table if its version is still `expectedVersion` (0: never written). `alongside` is
   * created in the same transaction (the re-tier job the change needs), so a saved table never lacks
   * its job.
   *
   * A rate table is refused (ValidationError) if it leaves a currency that members' verified revenue is
   * in without a rate in force from today on: every write of such a member, and the re-tier job, would
   * fail to convert it. The counts are the per-currency aggregates that member writes keep, checked in
   * the same transaction, which also records on each of them the first day its currency has a rate, for
   * member writes to check in theirs (MemberRepository.write): a member cannot join a currency the
   * table dropped while that write was in flight.
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
    const legs: TransactLeg[] = [{ Put: settingsPut }];
    if (alongside) {
      legs.push({
        Put: {
          TableName: this.db.tableName,
          Item: alongside,
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    const today = utcDay(now);
    // `which` names the table `value` is; TypeScript does not narrow a generic value by its key.
    const coverage = which === 'rates' ? this.rateCoverage(value as RateTable, today) : [];
    try {
      if (legs.length + coverage.length === 1) await this.db.doc.send(new PutCommand(settingsPut));
      else await transactWrite(this.db, [...legs, ...coverage.map((c) => c.leg)]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (isConditionalCheckFailed(error) || reasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new PreconditionFailedError('The table changed since it was read; fetch it again and retry.');
      }
      const refused = coverage.filter(
        (_, i) => reasons?.[legs.length + i]?.Code === 'ConditionalCheckFailed',
      );
      if (refused.length > 0)
        throw await this.inUseWithoutRate(
          refused.map((c) => c.currency),
          today,
        );
      throw mapDynamoError(error);
    }
    return { value, version, updatedAt: at };
  }

  /**
   * Records that the dated rates of table `version` have been applied through `day`, with the re-tier
   * job that applies them, in one transaction. Nothing is written when the table changed meanwhile (its
   * save started a job of its own) or another run recorded `day` first: either way a job is under way.
   */
  async markRatesApplied(version: number, day: string, job: Record<string, unknown>): Promise<void> {
    try {
      await transactWrite(this.db, [
        {
          Update: {
            TableName: this.db.tableName,
            Key: rateTableKey,
            UpdateExpression: 'SET appliedThrough = :day',
            ConditionExpression:
              'version = :v AND (attribute_not_exists(appliedThrough) OR appliedThrough < :day)',
            ExpressionAttributeValues: { ':v': version, ':day': day },
          },
        },
        { Put: { TableName: this.db.tableName, Item: job, ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
    } catch (error) {
      if (!cancellationReasons(error)?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw mapDynamoError(error);
      }
    }
  }

  /**
   * One leg per currency: records the first day the table has a rate for it (null: none), and, where
   * that is not today or earlier, requires that no member's verified revenue and no lead's estimated
   * value is in that currency.
   */
  private rateCoverage(table: RateTable, today: string): { currency: Currency; leg: TransactLeg }[] {
    return currencies.map((currency) => {
      const from = firstRateDay(table, currency) ?? null;
      const inForce = from !== null && from <= today;
      return {
        currency,
        leg: {
          Update: {
            TableName: this.db.tableName,
            Key: currencyUsageKey(currency),
            UpdateExpression: 'SET #type = :type, currency = :currency, rateFrom = :from',
            ...(inForce
              ? {}
              : {
                  ConditionExpression:
                    '(attribute_not_exists(memberCount) OR memberCount <= :zero) AND ' +
                    '(attribute_not_exists(leadCount) OR leadCount <= :zero)',
                }),
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':type': 'currencyUsage',
              ':currency': currency,
              ':from': from,
              ...(inForce ? {} : { ':zero': 0 }),
            },
          },
        },
      };
    });
  }

  /** The refusal of a rate table, naming each currency it leaves without a rate and its member count. */
  private async inUseWithoutRate(refused: Currency[], today: string): Promise<ValidationError> {
    let items: Record<string, unknown>[];
    try {
      const result = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': currencyUsagePartition },
          ConsistentRead: true,
        }),
      );
      items = result.Items ?? [];
    } catch (error) {
      throw mapDynamoError(error);
    }
    const count = (currency: Currency, attribute: 'memberCount' | 'leadCount') =>
      Number(items.find((i) => i.currency === currency)?.[attribute] ?? 0);
    return new ValidationError(
      refused.map((currency) => ({
        path: 'rates',
        message:
          `${currency}: ${count(currency, 'memberCount')} member(s) have verified revenue and ` +
          `${count(currency, 'leadCount')} lead(s) an estimated value in ${currency}; it needs a rate in ` +
          `force from ${today} on.`,
      })),
      'The table leaves currencies that members or leads use without a rate; add one for each, valid from today or earlier.',
    );
  }
}

const parseTierTable = (value: unknown): TierTable => tierTableSchema.parse(value);

function versioned<T>(
  item: Record<string, unknown> | undefined,
  parse: (v: unknown) => T,
  fallback: T,
): Versioned<T> {
  if (!item) return { value: fallback, version: 0 };
  return {
    value: parse(item.value),
    version: Number(item.version),
    updatedAt: item.updatedAt as string,
    ...(typeof item.appliedThrough === 'string' ? { appliedThrough: item.appliedThrough } : {}),
  };
}
