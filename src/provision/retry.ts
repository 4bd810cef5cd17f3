// Bounded exponential backoff for errors that go away by themselves (IAM propagation).
import type { Clock } from './clock.js';

export interface BackoffPolicy {
  /** Total attempts including the first. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export interface RetryOptions extends BackoffPolicy {
  clock: Clock;
  retryable(error: unknown): boolean;
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
}

export class RetriesExhausted {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {}
}

/** Delay before retry `n` (1-based): base·2^(n-1), capped. No jitter: one caller per resource. */
export const backoffDelay = (policy: BackoffPolicy, retry: number): number =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));

/**
 * Runs `fn`, retrying retryable errors with backoff. Non-retryable errors propagate as they are;
 * when the attempts run out it rejects with RetriesExhausted so the caller words the failure.
 */
export async function retryWithBackoff<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = options.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!options.retryable(error)) throw error;
      if (attempt >= options.attempts) {
        throw new RetriesExhausted(error, attempt, options.clock.now() - started);
      }
      const delayMs = backoffDelay(options, attempt);
      options.onRetry?.({ attempt, delayMs, error });
      await options.clock.sleep(delayMs);
    }
  }
}
