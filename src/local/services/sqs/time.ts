// SQS durations (delays, visibility timeouts, long polls, retention, the deduplication window)
// as wall-clock deadlines scaled by the cloud's time factor, and timers that fire at them.
// Visibility timeouts are scaled too, although they are part of the API contract: the factor
// compresses the whole timeline at once (a visibility timeout against a Lambda timeout, a delay
// against a long poll), so relative behaviour is kept; at the default factor 1 every duration is
// exactly AWS's. Timestamps (SentTimestamp, CreatedTimestamp…) are always wall-clock.

import type { Clock } from '../../clock.js';

export class SqsTime {
  constructor(
    private readonly clock: Clock,
    private readonly factor: number,
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** Wall-clock ms of a span of SQS seconds (0.01 time factor: 30 s → 300 ms). */
  span(seconds: number): number {
    return this.clock.scale(seconds * 1000);
  }

  /** The wall-clock deadline `seconds` of SQS time after `from`. */
  after(seconds: number, from = this.clock.now()): number {
    return from + this.span(seconds);
  }

  /** Runs `fn` at the wall-clock instant `at` (the clock scales its delay, so undo that here). */
  at(at: number, fn: () => void): { cancel(): void } {
    const real = Math.max(0, at - this.clock.now());
    return this.clock.setTimer(fn, this.factor > 0 ? real / this.factor : 0);
  }
}
