/** Small helpers the bench sections share: percentiles and fixed-width tables. */

/** Linear-interpolated percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export const ms = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '-';

export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '-');

export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

export type Align = 'left' | 'right';

/** A compact text table; the first row is the header, numbers are right-aligned unless told otherwise. */
export function table(header: string[], rows: (string | number)[][], align?: Align[]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const alignOf = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (row: string[]) =>
    row
      .map((cell, i) => (alignOf(i) === 'left' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].map((text) => `  ${text}`).join('\n');
}

export function section(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`);
}
