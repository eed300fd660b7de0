import { batchGetAll } from '../data/batch-get.ts';
import type { Database } from '../data/dynamo-client.ts';
import type { Key } from '../data/keys.ts';

/** A map value, or undefined for anything else: the light readers check each field they take. */
export const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** Whether `value` holds a string under each of `keys`. */
export const strings = (value: Record<string, unknown> | undefined, ...keys: string[]) =>
  value !== undefined && keys.every((key) => typeof value[key] === 'string');

/**
 * Records of one event's partition read together, in one consistent BatchGet (a public page must not
 * offer what was just answered), each as the map its item holds (`event`, `request`, `meeting` or
 * `participant`), unchecked: for the light readers of the public pages, which bundle none of the
 * events' schemas. A key with no item reads undefined.
 */
export async function readEventRecords<K extends string>(
  db: Database,
  keys: Record<K, Key>,
): Promise<Record<K, Record<string, unknown> | undefined>> {
  const items = await batchGetAll(db, Object.values<Key>(keys), {
    projection: 'pk, sk, #e, #r, #m, #p',
    names: { '#e': 'event', '#r': 'request', '#m': 'meeting', '#p': 'participant' },
    consistent: true,
  });
  const at = (key: Key) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
  return Object.fromEntries(
    (Object.entries(keys) as [K, Key][]).map(([name, key]) => {
      const item = at(key);
      return [name, record(item?.event ?? item?.request ?? item?.meeting ?? item?.participant)];
    }),
  ) as Record<K, Record<string, unknown> | undefined>;
}
