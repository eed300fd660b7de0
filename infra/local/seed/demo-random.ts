/**
 * Seeded randomness for the demo generators (members, partners): every choice goes through a seeded
 * faker instance, so a generator's output is a pure function of its arguments.
 */
import type { Faker } from '@faker-js/faker';

export class Rng {
  constructor(readonly faker: Faker) {}

  /** Uniform in [0, 1). */
  unit(): number {
    return this.faker.number.float();
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  chance(probability: number): boolean {
    return this.unit() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** Standard normal (Box–Muller); 1 - u keeps the logarithm's argument above zero. */
  normal(): number {
    const u1 = 1 - this.unit();
    const u2 = this.unit();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

/**
 * Picks values in proportion to their weights. Entries weighing 0 (or less) are left out of the table,
 * so adding one changes nothing a seed picks.
 */
export class Weighted<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [value, weight] of entries) {
      if (weight <= 0) continue;
      this.total += weight;
      this.values.push(value);
      this.cumulative.push(this.total);
    }
    if (this.values.length === 0) throw new RangeError('a weighted table needs a positive weight');
  }

  pick(rng: Rng): T {
    const x = rng.unit() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }

  /** Up to `k` distinct values, never one from `exclude`; stops early if the table runs dry. */
  pickDistinct(rng: Rng, k: number, exclude: readonly T[] = []): T[] {
    const chosen: T[] = [];
    for (let attempt = 0; chosen.length < k && attempt < k * 20; attempt++) {
      const value = this.pick(rng);
      if (!chosen.includes(value) && !exclude.includes(value)) chosen.push(value);
    }
    return chosen;
  }
}
