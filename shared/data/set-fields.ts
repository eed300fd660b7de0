/**
 * `SET #f0 = :v0, …` for the given fields, with its attribute names and values: placeholders for
 * every name, so a field may be a reserved word (`state`, `values`, `status`).
 */
export function setFields(fields: Record<string, unknown>) {
  const entries = Object.entries(fields);
  return {
    set: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
  };
}
