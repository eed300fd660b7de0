import type { Key } from './keys.ts';

/**
 * The conditional ADD that counts `count` more of something a member did on `at`'s UTC day into the
 * item at `key`, refused (ConditionalCheckFailed, counting none) if that would pass `most`. The item
 * lives two days (TTL), so the day's count is there all day in every time zone's sense. Usable on its
 * own or as a transaction leg.
 */
export function dailyCountUpdate(options: { key: Key; type: string; count: number; most: number; at: Date }) {
  const { key, type, count, most, at } = options;
  const midnight = Date.parse(`${at.toISOString().slice(0, 10)}T00:00:00Z`);
  return {
    Key: key,
    UpdateExpression: 'ADD #count :count SET #type = :type, expiresAt = :expires',
    ConditionExpression: 'attribute_not_exists(#count) OR #count <= :most',
    ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
    ExpressionAttributeValues: {
      ':count': count,
      ':most': most - count,
      ':type': type,
      ':expires': Math.floor((midnight + 2 * 24 * 3600 * 1000) / 1000),
    },
  };
}

/** Seconds until the next UTC midnight, when a daily limit allows again (`Retry-After`). */
export function secondsToUtcMidnight(now: Date): number {
  const next = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`) + 24 * 3600 * 1000;
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
