import { isDeepStrictEqual } from 'node:util';

/** A copy without the properties whose value is `undefined`, at every depth. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}

/**
 * Whether two values hold the same data: deep and strict, blind to the order of object keys (DynamoDB
 * returns a map's keys in an order of its own) and treating a property set to `undefined` as absent
 * (the document client drops those when it writes). The one comparison of stored values: deciding
 * which items a write must touch, and what a change changed.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(withoutUndefined(a), withoutUndefined(b));
}
