// Long polling without busy polling: receivers and in-process listeners park here and are woken
// by a send (or any change that may free a message), or by one timer armed for the next
// delay/visibility deadline, and only while someone is waiting.

import type { SqsTime } from './time.js';

export class Waiters {
  private readonly waiting = new Set<() => void>();
  private readonly listeners = new Set<() => void>();
  private wake: { at: number; timer: { cancel(): void } } | undefined;

  constructor(
    private readonly time: SqsTime,
    /** The next instant a delayed or in-flight message becomes visible, if any. */
    private readonly nextDeadline: () => number | undefined,
  ) {}

  /** Resolves on notify(), at `deadline` (wall-clock ms), or when `signal` aborts. */
  wait(deadline: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        this.waiting.delete(finish);
        timer.cancel();
        signal?.removeEventListener('abort', finish);
        this.schedule();
        resolve();
      };
      const timer = this.time.at(deadline, finish);
      this.waiting.add(finish);
      signal?.addEventListener('abort', finish, { once: true });
      if (signal?.aborted) finish();
      else this.schedule();
    });
  }

  /** Calls `listener` whenever messages may have become available; returns the unsubscribe. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    this.schedule();
    return () => {
      this.listeners.delete(listener);
      this.schedule();
    };
  }

  /** Wakes every waiter (they retry their receive) and tells every listener. */
  notify(): void {
    for (const finish of [...this.waiting]) finish();
    for (const listener of this.listeners)
      queueMicrotask(() => {
        try {
          listener();
        } catch {
          // A listener's failure is its own (it polls again later); it must not take the cloud down.
        }
      });
  }

  /** (Re)arms the one timer for the next deadline, or drops it when nobody waits. */
  schedule(): void {
    if (this.waiting.size === 0 && this.listeners.size === 0) {
      this.cancel();
      return;
    }
    const at = this.nextDeadline();
    if (at === undefined) {
      this.cancel();
      return;
    }
    if (this.wake && this.wake.at <= at) return;
    this.cancel();
    this.wake = {
      at,
      timer: this.time.at(at, () => {
        this.wake = undefined;
        this.notify();
        this.schedule();
      }),
    };
  }

  private cancel(): void {
    this.wake?.timer.cancel();
    this.wake = undefined;
  }
}
