import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InProcessQueue } from '../../infra/local/in-process-queue.ts';

/** Refused for now, as an agenda whose participant another delivery holds is. */
class Busy extends Error {
  constructor(readonly seconds: number) {
    super('busy');
  }
}

describe('the local queue', () => {
  beforeEach(() => {
    // The queue yields with setImmediate between messages; only its waits are faked.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const queueOf = (handler: (message: string) => Promise<void>) => {
    const queue = new InProcessQueue<string>(
      'test',
      (message) => message,
      (error) => (error instanceof Busy ? error.seconds : undefined),
      2,
      1,
    );
    queue.setHandler(handler);
    return queue;
  };

  it('delivers a message refused for now again once the refusal allows, past its attempts', async () => {
    let calls = 0;
    let refusals = 3;
    const queue = queueOf(async () => {
      calls++;
      if (refusals-- > 0) throw new Busy(60);
    });
    await queue.enqueue('agenda');
    await queue.idle();
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(59_000);
    await queue.idle();
    expect(calls).toBe(1);
    // Three refusals a minute apart and the delivery that went through: more than its two attempts.
    for (const expected of [2, 3, 4]) {
      await vi.advanceTimersByTimeAsync(expected === 2 ? 1_000 : 60_000);
      await queue.idle();
      expect(calls).toBe(expected);
    }
    await vi.advanceTimersByTimeAsync(600_000);
    await queue.idle();
    expect(calls).toBe(4);
    expect(console.error).not.toHaveBeenCalled();
  });

  it('drops a message that fails otherwise after its attempts, and says so', async () => {
    let calls = 0;
    const queue = queueOf(async () => {
      calls++;
      throw new Error('the disk is on fire');
    });
    await queue.enqueue('campaign');
    await vi.advanceTimersByTimeAsync(1_000);
    await queue.idle();
    expect(calls).toBe(2);
    expect(console.error).toHaveBeenCalledWith('test: campaign failed 2 times: the disk is on fire');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toBe(2);
  });
});
