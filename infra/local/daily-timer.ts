const dayMs = 24 * 60 * 60 * 1000;

/**
 * Runs `task` shortly after every 00:00 UTC, the local stand-in for the daily EventBridge schedule.
 * Each run is timed afresh from the clock rather than every 24 hours from the first, so a machine that
 * slept does not drift off midnight. A failed run is reported and the next day's still happens. The
 * timer does not keep the process alive: the server does, and Ctrl-C ends both.
 */
export function everyDayAfterMidnightUtc(
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): void {
  // A few seconds past midnight, so the run's own clock reads the new day whatever the timer's jitter.
  const lateness = 5_000;
  const arm = () => {
    const wait = dayMs - (Date.now() % dayMs) + lateness;
    setTimeout(() => {
      task().catch(onError).finally(arm);
    }, wait).unref();
  };
  arm();
}
