import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { z } from 'zod';
import type { Key } from '../data/keys.ts';
import { logger } from '../observability/logger.ts';
import { metrics } from '../observability/metrics.ts';

/** The metric an unreadable item counts in (namespace BridgeCrm); the stateless stack alarms on it. */
export const storedItemUnreadableMetric = 'StoredItemUnreadable';

/**
 * A stored item that still fails its schema after every known upgrade (or claims a schema version this
 * code does not know): the server's data is at fault, not the request. It is deliberately not one of
 * the domain errors, so problem.ts answers it like any unexpected error, a 500 without details. Its
 * message names only the item's key, which holds ids and no personal data, because whatever logs the
 * error logs its message.
 */
export class StoredItemUnreadableError extends Error {
  override readonly name = 'StoredItemUnreadableError';
  constructor(readonly key: Key) {
    super(`The stored item ${key.pk} ${key.sk} does not match its schema.`);
  }
}

/**
 * Logs the item's key (never its attributes, which may hold names and addresses) and counts the
 * metric. The metric is published at once rather than buffered: the job worker does not flush the
 * shared buffer, and a corrupt item found by a job must reach the alarm too.
 */
export function reportUnreadable(error: StoredItemUnreadableError): void {
  logger.error('stored item unreadable', { pk: error.key.pk, sk: error.key.sk });
  metrics().singleMetric().addMetric(storedItemUnreadableMetric, MetricUnit.Count, 1);
}

/** The key of a stored item, which is what an error about it may name. */
export const storedKeyOf = (item: Record<string, unknown>): Key => ({
  pk: String(item.pk),
  sk: String(item.sk),
});

/** The item as the schema reads it (unknown attributes such as keys dropped), or unreadable. */
export function parsed<T extends z.ZodType>(schema: T, item: Record<string, unknown>): z.output<T> {
  const result = schema.safeParse(item);
  if (!result.success) throw new StoredItemUnreadableError(storedKeyOf(item));
  return result.data;
}

/** A stored item read through `schema`, or, when it does not match, reported (reportUnreadable) and thrown. */
export function readStored<T extends z.ZodType>(schema: T, item: Record<string, unknown>): z.output<T> {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const error = new StoredItemUnreadableError(storedKeyOf(item));
  reportUnreadable(error);
  throw error;
}

/** Maps stored items; an unreadable one is reported here, where it was read, then fails the caller. */
export function decoded<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof StoredItemUnreadableError) reportUnreadable(error);
    throw error;
  }
}
