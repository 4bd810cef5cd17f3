// The durable queue behind asynchronous invocation: an event is committed before Invoke answers
// 202, each retry is committed with its due time, and a "done" record closes it, so after kill -9
// every accepted-but-unfinished event runs again on restart.

import type { Cloud } from '../../cloud.js';
import type { Durable } from '../../persistence/journal.js';

export interface AsyncItem {
  /** The request id, kept across retries as AWS does. */
  id: string;
  functionName: string;
  /** As invoked: undefined (unqualified), '$LATEST', a version or an alias. */
  qualifier?: string;
  /** The event, base64. */
  payload: string;
  acceptedAt: number;
  /** Attempts that ended in a function error so far. */
  attempts: number;
  /** Throttles/system errors so far (they retry with their own backoff and do not count as attempts). */
  throttles: number;
  /** Wall-clock time of the next attempt. */
  dueAt: number;
  /** Set when a Lambda destination queued this event: how many destinations chained to it. */
  chain?: number;
}

export type Outcome =
  | { kind: 'done' }
  | { kind: 'retry'; attempts: number; throttles: number; delayMs: number }
  /** The cloud is stopping: leave the item as it is on disk, to run again after a restart. */
  | { kind: 'abandon' };

export type Processor = (item: AsyncItem) => Promise<Outcome>;

export class AsyncQueue implements Durable {
  readonly name = 'lambda-async';
  private readonly items = new Map<string, AsyncItem>();
  private readonly timers = new Map<string, { cancel(): void }>();
  private processor?: Processor;
  private stopped = false;

  constructor(private readonly cloud: Cloud) {}

  apply(type: string, data: unknown): void {
    switch (type) {
      case 'accept': {
        const item = (data as { item: AsyncItem }).item;
        this.items.set(item.id, item);
        break;
      }
      case 'retry': {
        const d = data as Pick<AsyncItem, 'id' | 'attempts' | 'throttles' | 'dueAt'>;
        const item = this.items.get(d.id);
        if (item)
          this.items.set(d.id, { ...item, attempts: d.attempts, throttles: d.throttles, dueAt: d.dueAt });
        break;
      }
      case 'done':
        this.items.delete((data as { id: string }).id);
        break;
    }
  }

  snapshot(): unknown {
    return { items: [...this.items.values()] };
  }

  restore(snapshot: unknown): void {
    this.items.clear();
    for (const item of (snapshot as { items?: AsyncItem[] }).items ?? []) this.items.set(item.id, item);
  }

  /** Starts delivering, including whatever a previous run left pending. */
  start(processor: Processor): void {
    this.processor = processor;
    for (const item of this.items.values()) this.schedule(item);
  }

  /** Resolves once the event is on disk; delivery then happens in the background. */
  async enqueue(item: AsyncItem): Promise<void> {
    await this.cloud.persistence.commit(this.name, 'accept', { item });
    const stored = this.items.get(item.id);
    if (stored) this.schedule(stored);
  }

  get pending(): number {
    return this.items.size;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private schedule(item: AsyncItem): void {
    if (this.stopped || !this.processor || this.timers.has(item.id)) return;
    const clock = this.cloud.clock;
    // dueAt is already scaled wall time; convert back so the clock's scaling lands on it exactly.
    const factor = clock.scale(1_000_000) / 1_000_000;
    const wait = Math.max(0, item.dueAt - clock.now());
    const timer = clock.setTimer(() => void this.run(item.id), factor > 0 ? wait / factor : 0);
    this.timers.set(item.id, timer);
  }

  private async run(id: string): Promise<void> {
    this.timers.delete(id);
    const item = this.items.get(id);
    if (!item || this.stopped || !this.processor) return;
    let outcome: Outcome;
    try {
      outcome = await this.processor(item);
    } catch (e) {
      this.cloud.log(`lambda: async event ${id} failed unexpectedly, dropped: ${e}`);
      outcome = { kind: 'done' };
    }
    if (this.stopped || outcome.kind === 'abandon') return;
    if (outcome.kind === 'done') {
      await this.cloud.persistence.commit(this.name, 'done', { id });
      return;
    }
    const dueAt = this.cloud.clock.now() + this.cloud.clock.scale(outcome.delayMs);
    await this.cloud.persistence.commit(this.name, 'retry', {
      id,
      attempts: outcome.attempts,
      throttles: outcome.throttles,
      dueAt,
    });
    const updated = this.items.get(id);
    if (updated) this.schedule(updated);
  }
}
