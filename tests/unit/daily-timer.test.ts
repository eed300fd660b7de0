import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyDayAfterMidnightUtc } from '../../infra/local/daily-timer.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-01T23:59:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('the local daily timer', () => {
  it('runs just after each 00:00 UTC, and again the next day after a failed run', async () => {
    const runs: string[] = [];
    const errors: unknown[] = [];
    everyDayAfterMidnightUtc(
      async () => {
        runs.push(new Date().toISOString());
        if (runs.length === 1) throw new Error('database busy');
      },
      (error) => errors.push(error),
    );

    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual(['2026-03-02T00:00:05.000Z']);
    expect(errors).toEqual([new Error('database busy')]);

    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(runs).toEqual(['2026-03-02T00:00:05.000Z', '2026-03-03T00:00:05.000Z']);
  });
});
