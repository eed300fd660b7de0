import { currencyUsageKey } from './keys.ts';
import type { TransactLeg } from './transact.ts';

/**
 * The leg that moves a currency's usage count by `delta`: `memberCount` for members' verified
 * revenues, `leadCount` for leads' estimated values (issue 4: a rate table may not drop a currency
 * in use). Something coming into a currency meets the rate table as it is now, not as it was read:
 * one saved meanwhile records on this item the first day it has a rate from (`rateFrom`, null for
 * none), and the leg holds only if that day is `day` or earlier. An item no rate table has marked
 * yet holds no such record.
 */
export function currencyUsageLeg(
  table: string,
  currency: string,
  counter: 'memberCount' | 'leadCount',
  delta: number,
  day: string,
): TransactLeg {
  const joins = delta > 0;
  return {
    Update: {
      TableName: table,
      Key: currencyUsageKey(currency),
      UpdateExpression: `ADD ${counter} :count SET #type = :type, currency = :currency`,
      ...(joins
        ? {
            ConditionExpression:
              'attribute_not_exists(rateFrom) OR (attribute_type(rateFrom, :string) AND rateFrom <= :day)',
          }
        : {}),
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':count': delta,
        ':type': 'currencyUsage',
        ':currency': currency,
        ...(joins ? { ':string': 'S', ':day': day } : {}),
      },
    },
  };
}
