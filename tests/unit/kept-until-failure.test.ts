import { describe, expect, it } from 'vitest';
import { keptUntilFailure } from '../../shared/concurrency/kept-until-failure.ts';

describe('keptUntilFailure', () => {
  it('starts the read once and shares its promise, and starts it again after a failure', async () => {
    let reads = 0;
    const read = keptUntilFailure(async () => {
      reads++;
      if (reads === 1) throw new Error('unreachable for now');
      return reads;
    });
    await expect(read()).rejects.toThrow('unreachable for now');
    const [first, second] = await Promise.all([read(), read()]);
    expect([first, second, await read(), reads]).toEqual([2, 2, 2, 2]);
  });
});
