// The local cloud's one clock: wall time for timestamps, and delays (retry backoff, delivery
// delays, keep-alives) scaled by one time factor so tests can run the same logic fast.

export interface Clock {
  now(): number;
  /** Internal delays are multiplied by the time factor (0.01 makes a 60 s backoff 600 ms). */
  scale(ms: number): number;
  sleep(ms: number): Promise<void>;
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

export function systemClock(timeFactor = 1): Clock {
  const scale = (ms: number) => Math.max(0, Math.round(ms * timeFactor));
  return {
    now: () => Date.now(),
    scale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, scale(ms)).unref()),
    setTimer(fn, ms) {
      const t = setTimeout(fn, scale(ms));
      t.unref();
      return { cancel: () => clearTimeout(t) };
    },
  };
}
